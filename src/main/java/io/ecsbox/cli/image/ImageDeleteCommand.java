package io.ecsbox.cli.image;

import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ecsbox image delete ID...}: DeleteImage for each id. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = {
      "Delete your custom images (DeleteImage). An image that instances or disks were made from,"
          + " or that is shared, is refused unless --force.",
      "The image leaves the API at once; its file stays on the host until nothing uses it."
    })
public final class ImageDeleteCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(arity = "1..*", paramLabel = "ID", description = "Image ids (m-...).")
  List<String> ids;

  @Option(names = "--force", description = "Delete even while instances or disks use it, and end its sharing.")
  boolean force;

  public ImageDeleteCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    for (String id : ids) {
      ctx.call("DeleteImage", new Params().put("ImageId", id).flag("Force", force));
      if (!ctx.json()) {
        ctx.out().println(id + " deleted");
        ctx.out().flush();
      }
    }
    return ExitCodes.OK;
  }
}
