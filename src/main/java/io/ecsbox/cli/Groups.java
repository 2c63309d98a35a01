package io.ecsbox.cli;

import io.ecsbox.cli.common.GroupCommand;
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

  /** {@code ecsbox config}. */
  @Command(
      name = "config",
      mixinStandardHelpOptions = true,
      description = "The daemon's configuration: /etc/ecsbox/ecsbox.conf, the ECSBOX_* environment and flags.")
  public static final class Config extends GroupCommand {}

  /** {@code ecsbox image}. */
  @Command(
      name = "image",
      mixinStandardHelpOptions = true,
      description = "List the images instances boot from; import (file, URL, catalog), share and delete your own.")
  public static final class Image extends GroupCommand {}

  /** {@code ecsbox account}. */
  @Command(
      name = "account",
      mixinStandardHelpOptions = true,
      description = "Accounts and their AccessKeys (ecsbox admin only).")
  public static final class Account extends GroupCommand {}

  /** {@code ecsbox disk}. */
  @Command(
      name = "disk",
      mixinStandardHelpOptions = true,
      description = "Create, attach, detach, grow and delete disks (block storage), and roll"
          + " them back to snapshots.")
  public static final class Disk extends GroupCommand {}

  /** {@code ecsbox snapshot}. */
  @Command(
      name = "snapshot",
      mixinStandardHelpOptions = true,
      description = "Take, list and delete point-in-time copies of disks, by hand or on a"
          + " schedule ('snapshot policy').")
  public static final class Snapshot extends GroupCommand {}

  /** {@code ecsbox snapshot policy}. */
  @Command(
      name = "policy",
      mixinStandardHelpOptions = true,
      description = "Automatic snapshot policies: weekly schedules that snapshot the disks they"
          + " are applied to, and delete old snapshots after a retention period.")
  public static final class SnapshotPolicy extends GroupCommand {}

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

  /** {@code ecsbox keypair}. */
  @Command(
      name = "keypair",
      mixinStandardHelpOptions = true,
      description = "SSH key pairs: make one (the private key is shown once) or import your public key.")
  public static final class KeyPair extends GroupCommand {}
}
