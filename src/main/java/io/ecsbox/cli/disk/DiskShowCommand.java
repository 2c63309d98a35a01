package io.ecsbox.cli.disk;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.KeyValueView;
import io.ecsbox.client.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ecsbox disk show ID}: every attribute of one disk, one per line. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Show all attributes of one disk (DescribeDisks).")
public final class DiskShowCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(paramLabel = "DISK_ID", description = "Disk id (d-...).")
  String id;

  public DiskShowCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode d = Disks.get(ctx, id);
    ctx.out().print(ctx.json() ? Json.pretty(d) : KeyValueView.render(d));
    ctx.out().flush();
    return ExitCodes.OK;
  }
}
