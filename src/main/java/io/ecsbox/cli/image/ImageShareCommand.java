package io.ecsbox.cli.image;

import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ecsbox image share ID ACCOUNT...} and {@code image unshare}: ModifyImageSharePermission. */
public abstract class ImageShareCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "ID", description = "Your custom image (m-...).")
  String id;

  @Parameters(index = "1..*", arity = "1..10", paramLabel = "ACCOUNT", description = "Account ids (at most 10).")
  List<String> accounts;

  ImageShareCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  abstract String parameter();

  abstract String done();

  @Override
  public Integer call() {
    ctx.call("ModifyImageSharePermission", new Params().put("ImageId", id).repeat(parameter(), accounts));
    if (!ctx.json()) {
      ctx.out().println(id + " " + done() + " " + String.join(", ", accounts));
      ctx.out().flush();
    }
    return ExitCodes.OK;
  }

  /** {@code ecsbox image share}. */
  @Command(
      name = "share",
      mixinStandardHelpOptions = true,
      description = "Share a custom image with other accounts (ModifyImageSharePermission AddAccount.N):"
          + " they see it as ImageOwnerAlias=others and may launch instances from it; only you may"
          + " change, share or delete it. At most 50 accounts per image.")
  public static final class Share extends ImageShareCommand {
    public Share(CliContext ctx) {
      super(ctx);
    }

    @Override
    String parameter() {
      return "AddAccount";
    }

    @Override
    String done() {
      return "shared with";
    }
  }

  /** {@code ecsbox image unshare}. */
  @Command(
      name = "unshare",
      mixinStandardHelpOptions = true,
      description = "Stop sharing a custom image with accounts (ModifyImageSharePermission"
          + " RemoveAccount.N). Their instances made from it keep running.")
  public static final class Unshare extends ImageShareCommand {
    public Unshare(CliContext ctx) {
      super(ctx);
    }

    @Override
    String parameter() {
      return "RemoveAccount";
    }

    @Override
    String done() {
      return "no longer shared with";
    }
  }
}
