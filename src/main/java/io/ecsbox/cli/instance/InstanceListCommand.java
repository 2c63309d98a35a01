package io.ecsbox.cli.instance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.cli.common.Table;
import io.ecsbox.cli.common.Tag;
import io.ecsbox.client.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ecsbox instance list}: DescribeInstances as a table, one page or all pages. */
@Command(
    name = "list",
    aliases = "ls",
    mixinStandardHelpOptions = true,
    description = "List instances (DescribeInstances) with their primary private IP and public"
        + " IP, one page at a time unless --all.")
public final class InstanceListCommand implements Callable<Integer> {
  private static final int ALL_PAGE_SIZE = 100;

  private final CliContext ctx;

  @Option(
      names = "--status",
      paramLabel = "STATUS",
      description = "Only instances in this state: Pending, Starting, Running, Stopping, Stopped.")
  String status;

  @Option(
      names = "--name",
      paramLabel = "PATTERN",
      description = "Only instances with this name; * matches any text, e.g. 'web-*'.")
  String name;

  @Option(
      names = "--tag",
      paramLabel = "KEY=VALUE",
      description = "Only instances with this tag; repeat to require several.")
  List<Tag> tags = new ArrayList<>();

  @Option(names = "--page", paramLabel = "N", description = "Page number, from 1 (default: 1).")
  Integer page;

  @Option(
      names = "--page-size",
      paramLabel = "N",
      description = "Instances per page, at most 100 (default: 10).")
  Integer pageSize;

  @Option(names = "--all", description = "Fetch every page.")
  boolean all;

  public InstanceListCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode r = all ? fetchAll() : ctx.call("DescribeInstances",
        filters().put("PageNumber", page).put("PageSize", pageSize));
    ctx.print(r, () -> table(Json.list(r, "Instances", "Instance")));
    int total = r.path("TotalCount").asInt(0);
    int shown = Json.list(r, "Instances", "Instance").size();
    int pageNo = r.path("PageNumber").asInt(1);
    int size = r.path("PageSize").asInt(Math.max(shown, 1));
    if (!all && !ctx.json() && (long) pageNo * size < total) {
      ctx.err().printf("Page %d: %d of %d instances; use --page %d or --all for more.%n",
          pageNo, shown, total, pageNo + 1);
      ctx.err().flush();
    }
    return ExitCodes.OK;
  }

  private Params filters() {
    return new Params().put("Status", status).put("InstanceName", name).tags(tags);
  }

  /** Every page merged into one answer with the usual shape. */
  private JsonNode fetchAll() {
    ObjectNode merged = Json.object();
    ArrayNode items = merged.putObject("Instances").putArray("Instance");
    int total;
    int pageNo = 1;
    do {
      JsonNode r = ctx.call("DescribeInstances",
          filters().put("PageNumber", pageNo).put("PageSize", ALL_PAGE_SIZE));
      List<JsonNode> got = Json.list(r, "Instances", "Instance");
      items.addAll(got);
      total = r.path("TotalCount").asInt(0);
      merged.put("RequestId", Json.text(r, "RequestId"));
      if (got.isEmpty()) {
        break;
      }
      pageNo++;
    } while (items.size() < total);
    merged.put("TotalCount", items.size());
    return merged;
  }

  static Table table(List<JsonNode> instances) {
    Table t = new Table("ID", "NAME", "STATUS", "TYPE", "CPU", "MEM(MiB)", "IMAGE", "CREATED",
        "PRIVATE IP", "PUBLIC IP");
    for (JsonNode i : instances) {
      t.row(Json.text(i, "InstanceId"), Json.text(i, "InstanceName"), Json.text(i, "Status"),
          Json.text(i, "InstanceType"), Json.text(i, "Cpu"), Json.text(i, "Memory"),
          Json.text(i, "ImageId"), Json.text(i, "CreationTime"),
          first(i.path("VpcAttributes").path("PrivateIpAddress")), publicIp(i));
    }
    return t;
  }

  /** The NAT public IP, else the associated EIP's address, else null. */
  static String publicIp(JsonNode instance) {
    String nat = first(instance.path("PublicIpAddress"));
    return nat != null ? nat : Json.text(instance.path("EipAddress"), "IpAddress");
  }

  /** The first address of an ECS {@code {"IpAddress":[...]}} list, or null. */
  private static String first(JsonNode list) {
    JsonNode ip = list.path("IpAddress").path(0);
    return ip.isMissingNode() || ip.asText().isEmpty() ? null : ip.asText();
  }
}
