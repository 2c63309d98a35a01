package io.ecsbox.cli.image;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Table;
import io.ecsbox.client.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ecsbox image catalog}: the images {@code ecsbox image import NAME} knows, without calling the daemon. */
@Command(
    name = "catalog",
    mixinStandardHelpOptions = true,
    description = "List the image catalog: names `ecsbox image import NAME` accepts, with their URL and checksum"
        + " (from " + ImageCatalog.ENV + ", else the catalog built into ecsbox).")
public final class ImageCatalogCommand implements Callable<Integer> {
  private final CliContext ctx;
  @Spec CommandSpec spec;

  public ImageCatalogCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ImageCatalog catalog;
    try {
      catalog = ImageCatalog.load(ctx.env());
    } catch (IllegalStateException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    ObjectNode out = Json.object();
    ArrayNode a = out.putObject("Images").putArray("Image");
    for (ImageCatalog.Entry e : catalog.entries()) {
      a.addObject().put("Name", e.name()).put("OSName", e.osName())
          .put("Url", e.downloadable() ? e.url() : "").put("Checksum", e.checksum() == null ? "" : e.checksum());
    }
    ctx.print(out, () -> {
      Table t = new Table("NAME", "OS", "SOURCE");
      for (ImageCatalog.Entry e : catalog.entries()) {
        t.row(e.name(), e.osName(), e.downloadable() ? e.url() : "built on the host (images/README.md)");
      }
      return t;
    });
    return ExitCodes.OK;
  }
}
