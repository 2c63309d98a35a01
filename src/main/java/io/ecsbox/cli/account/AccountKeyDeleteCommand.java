package io.ecsbox.cli.account;

import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ecsbox account key delete ACCESS_KEY_ID}: DeleteAccessKey. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = "Delete an AccessKey (DeleteAccessKey); requests signed with it fail from then on."
        + " The admin account keeps at least one key.")
public final class AccountKeyDeleteCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(paramLabel = "ACCESS_KEY_ID", description = "The key to delete (LTAI...).")
  String accessKeyId;

  public AccountKeyDeleteCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ctx.call("DeleteAccessKey", new Params().put("AccessKeyId", accessKeyId));
    if (!ctx.json()) {
      ctx.out().println(accessKeyId + " deleted");
      ctx.out().flush();
    }
    return ExitCodes.OK;
  }
}
