package io.ecsbox.cli.instance;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.client.Json;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ecsbox instance modify ID}: ModifyInstanceAttribute. */
@Command(
    name = "modify",
    mixinStandardHelpOptions = true,
    description = {
      "Change an instance's name, host name, description, root password or user data"
          + " (ModifyInstanceAttribute).",
      "A new host name takes effect after a reboot, a new password at the next start; user data"
          + " can only change while the instance is Stopped."
    })
public final class InstanceModifyCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ID", description = "Instance id (i-...).")
  String id;

  @Option(names = "--name", paramLabel = "NAME", description = "New instance name.")
  String name;

  @Option(names = "--hostname", paramLabel = "HOSTNAME", description = "New guest host name.")
  String hostname;

  @Option(names = "--description", paramLabel = "TEXT", description = "New description.")
  String description;

  @Option(
      names = "--user-data-file",
      paramLabel = "FILE",
      description = "File with the new user data (sent Base64-encoded).")
  Path userDataFile;

  @Option(
      names = "--password-prompt",
      description = "Ask for a new root password (twice, without echo; from stdin's first line when it is"
          + " not a terminal); the guest gets it at its next start.")
  boolean passwordPrompt;

  public InstanceModifyCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (name == null && hostname == null && description == null && userDataFile == null && !passwordPrompt) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Nothing to change: give --name, --hostname,"
          + " --description, --user-data-file or --password-prompt.");
    }
    Params p = new Params()
        .put("InstanceId", id)
        .put("InstanceName", name)
        .put("HostName", hostname)
        .put("Description", description)
        .put("Password", passwordPrompt ? PasswordPrompt.read(spec.commandLine()) : null)
        .put("UserData",
            LaunchOptions.encodedUserData(spec.commandLine(), userDataFile, null));
    JsonNode r = ctx.call("ModifyInstanceAttribute", p);
    if (ctx.json()) {
      ctx.out().print(Json.pretty(r));
    } else {
      ctx.out().println(id + ": modified");
    }
    ctx.out().flush();
    return ExitCodes.OK;
  }
}
