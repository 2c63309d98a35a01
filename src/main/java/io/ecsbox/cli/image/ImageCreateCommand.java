package io.ecsbox.cli.image;

import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.client.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ecsbox image create (--instance ID | --snapshot ID)}: CreateImage. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Make a custom image (CreateImage) from an instance's system disk (it is snapshotted first,"
          + " live if the instance runs) or from a system disk snapshot.",
      "The image is a self-contained copy: deleting the instance later does not affect it. Prints"
          + " the new image id; with --wait, shows the progress until it is Available."
    })
public final class ImageCreateCommand implements Callable<Integer> {
  private final CliContext ctx;

  static final class Source {
    @Option(names = "--instance", paramLabel = "ID", required = true, description = "Instance (i-...).")
    String instance;

    @Option(names = "--snapshot", paramLabel = "ID", required = true,
        description = "Snapshot (s-...) of a system disk.")
    String snapshot;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Option(names = "--name", description = "Image name (2-128 characters, starting with a letter).")
  String name;

  @Option(names = "--description", description = "Description.")
  String description;

  @Option(names = "--wait", description = "Wait until the image is Available.")
  boolean wait;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "1800",
      description = "Give up waiting after this long; exit code 4 (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  public ImageCreateCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    var r = ctx.call("CreateImage", new Params().put("InstanceId", source.instance)
        .put("SnapshotId", source.snapshot).put("ImageName", name).put("Description", description));
    String id = Json.text(r, "ImageId");
    if (!ctx.json()) {
      ctx.out().println(id);
      ctx.out().flush();
    }
    if (wait) {
      ImageImportCommand.waitAvailable(ctx, timeoutSeconds, id, "capture");
    }
    if (ctx.json()) {
      ctx.out().print(Json.pretty(r));
      ctx.out().flush();
    }
    return ExitCodes.OK;
  }
}
