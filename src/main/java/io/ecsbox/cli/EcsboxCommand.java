package io.ecsbox.cli;

import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.OutputFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top-level {@code ecsbox} command: holds the global options; subcommands do the work. */
@Command(
    name = "ecsbox",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "An ECS region in a box: run the ecsbox daemon and manage its instances, images and"
          + " host through the ECS API (2014-05-26).",
      "",
      "The CLI talks to the daemon's API like any ECS client. Each setting (endpoint, access"
          + " key, region) comes from the first of:",
      "  1. the environment: ECSBOX_ENDPOINT, ECSBOX_ACCESS_KEY_ID,",
      "     ECSBOX_ACCESS_KEY_SECRET, ECSBOX_REGION_ID;",
      "  2. the Alibaba Cloud tools' variables: ALIBABA_CLOUD_ACCESS_KEY_ID,",
      "     ALIBABA_CLOUD_ACCESS_KEY_SECRET, ALIBABA_CLOUD_REGION_ID;",
      "  3. a profile of the file $ECSBOX_CONFIG, else",
      "     $XDG_CONFIG_HOME/ecsbox/config.json (default ~/.config/ecsbox/...),",
      "     which 'ecsbox configure' writes: the one --profile names, else",
      "     ECSBOX_PROFILE, else the file's current profile;",
      "  4. admin.credentials in the daemon's data directory",
      "     ($ECSBOX_DATA_DIR, default /var/lib/ecsbox).",
      "The access key id and secret come together from one source. The endpoint defaults to"
          + " http://127.0.0.1:18080. An https endpoint whose certificate the JDK does not trust"
          + " is trusted when its SHA-256 fingerprint is in the profile or admin.credentials, else"
          + " pinned on first use in $XDG_CONFIG_HOME/ecsbox/known_endpoints; a changed certificate"
          + " is refused.",
      "New host? Run 'ecsbox doctor' first."
    },
    footer = {
      "",
      "Exit codes: 0 ok, 1 API error, 2 usage error, 3 cannot reach the daemon,"
          + " 4 timed out while waiting."
    })
public final class EcsboxCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Spec CommandSpec spec;

  public EcsboxCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Option(
      names = {"-o", "--output"},
      scope = ScopeType.INHERIT,
      paramLabel = "FORMAT",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: table).")
  void setOutput(OutputFormat format) {
    ctx.format(format);
  }

  @Option(
      names = "--profile",
      scope = ScopeType.INHERIT,
      paramLabel = "NAME",
      description = "The config file's profile to use (default: ECSBOX_PROFILE, else the current one).")
  void setProfile(String name) {
    ctx.profile(name);
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(ctx.err());
    return ExitCodes.USAGE;
  }
}
