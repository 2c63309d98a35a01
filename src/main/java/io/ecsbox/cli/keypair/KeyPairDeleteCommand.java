package io.ecsbox.cli.keypair;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.cli.common.Reply;
import io.ecsbox.client.Json;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ecsbox keypair delete NAME...}: DeleteKeyPairs, all or none. */
@Command(
    name = "delete",
    aliases = "rm",
    mixinStandardHelpOptions = true,
    description = "Delete key pairs by name (DeleteKeyPairs); an unknown name deletes none.")
public final class KeyPairDeleteCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(arity = "1..*", paramLabel = "NAME", description = "Key pair names.")
  List<String> names;

  public KeyPairDeleteCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode r = ctx.call("DeleteKeyPairs", new Params().put("KeyPairNames", Json.array(names)));
    Reply.done(ctx, r, String.join(" ", names) + ": deleted");
    return ExitCodes.OK;
  }
}
