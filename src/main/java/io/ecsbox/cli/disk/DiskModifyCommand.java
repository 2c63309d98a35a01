package io.ecsbox.cli.disk;

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

/** {@code ecsbox disk modify ID}: ModifyDiskAttribute. */
@Command(
    name = "modify",
    mixinStandardHelpOptions = true,
    description = "Change a disk's name, description, or what happens to it and its automatic"
        + " snapshots when its instance or the disk is deleted (ModifyDiskAttribute).")
public final class DiskModifyCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DISK_ID", description = "Disk id (d-...).")
  String diskId;

  @Option(names = "--name", paramLabel = "NAME", description = "New disk name.")
  String name;

  @Option(names = "--description", paramLabel = "TEXT", description = "New description.")
  String description;

  @Option(
      names = "--delete-with-instance",
      arity = "1",
      paramLabel = "true|false",
      description = "Whether the disk is released together with its instance.")
  Boolean deleteWithInstance;

  @Option(
      names = "--delete-auto-snapshot",
      arity = "1",
      paramLabel = "true|false",
      description = "Whether the disk's automatic snapshots are deleted with the disk.")
  Boolean deleteAutoSnapshot;

  @Option(
      names = "--enable-auto-snapshot",
      arity = "1",
      paramLabel = "true|false",
      description = "Whether the disk's automatic snapshot policy takes snapshots.")
  Boolean enableAutoSnapshot;

  public DiskModifyCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Params p = new Params()
        .put("DiskName", name)
        .put("Description", description)
        .put("DeleteWithInstance", deleteWithInstance)
        .put("DeleteAutoSnapshot", deleteAutoSnapshot)
        .put("EnableAutoSnapshot", enableAutoSnapshot);
    if (p.toMap().isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Nothing to change: give"
          + " --name, --description, --delete-with-instance, --delete-auto-snapshot or"
          + " --enable-auto-snapshot.");
    }
    JsonNode r = ctx.call("ModifyDiskAttribute", p.put("DiskId", diskId));
    Reply.done(ctx, r, diskId + ": modified");
    return ExitCodes.OK;
  }
}
