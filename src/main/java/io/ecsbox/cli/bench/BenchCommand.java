package io.ecsbox.cli.bench;

import io.ecsbox.cli.common.GroupCommand;
import picocli.CommandLine.Command;

/** {@code ecsbox bench}: benchmarks that print their figures. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks on this host: launches and density against plain libvirt, snapshots against"
        + " full copies, security groups, QEMU's disk I/O modes, API load, API fuzzing, the daemon's memory.")
public final class BenchCommand extends GroupCommand {}
