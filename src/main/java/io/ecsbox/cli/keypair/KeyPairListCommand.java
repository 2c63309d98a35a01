package io.ecsbox.cli.keypair;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.cli.common.Table;
import io.ecsbox.client.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ecsbox keypair list}: DescribeKeyPairs (the first 50; --name takes ECS's * wildcard). */
@Command(
    name = "list",
    aliases = "ls",
    mixinStandardHelpOptions = true,
    description = "List your key pairs (DescribeKeyPairs).")
public final class KeyPairListCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = "--name", description = "Only names like this; * matches any text.")
  String name;

  public KeyPairListCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Params p = new Params().put("PageSize", "50");
    if (name != null) {
      p.put("KeyPairName", name);
    }
    JsonNode r = ctx.call("DescribeKeyPairs", p);
    ctx.print(r, () -> {
      Table t = new Table("NAME", "ID", "FINGERPRINT", "CREATED");
      Json.list(r, "KeyPairs", "KeyPair").forEach(k -> t.row(Json.text(k, "KeyPairName"),
          Json.text(k, "KeyPairId"), Json.text(k, "KeyPairFingerPrint"), Json.text(k, "CreationTime")));
      return t;
    });
    return ExitCodes.OK;
  }
}
