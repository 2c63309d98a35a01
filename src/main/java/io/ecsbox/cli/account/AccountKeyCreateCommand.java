package io.ecsbox.cli.account;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.KeyValueView;
import io.ecsbox.cli.common.Params;
import io.ecsbox.client.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ecsbox account key create ACCOUNT_ID}: CreateAccessKey; shows the secret once. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = "Make another AccessKey for an account (CreateAccessKey). The secret is shown only this once.")
public final class AccountKeyCreateCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(paramLabel = "ACCOUNT_ID", description = "The account (see `ecsbox account list`).")
  String accountId;

  public AccountKeyCreateCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    printSecret(ctx, ctx.call("CreateAccessKey", new Params().put("AccountId", accountId)));
    return ExitCodes.OK;
  }

  /** Prints an answer that carries an AccessKeySecret, with the warning that it is not shown again. */
  static void printSecret(CliContext ctx, JsonNode r) {
    if (ctx.json()) {
      ctx.out().print(Json.pretty(r));
    } else {
      com.fasterxml.jackson.databind.node.ObjectNode view = Json.object();
      for (String f : new String[] {"AccountId", "AccountName", "AccessKeyId", "AccessKeySecret"}) {
        if (Json.text(r, f) != null) {
          view.put(f, Json.text(r, f));
        }
      }
      ctx.out().print(KeyValueView.render(view));
      ctx.err().println("Keep the AccessKeySecret now: ecsbox shows it only this once.");
    }
    ctx.out().flush();
    ctx.err().flush();
  }
}
