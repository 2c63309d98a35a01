package io.ecsbox.cli.account;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.cli.common.Table;
import io.ecsbox.client.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ecsbox account key list ACCOUNT_ID}: DescribeAccessKeys (never secrets). */
@Command(
    name = "list",
    aliases = "ls",
    mixinStandardHelpOptions = true,
    description = "List an account's AccessKeys (DescribeAccessKeys); secrets are never shown again.")
public final class AccountKeyListCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(paramLabel = "ACCOUNT_ID", description = "The account (see `ecsbox account list`).")
  String accountId;

  public AccountKeyListCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode r = ctx.call("DescribeAccessKeys", new Params().put("AccountId", accountId));
    ctx.print(r, () -> {
      Table t = new Table("ACCESS KEY ID", "CREATED");
      Json.list(r, "AccessKeys", "AccessKey")
          .forEach(k -> t.row(Json.text(k, "AccessKeyId"), Json.text(k, "CreationTime")));
      return t;
    });
    return ExitCodes.OK;
  }
}
