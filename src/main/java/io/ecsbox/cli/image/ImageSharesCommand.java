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
import picocli.CommandLine.Parameters;

/** {@code ecsbox image shares ID}: DescribeImageSharePermission, every page. */
@Command(
    name = "shares",
    mixinStandardHelpOptions = true,
    description = "List the accounts a custom image of yours is shared with (DescribeImageSharePermission).")
public final class ImageSharesCommand implements Callable<Integer> {
  private static final int PAGE_SIZE = 100;
  private final CliContext ctx;

  @Parameters(paramLabel = "ID", description = "Your custom image (m-...).")
  String id;

  public ImageSharesCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ObjectNode merged = Json.object().put("ImageId", id);
    ArrayNode items = merged.putObject("Accounts").putArray("Account");
    int total;
    int page = 1;
    do {
      JsonNode r = ctx.call("DescribeImageSharePermission", new Params().put("ImageId", id)
          .put("PageNumber", page).put("PageSize", PAGE_SIZE));
      List<JsonNode> got = Json.list(r, "Accounts", "Account");
      items.addAll(got);
      merged.put("RequestId", Json.text(r, "RequestId"));
      total = r.path("TotalCount").asInt(0);
      if (got.isEmpty()) {
        break;
      }
      page++;
    } while (items.size() < total);
    merged.put("TotalCount", items.size());
    ctx.print(merged, () -> {
      Table t = new Table("ACCOUNT", "SHARED");
      Json.list(merged, "Accounts", "Account")
          .forEach(a -> t.row(Json.text(a, "AliyunId"), Json.text(a, "SharedTime")));
      return t;
    });
    return ExitCodes.OK;
  }
}
