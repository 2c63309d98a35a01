package io.ecsbox.cli.account;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ecsbox account create NAME}: CreateAccount (admin only); shows the new key's secret once. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Create an account with its first AccessKey (CreateAccount; ecsbox admin only).",
      "Prints AccountId, AccessKeyId and AccessKeySecret. The secret is shown only this once."
    })
public final class AccountCreateCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(paramLabel = "NAME", description = "Account name: a letter, then letters, digits, '.', '_', '-'.")
  String name;

  public AccountCreateCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode r = ctx.call("CreateAccount", new Params().put("AccountName", name));
    AccountKeyCreateCommand.printSecret(ctx, r);
    return ExitCodes.OK;
  }
}
