package io.ecsbox.cli.instance;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.cli.common.Table;
import io.ecsbox.client.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ecsbox instance events}: the system events (DescribeInstanceHistoryEvents), newest first. */
@Command(
    name = "events",
    mixinStandardHelpOptions = true,
    description = {"List what the host did to instances or found happened to them, newest first",
        "(DescribeInstanceHistoryEvents): a start the host could not do, a guest whose QEMU was",
        "killed (e.g. by the OOM killer). Events are kept 30 days, also after the instance is deleted."})
public final class InstanceEventsCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(arity = "0..*", paramLabel = "ID", description = "Only these instances (default: all).")
  List<String> ids = new ArrayList<>();

  @Option(names = "--type", paramLabel = "TYPE", description = "Only this event type, e.g. SystemFailure.Stop.")
  String type;

  @Option(names = "--page", paramLabel = "N", description = "Page number, from 1 (default: 1).")
  Integer page;

  @Option(names = "--page-size", paramLabel = "N", description = "Events per page, at most 100 (default: 10).")
  Integer pageSize;

  public InstanceEventsCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode r = ctx.call("DescribeInstanceHistoryEvents", new Params().repeat("ResourceId", ids)
        .put("EventType", type).put("PageNumber", page).put("PageSize", pageSize));
    List<JsonNode> events = Json.list(r, "InstanceSystemEventSet", "InstanceSystemEventType");
    ctx.print(r, () -> {
      Table t = new Table("TIME", "INSTANCE", "TYPE", "EVENT", "REASON");
      for (JsonNode e : events) {
        t.row(Json.text(e, "EventPublishTime"), Json.text(e, "InstanceId"),
            Json.text(e.path("EventType"), "Name"), Json.text(e, "EventId"), Json.text(e, "Reason"));
      }
      return t;
    });
    int total = r.path("TotalCount").asInt(0);
    int pageNo = r.path("PageNumber").asInt(1);
    int size = r.path("PageSize").asInt(Math.max(events.size(), 1));
    if (!ctx.json() && (long) pageNo * size < total) {
      ctx.err().printf("Page %d: %d of %d events; use --page %d for more.%n", pageNo, events.size(), total,
          pageNo + 1);
      ctx.err().flush();
    }
    return ExitCodes.OK;
  }
}
