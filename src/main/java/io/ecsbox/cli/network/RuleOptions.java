package io.ecsbox.cli.network;

import io.ecsbox.cli.common.Params;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options that describe one security group rule ({@code sg rule add} and {@code remove}),
 * and their mapping to the flat Authorize/Revoke parameters: for ingress the remote side is
 * SourceCidrIp / SourceGroupId, for egress DestCidrIp / DestGroupId.
 */
public final class RuleOptions {
  /** Which traffic a rule matches. */
  enum Direction {
    ingress,
    egress
  }

  /** IpProtocol. */
  enum Protocol {
    tcp,
    udp,
    icmp,
    gre,
    all
  }

  /** What a matching rule does. */
  enum Policy {
    accept,
    drop
  }

  @Option(
      names = "--direction",
      defaultValue = "ingress",
      paramLabel = "DIR",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Direction direction;

  @Option(
      names = "--protocol",
      paramLabel = "PROTO",
      description = "${COMPLETION-CANDIDATES}.")
  Protocol protocol;

  @Option(
      names = "--port",
      paramLabel = "FROM/TO",
      description = "Destination ports, e.g. 22/22, 8000/8100 or 22 (tcp and udp; others take"
          + " none or -1/-1).")
  String port;

  @Option(
      names = "--cidr",
      paramLabel = "CIDR",
      description = "Remote addresses: the source for ingress, the destination for egress.")
  String cidr;

  @Option(
      names = "--group",
      paramLabel = "SG_ID",
      description = "Remote security group (its members) instead of --cidr.")
  String group;

  @Option(
      names = "--policy",
      paramLabel = "POLICY",
      description = "${COMPLETION-CANDIDATES} (default: accept).")
  Policy policy;

  @Option(
      names = "--priority",
      paramLabel = "N",
      description = "1 (first) to 100 (default: 1).")
  Integer priority;

  /** Authorize/Revoke for ingress, the ...Egress action for egress. */
  String action(String verb) {
    return verb + "SecurityGroup" + (direction == Direction.egress ? "Egress" : "");
  }

  /**
   * The rule's parameters.
   *
   * @throws CommandLine.ParameterException without --protocol, or with both --cidr and --group
   *     or neither (exit code 2)
   */
  Params toParams(CommandLine cmd) {
    if (protocol == null) {
      throw new CommandLine.ParameterException(cmd, "Missing --protocol: "
          + "tcp, udp, icmp, gre or all.");
    }
    Net.exactlyOne(cmd, "--cidr", cidr, "--group", group);
    boolean in = direction != Direction.egress;
    return new Params()
        .put("IpProtocol", protocol)
        .put("PortRange", RulePorts.portRange(protocol.name(), port))
        .put(in ? "SourceCidrIp" : "DestCidrIp", cidr)
        .put(in ? "SourceGroupId" : "DestGroupId", group)
        .put("Policy", policy)
        .put("Priority", priority);
  }

  /** True when any option that describes a rule by its content was given. */
  boolean any() {
    return protocol != null || port != null || cidr != null || group != null || policy != null
        || priority != null;
  }
}
