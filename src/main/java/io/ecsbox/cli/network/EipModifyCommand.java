package io.ecsbox.cli.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.cli.common.Reply;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ecsbox eip modify EIP}: ModifyEipAddressAttribute. */
@Command(
    name = "modify",
    mixinStandardHelpOptions = true,
    description = "Change an EIP's bandwidth limit, name or description"
        + " (ModifyEipAddressAttribute); a new bandwidth applies at once.")
public final class EipModifyCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ALLOCATION_ID", description = "EIP allocation id (eip-...).")
  String allocationId;

  @Option(names = "--bandwidth", paramLabel = "Mbps", description = "New limit, 1-200 Mbit/s.")
  Integer bandwidth;

  @Option(names = "--name", paramLabel = "NAME", description = "New name.")
  String name;

  @Option(names = "--description", paramLabel = "TEXT", description = "New description.")
  String description;

  public EipModifyCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Params p = new Params().put("Bandwidth", bandwidth).put("Name", name)
        .put("Description", description);
    if (p.toMap().isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Nothing to change: give --bandwidth, --name or --description.");
    }
    JsonNode r = ctx.call("ModifyEipAddressAttribute", p.put("AllocationId", allocationId));
    Reply.done(ctx, r, allocationId + ": modified");
    return ExitCodes.OK;
  }
}
