package io.ecsbox.cli.network;

import io.ecsbox.cli.common.GroupCommand;
import picocli.CommandLine.Command;

/** The networking command groups; {@link io.ecsbox.cli.CommandTree} attaches their subcommands. */
public final class NetworkGroups {
  private NetworkGroups() {}

  /** {@code ecsbox vpc}. */
  @Command(
      name = "vpc",
      mixinStandardHelpOptions = true,
      description = "Create, list and delete VPCs (private networks, each its own routing domain).")
  public static final class Vpc extends GroupCommand {}

  /** {@code ecsbox vswitch}. */
  @Command(
      name = "vswitch",
      mixinStandardHelpOptions = true,
      description = "Create, list and delete vSwitches (subnets of a VPC in one zone).")
  public static final class VSwitch extends GroupCommand {}

  /** {@code ecsbox sg}. */
  @Command(
      name = "sg",
      mixinStandardHelpOptions = true,
      description = "Security groups: stateful firewalls for the network interfaces that join"
          + " them.")
  public static final class Sg extends GroupCommand {}

  /** {@code ecsbox sg rule}. */
  @Command(
      name = "rule",
      mixinStandardHelpOptions = true,
      description = "Add and remove the rules of a security group.")
  public static final class SgRule extends GroupCommand {}

  /** {@code ecsbox eni}. */
  @Command(
      name = "eni",
      mixinStandardHelpOptions = true,
      description = "Elastic network interfaces: create them in a vSwitch, attach them to"
          + " instances as extra NICs.")
  public static final class Eni extends GroupCommand {}

  /** {@code ecsbox eip}. */
  @Command(
      name = "eip",
      mixinStandardHelpOptions = true,
      description = "Elastic IP addresses: public IPs you allocate and map to an instance or"
          + " ENI (the operator must configure a public range).")
  public static final class Eip extends GroupCommand {}
}
