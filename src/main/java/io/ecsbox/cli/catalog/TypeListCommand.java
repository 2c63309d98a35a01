package io.ecsbox.cli.catalog;

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

/** {@code ecsbox type list}: DescribeInstanceTypes, following NextToken. */
@Command(
    name = "list",
    aliases = "ls",
    mixinStandardHelpOptions = true,
    description = "List instance types: vCPUs and memory each gives an instance"
        + " (DescribeInstanceTypes).")
public final class TypeListCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(
      names = "--family",
      paramLabel = "FAMILY",
      description = "Only types of this family, e.g. ecs.g5 (see 'ecsbox type families').")
  String family;

  public TypeListCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ObjectNode merged = Json.object();
    ArrayNode items = merged.putObject("InstanceTypes").putArray("InstanceType");
    String token = null;
    do {
      JsonNode r = ctx.call("DescribeInstanceTypes", new Params()
          .put("InstanceTypeFamily", family).put("NextToken", token).put("MaxResults", 100));
      List<JsonNode> got = Json.list(r, "InstanceTypes", "InstanceType");
      items.addAll(got);
      merged.put("RequestId", Json.text(r, "RequestId"));
      token = got.isEmpty() ? null : Json.text(r, "NextToken");
    } while (token != null && !token.isEmpty());
    ctx.print(merged, () -> table(Json.list(merged, "InstanceTypes", "InstanceType")));
    return ExitCodes.OK;
  }

  static Table table(List<JsonNode> types) {
    Table t = new Table("TYPE", "FAMILY", "VCPU", "MEM(GiB)", "ARCH");
    for (JsonNode i : types) {
      t.row(Json.text(i, "InstanceTypeId"), Json.text(i, "InstanceTypeFamily"),
          Json.text(i, "CpuCoreCount"), Json.text(i, "MemorySize"),
          Json.text(i, "CpuArchitecture"));
    }
    return t;
  }
}
