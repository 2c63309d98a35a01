package io.ecsbox.cli.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.CliContext;
import io.ecsbox.cli.ExitCodes;
import io.ecsbox.cli.Json;
import io.ecsbox.cli.Params;
import io.ecsbox.cli.Progress;
import io.ecsbox.cli.client.EcsApiException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ecsbox image import --path FILE}: ImportImage from a file on the daemon's host. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Import a disk image file as a custom image (ImportImage). The daemon reads the file,"
          + " so the path must exist on the daemon's host; it is sent as an absolute path.",
      "Prints the new image id. With --wait, shows the import progress until the image is"
          + " Available."
    })
public final class ImageImportCommand implements Callable<Integer> {
  /** Disk image formats the daemon accepts. */
  enum Format {
    qcow2,
    raw
  }

  private final CliContext ctx;

  @Option(names = "--path", required = true, paramLabel = "FILE", description = "Image file.")
  Path path;

  @Option(names = "--name", paramLabel = "NAME", description = "Image name.")
  String name;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "File format: ${COMPLETION-CANDIDATES} (default: raw for .raw/.img files,"
          + " else qcow2).")
  Format format;

  @Option(
      names = "--os-type",
      defaultValue = "linux",
      paramLabel = "OS",
      description = "Guest operating system type (default: ${DEFAULT-VALUE}).")
  String osType;

  @Option(names = "--wait", description = "Wait until the image is Available.")
  boolean wait;

  @Option(
      names = "--timeout",
      defaultValue = "1800",
      paramLabel = "SECONDS",
      description = "Give up waiting after this long; exit code 4 (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  public ImageImportCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Path abs = path.toAbsolutePath().normalize();
    if (!Files.isRegularFile(abs)) {
      ctx.err().println("Warning: " + abs + " is not a file here; the daemon's host must have it.");
    }
    JsonNode r = ctx.call("ImportImage", new Params()
        .put("ImageName", name)
        .put("OSType", osType)
        .put("DiskDeviceMapping.1.OSSBucket", "")
        .put("DiskDeviceMapping.1.OSSObject", abs.toString())
        .put("DiskDeviceMapping.1.Format", apiFormat(format != null ? format : guess(abs))));
    String imageId = Json.text(r, "ImageId");
    if (!ctx.json()) {
      ctx.out().println(imageId);
      ctx.out().flush();
    }
    if (wait) {
      waitAvailable(imageId);
    }
    if (ctx.json()) {
      ctx.out().print(Json.pretty(r));
      ctx.out().flush();
    }
    return ExitCodes.OK;
  }

  /** ECS spells the formats RAW, VHD and qcow2. */
  static String apiFormat(Format f) {
    return f == Format.raw ? "RAW" : "qcow2";
  }

  static Format guess(Path p) {
    String n = p.getFileName().toString().toLowerCase();
    return n.endsWith(".raw") || n.endsWith(".img") ? Format.raw : Format.qcow2;
  }

  private void waitAvailable(String imageId) {
    Progress progress = ctx.progress();
    String[] state = {"Creating", "0%"};
    try {
      ctx.waiter().until(Duration.ofSeconds(timeoutSeconds),
          () -> "image " + imageId + " to be Available (" + state[0] + " " + state[1] + ")",
          elapsed -> {
            JsonNode r = ctx.call("DescribeImages", new Params().put("ImageId", imageId)
                .put("Status", "Creating,Waiting,Available,CreateFailed"));
            List<JsonNode> images = Json.list(r, "Images", "Image");
            if (!images.isEmpty()) {
              state[0] = Json.text(images.get(0), "Status");
              state[1] = Json.text(images.get(0), "Progress");
            }
            if ("CreateFailed".equals(state[0])) {
              progress.done();
              throw new EcsApiException(400, "CreateFailed",
                  "The import of image " + imageId + " failed; see the daemon log.",
                  Json.text(r, "RequestId"));
            }
            boolean done = "Available".equals(state[0]);
            int pct = done ? 100 : ProgressBar.percent(state[1]);
            progress.update(ProgressBar.render(pct) + " " + state[0], elapsed);
            return done;
          });
    } finally {
      progress.done();
    }
  }
}
