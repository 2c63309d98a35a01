package io.ecsbox.cli.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.cli.common.Progress;
import io.ecsbox.client.EcsApiException;
import io.ecsbox.client.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ecsbox image import}: ImportImage from a catalog name, an http(s) URL or a file on the
 * daemon's host. The daemon downloads and verifies; this command only asks and waits.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Import a disk image as a custom image (ImportImage), from a catalog name (see `ecsbox image"
          + " catalog`), an http(s) URL, or --path FILE on the daemon's host (sent as an absolute path).",
      "The daemon downloads a URL itself and checks --sha256/--checksum (or the catalog's checksum)"
          + " before the image becomes Available.",
      "Prints the new image id. With --wait, shows the progress until the image is Available."
    })
public final class ImageImportCommand implements Callable<Integer> {
  /** Disk image formats the daemon accepts. */
  enum Format {
    qcow2,
    raw
  }

  private final CliContext ctx;
  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "NAME|URL", description = "A catalog image name or an http(s) URL.")
  String source;

  @Option(names = "--path", paramLabel = "FILE", description = "Image file on the daemon's host.")
  Path path;

  @Option(names = "--url", paramLabel = "URL", description = "http(s) URL the daemon downloads the image from.")
  String url;

  @Option(names = "--sha256", paramLabel = "HEX", description = "SHA-256 the source file must have.")
  String sha256;

  @Option(
      names = "--checksum",
      paramLabel = "SPEC",
      description = "sha256:HEX, sha512:HEX or file:URL of a SHA256SUMS list the source file must match.")
  String checksum;

  @Option(names = "--name", paramLabel = "NAME", description = "Image name.")
  String name;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "File format: ${COMPLETION-CANDIDATES} (default: raw for .raw/.img files,"
          + " else qcow2; for URLs the daemon detects it).")
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
    int given = (source != null ? 1 : 0) + (path != null ? 1 : 0) + (url != null ? 1 : 0);
    if (given != 1) {
      throw usage("Give exactly one of NAME|URL, --url URL or --path FILE.");
    }
    if (sha256 != null && checksum != null) {
      throw usage("Give --sha256 or --checksum, not both.");
    }
    Params p = new Params().put("OSType", osType).put("DiskDeviceMapping.1.OSSBucket", "")
        .put("Sha256", sha256).put("Checksum", checksum);
    boolean remote;
    if (path != null) {
      Path abs = path.toAbsolutePath().normalize();
      if (!Files.isRegularFile(abs)) {
        ctx.err().println("Warning: " + abs + " is not a file here; the daemon's host must have it.");
      }
      p.put("ImageName", name).put("DiskDeviceMapping.1.OSSObject", abs.toString())
          .put("DiskDeviceMapping.1.Format", apiFormat(format != null ? format : guess(abs)));
      remote = false;
    } else if (url != null || source.matches("(?i)https?://.+")) {
      p.put("ImageName", name).put("DiskDeviceMapping.1.OSSObject", url != null ? url : source)
          .put("DiskDeviceMapping.1.Format", format == null ? null : apiFormat(format));
      remote = true;
    } else {
      fromCatalog(p, catalogEntry(source));
      remote = true;
    }
    JsonNode r = ctx.call("ImportImage", p);
    String imageId = Json.text(r, "ImageId");
    if (!ctx.json()) {
      ctx.out().println(imageId);
      ctx.out().flush();
    }
    if (wait) {
      waitAvailable(ctx, timeoutSeconds, imageId, remote ? "import" : "local");
    }
    if (ctx.json()) {
      ctx.out().print(Json.pretty(r));
      ctx.out().flush();
    }
    return ExitCodes.OK;
  }

  private ImageCatalog.Entry catalogEntry(String name) {
    ImageCatalog catalog;
    try {
      catalog = ImageCatalog.load(ctx.env());
    } catch (IllegalStateException e) {
      throw usage(e.getMessage());
    }
    ImageCatalog.Entry e = catalog.find(name).orElseThrow(() -> usage("No image " + name + " in "
        + catalog.origin() + "; known: " + String.join(", ", catalog.entries().stream()
            .filter(ImageCatalog.Entry::downloadable).map(ImageCatalog.Entry::name).toList())
        + ". Give a URL or --path FILE for other images."));
    if (!e.downloadable()) {
      throw usage(name + " is not downloaded but built on the host (see images/README.md).");
    }
    return e;
  }

  // The catalog's URL, checksum and description; --name, --format and checksum options still win.
  private void fromCatalog(Params p, ImageCatalog.Entry e) {
    p.put("ImageName", name != null ? name : e.imageName() != null ? e.imageName() : e.name())
        .put("Description", e.description())
        .put("Platform", e.platform())
        .put("Architecture", e.architecture())
        .put("DiskDeviceMapping.1.OSSObject", e.url())
        .put("DiskDeviceMapping.1.Format", format != null ? apiFormat(format) : e.format());
    if (sha256 == null && checksum == null) {
      p.put("Checksum", e.checksum());
    }
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  /** ECS spells the formats RAW, VHD and qcow2. */
  static String apiFormat(Format f) {
    return f == Format.raw ? "RAW" : "qcow2";
  }

  static Format guess(Path p) {
    String n = p.getFileName().toString().toLowerCase();
    return n.endsWith(".raw") || n.endsWith(".img") ? Format.raw : Format.qcow2;
  }

  /**
   * Waits until the image is Available, showing its progress; a CreateFailed image is an API
   * error. {@code kind}: "import" (a download, then a conversion), "local" or "capture".
   */
  static void waitAvailable(CliContext ctx, long timeoutSeconds, String imageId, String kind) {
    boolean remote = kind.equals("import");
    Progress progress = ctx.progress();
    String[] state = {"Creating", "0%"};
    try {
      ctx.waiter().until(Duration.ofSeconds(timeoutSeconds),
          () -> "image " + imageId + " to be Available (" + state[0] + " " + state[1] + ")",
          elapsed -> {
            JsonNode r = ctx.call("DescribeImages", new Params().put("ImageId", imageId)
                .put("Status", "Creating,Waiting,Available,CreateFailed"));
            List<JsonNode> images = Json.list(r, "Images", "Image");
            String why = null;
            if (!images.isEmpty()) {
              state[0] = Json.text(images.get(0), "Status");
              state[1] = Json.text(images.get(0), "Progress");
              why = Json.text(images.get(0), "ErrorMessage");
            }
            if ("CreateFailed".equals(state[0])) {
              progress.done();
              throw new EcsApiException(400, "CreateFailed", "Image " + imageId + " failed"
                  + (why == null || why.isEmpty() ? "; see the daemon log." : ": " + why),
                  Json.text(r, "RequestId"));
            }
            boolean done = "Available".equals(state[0]);
            int pct = done ? 100 : ProgressBar.percent(state[1]);
            String phase = done || !remote ? "" : pct < 50 ? ", downloading" : ", converting";
            progress.update(ProgressBar.render(pct) + " " + state[0] + phase, elapsed);
            return done;
          });
    } finally {
      progress.done();
    }
  }
}
