package io.ecsbox.bench;

import io.ecsbox.cli.GroupCommand;
import picocli.CommandLine.Command;

/** {@code ecsbox bench}: benchmarks that print their figures. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks: measure ecsbox against plain libvirt on this host.")
public final class BenchCommand extends GroupCommand {}
