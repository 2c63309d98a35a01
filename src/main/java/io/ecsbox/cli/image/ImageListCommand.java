package io.ecsbox.cli.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.cli.common.Table;
import io.ecsbox.client.Json;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ecsbox image list}: DescribeImages, every page. */
@Command(
    name = "list",
    aliases = "ls",
    mixinStandardHelpOptions = true,
    description = "List images instances can boot from (DescribeImages). By default only"
        + " Available ones; --all-statuses also shows images being imported or failed.")
public final class ImageListCommand implements Callable<Integer> {
  static final String ALL_STATUSES =
      "Creating,Waiting,Available,UnAvailable,CreateFailed,Deprecated";
  private static final int PAGE_SIZE = 100;

  /** Whose images to list. */
  enum Owner {
    system,
    self,
    others
  }

  private final CliContext ctx;

  @Option(
      names = "--owner",
      paramLabel = "OWNER",
      description = "Only images of this owner: ${COMPLETION-CANDIDATES}"
          + " (system = shipped with ecsbox, self = imported or created by you).")
  Owner owner;

  @Option(names = "--all-statuses", description = "Include images that are not Available.")
  boolean allStatuses;

  public ImageListCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ObjectNode merged = Json.object();
    ArrayNode items = merged.putObject("Images").putArray("Image");
    int page = 1;
    int total;
    do {
      JsonNode r = ctx.call("DescribeImages", new Params()
          .put("ImageOwnerAlias", owner)
          .put("Status", allStatuses ? ALL_STATUSES : null)
          .put("PageNumber", page)
          .put("PageSize", PAGE_SIZE));
      List<JsonNode> got = Json.list(r, "Images", "Image");
      items.addAll(got);
      merged.put("RequestId", Json.text(r, "RequestId"));
      total = r.path("TotalCount").asInt(0);
      if (got.isEmpty()) {
        break;
      }
      page++;
    } while (items.size() < total);
    merged.put("TotalCount", items.size());
    ctx.print(merged, () -> table(Json.list(merged, "Images", "Image")));
    return ExitCodes.OK;
  }

  static Table table(List<JsonNode> images) {
    Table t = new Table("ID", "NAME", "STATUS", "PROGRESS", "OS", "SIZE(GiB)", "OWNER", "CREATED");
    for (JsonNode i : images) {
      t.row(Json.text(i, "ImageId"), Json.text(i, "ImageName"), Json.text(i, "Status"),
          Json.text(i, "Progress"), Json.text(i, "OSName"), Json.text(i, "Size"),
          Json.text(i, "ImageOwnerAlias"), Json.text(i, "CreationTime"));
    }
    return t;
  }
}
