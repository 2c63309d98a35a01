package io.ecsbox.cli;

import picocli.CommandLine.Command;

/** The commands that only group others; {@link CommandTree} attaches their subcommands. */
public final class Groups {
  private Groups() {}

  /** {@code ecsbox instance}. */
  @Command(
      name = "instance",
      mixinStandardHelpOptions = true,
      description = "Launch, list, inspect and control instances (virtual machines).")
  public static final class Instance extends GroupCommand {}

  /** {@code ecsbox image}. */
  @Command(
      name = "image",
      mixinStandardHelpOptions = true,
      description = "List the images instances boot from, and import your own disk images.")
  public static final class Image extends GroupCommand {}

  /** {@code ecsbox type}. */
  @Command(
      name = "type",
      mixinStandardHelpOptions = true,
      description = "Instance types (vCPUs and memory of an instance) and their families.")
  public static final class Type extends GroupCommand {}

  /** {@code ecsbox region}. */
  @Command(
      name = "region",
      mixinStandardHelpOptions = true,
      description = "Regions this daemon serves.")
  public static final class Region extends GroupCommand {}

  /** {@code ecsbox zone}. */
  @Command(
      name = "zone",
      mixinStandardHelpOptions = true,
      description = "Zones (groups of hosts) in the region.")
  public static final class Zone extends GroupCommand {}
}
