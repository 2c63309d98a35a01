package io.ecsbox.cli.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.cli.common.Table;
import io.ecsbox.client.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ecsbox type families}: DescribeInstanceTypeFamilies. */
@Command(
    name = "families",
    mixinStandardHelpOptions = true,
    description = "List instance type families, e.g. ecs.g5 (general purpose, 1 vCPU : 4 GiB)"
        + " (DescribeInstanceTypeFamilies).")
public final class TypeFamiliesCommand implements Callable<Integer> {
  private final CliContext ctx;

  public TypeFamiliesCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode r = ctx.call("DescribeInstanceTypeFamilies", new Params());
    ctx.print(r, () -> {
      Table t = new Table("FAMILY", "GENERATION");
      for (JsonNode f : Json.list(r, "InstanceTypeFamilies", "InstanceTypeFamily")) {
        t.row(Json.text(f, "InstanceTypeFamilyId"), Json.text(f, "Generation"));
      }
      return t;
    });
    return ExitCodes.OK;
  }
}
