package io.ecsbox.cli.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Pages;
import io.ecsbox.cli.common.Params;
import io.ecsbox.cli.common.Table;
import io.ecsbox.client.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ecsbox snapshot policy list}: DescribeAutoSnapshotPolicyEx, every page. */
@Command(
    name = "list",
    aliases = "ls",
    mixinStandardHelpOptions = true,
    description = "List automatic snapshot policies (DescribeAutoSnapshotPolicyEx): their"
        + " schedule (hours in UTC+8, weekdays with 1 = Monday), retention and how many disks"
        + " use them.")
public final class PolicyListCommand implements Callable<Integer> {
  static final int PAGE_SIZE = 50;

  private final CliContext ctx;

  @Option(names = "--name", paramLabel = "NAME", description = "Only the policy with this name.")
  String name;

  public PolicyListCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ObjectNode r = Pages.all(ctx, "DescribeAutoSnapshotPolicyEx",
        () -> new Params().put("AutoSnapshotPolicyName", name),
        "AutoSnapshotPolicies", "AutoSnapshotPolicy", PAGE_SIZE);
    ctx.print(r, () -> table(Json.list(r, "AutoSnapshotPolicies", "AutoSnapshotPolicy")));
    return ExitCodes.OK;
  }

  static Table table(List<JsonNode> policies) {
    Table t = new Table("ID", "NAME", "HOURS(UTC+8)", "WEEKDAYS", "KEEP(DAYS)", "DISKS",
        "STATUS", "CREATED");
    for (JsonNode p : policies) {
      t.row(Json.text(p, "AutoSnapshotPolicyId"), Json.text(p, "AutoSnapshotPolicyName"),
          commaList(Json.text(p, "TimePoints")), commaList(Json.text(p, "RepeatWeekdays")),
          Json.text(p, "RetentionDays"), Json.text(p, "DiskNums"), Json.text(p, "Status"),
          Json.text(p, "CreationTime"));
    }
    return t;
  }

  /** {@code ["0","12"]} as {@code 0,12}; text that is not a JSON array is shown as it is. */
  static String commaList(String jsonArray) {
    if (jsonArray == null) {
      return null;
    }
    try {
      JsonNode arr = Json.MAPPER.readTree(jsonArray);
      if (arr == null || !arr.isArray()) {
        return jsonArray;
      }
      List<String> parts = new ArrayList<>();
      arr.forEach(n -> parts.add(n.asText()));
      return String.join(",", parts);
    } catch (IOException e) {
      return jsonArray;
    }
  }
}
