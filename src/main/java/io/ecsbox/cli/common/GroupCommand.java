package io.ecsbox.cli.common;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of commands that only group subcommands ({@code ecsbox instance}): run alone they
 * print their usage to stderr and exit 2.
 */
public abstract class GroupCommand implements Callable<Integer> {
  @Spec protected CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
