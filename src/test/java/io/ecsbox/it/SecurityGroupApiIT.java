package io.ecsbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.host.exec.CommandRunner;
import io.ecsbox.host.vpc.IprouteVpcHost;
import io.ecsbox.host.vpc.LinuxNames;
import io.ecsbox.host.firewall.SgNames;
import io.ecsbox.host.firewall.IptablesSgApplier;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Security groups through the running daemon, by raw signed calls: create, authorize, revoke,
 * describe, delete, and every kind of bad input, each checked to change nothing (the describe
 * answers before and after are equal). No instances: NICs come from another part of ecsbox. The
 * daemon's chains and sets carry its scope's names; the teardown removes them and its VPCs.
 */
class SecurityGroupApiIT {
  private static final CommandRunner RUN = new CommandRunner();
  private static EcsboxHarness h;
  private static LinuxNames linuxNames;
  private static SgNames sgNames;

  @BeforeAll
  static void start() throws Exception {
    h = EcsboxHarness.start("sgapi");
    String tag = NetworkCleanup.tagOf(h.dataDir(), System.getenv());
    linuxNames = new LinuxNames(tag);
    sgNames = SgNames.forScope(tag);
  }

  @AfterAll
  static void stop() {
    if (h != null) {
      h.stopDaemon();
      new IptablesSgApplier(RUN, sgNames).removeAll();
      new IprouteVpcHost(RUN, h.dataDir().resolve("network"), linuxNames).reconcile(Set.of(), Map.of());
      h.close();
    }
  }

  private static RawApi.Response send(String action, String... kv) throws Exception {
    Map<String, String> p = h.raw().params(action);
    for (int i = 0; i < kv.length; i += 2) {
      p.put(kv[i], kv[i + 1]);
    }
    return h.raw().send(p);
  }

  private static JsonNode ok(String action, String... kv) throws Exception {
    RawApi.Response r = send(action, kv);
    assertEquals(200, r.status(), action + ": " + r.body());
    return r.body();
  }

  private static String error(String action, String... kv) throws Exception {
    RawApi.Response r = send(action, kv);
    assertNotEquals(200, r.status(), action + " should fail: " + r.body());
    return r.code();
  }

  /** What describe says about the groups, without the per-call RequestId. */
  private static String snapshot(String... groupIds) throws Exception {
    StringBuilder sb = new StringBuilder();
    ObjectNode all = (ObjectNode) ok("DescribeSecurityGroups", "PageSize", "50");
    all.remove("RequestId");
    sb.append(all);
    for (String g : groupIds) {
      ObjectNode a = (ObjectNode) ok("DescribeSecurityGroupAttribute", "SecurityGroupId", g);
      a.remove("RequestId");
      sb.append(a);
    }
    return sb.toString();
  }

  private static int ruleCount(String g) throws Exception {
    return ok("DescribeSecurityGroupAttribute", "SecurityGroupId", g).path("Permissions").path("Permission").size();
  }

  @Test
  void groupsRulesAndRefusals() throws Exception {
    String vpc = ok("CreateVpc", "CidrBlock", "192.168.0.0/16").path("VpcId").asText();
    String vpc2 = ok("CreateVpc", "CidrBlock", "10.0.0.0/16").path("VpcId").asText();
    String g = ok("CreateSecurityGroup", "VpcId", vpc, "SecurityGroupName", "web", "Description", "front")
        .path("SecurityGroupId").asText();
    String peer = ok("CreateSecurityGroup", "VpcId", vpc, "SecurityGroupName", "db").path("SecurityGroupId").asText();
    String ent = ok("CreateSecurityGroup", "VpcId", vpc, "SecurityGroupType", "enterprise")
        .path("SecurityGroupId").asText();
    String far = ok("CreateSecurityGroup", "VpcId", vpc2).path("SecurityGroupId").asText();
    assertEquals("MissingParameter", error("CreateSecurityGroup", "SecurityGroupName", "novpc"));
    assertEquals("InvalidVpcId.NotFound", error("CreateSecurityGroup", "VpcId", "vpc-nope"));

    long t0 = System.nanoTime();
    ok("AuthorizeSecurityGroup", "SecurityGroupId", g, "IpProtocol", "tcp", "PortRange", "22/22",
        "SourceCidrIp", "0.0.0.0/0");
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(ms < 1000, "a rule change took " + ms + " ms");
    ok("AuthorizeSecurityGroup", "SecurityGroupId", g, "Permissions.1.IpProtocol", "udp",
        "Permissions.1.PortRange", "53/53", "Permissions.1.SourceGroupId", peer, "Permissions.2.IpProtocol", "icmp",
        "Permissions.2.PortRange", "-1/-1", "Permissions.2.SourceCidrIp", "10.9.0.0/16",
        "Permissions.2.Policy", "drop", "Permissions.2.Priority", "5");
    ok("AuthorizeSecurityGroupEgress", "SecurityGroupId", g, "IpProtocol", "all", "PortRange", "-1/-1",
        "DestCidrIp", "172.16.0.0/12", "Policy", "drop");
    ok("AuthorizeSecurityGroup", "SecurityGroupId", ent, "IpProtocol", "tcp", "PortRange", "443/443",
        "SourceCidrIp", "0.0.0.0/0");
    assertEquals(4, ruleCount(g));
    ok("AuthorizeSecurityGroup", "SecurityGroupId", g, "IpProtocol", "TCP", "PortRange", "22/22",
        "SourceCidrIp", "0.0.0.0/0");
    assertEquals(4, ruleCount(g), "an existing rule is not added twice");

    JsonNode perm = ok("DescribeSecurityGroupAttribute", "SecurityGroupId", g, "Direction", "ingress")
        .path("Permissions").path("Permission").get(0);
    assertEquals("TCP", perm.path("IpProtocol").asText());
    assertEquals("1", perm.path("Priority").asText());
    assertEquals("Accept", perm.path("Policy").asText());
    assertEquals("", perm.path("SourceGroupId").asText(null));
    JsonNode listed = ok("DescribeSecurityGroups", "VpcId", vpc);
    assertEquals(3, listed.path("TotalCount").asInt());
    assertEquals(0, listed.path("SecurityGroups").path("SecurityGroup").get(0).path("EcsCount").asInt());

    String before = snapshot(g, peer, ent, far);
    String[][] bad = {
        {"InvalidPortRange.Malformed", "AuthorizeSecurityGroup", "SecurityGroupId", g, "IpProtocol", "tcp",
            "PortRange", "80/22", "SourceCidrIp", "0.0.0.0/0"},
        {"InvalidPriority.Malformed", "AuthorizeSecurityGroup", "SecurityGroupId", g, "IpProtocol", "tcp",
            "PortRange", "80/80", "SourceCidrIp", "0.0.0.0/0", "Priority", "0"},
        {"InvalidPriority.Malformed", "AuthorizeSecurityGroup", "SecurityGroupId", g, "IpProtocol", "tcp",
            "PortRange", "80/80", "SourceCidrIp", "0.0.0.0/0", "Priority", "101"},
        {"InvalidIpProtocol.Malformed", "AuthorizeSecurityGroup", "SecurityGroupId", g, "IpProtocol", "sctp",
            "PortRange", "80/80", "SourceCidrIp", "0.0.0.0/0"},
        {"InvalidSecurityGroupId.NotFound", "AuthorizeSecurityGroup", "SecurityGroupId", "sg-nope", "IpProtocol",
            "tcp", "PortRange", "80/80", "SourceCidrIp", "0.0.0.0/0"},
        {"InvalidSourceGroupId.NotFound", "AuthorizeSecurityGroup", "SecurityGroupId", g, "IpProtocol", "tcp",
            "PortRange", "80/80", "SourceGroupId", "sg-nope"},
        {"InvalidSourceGroupId.Mismatch", "AuthorizeSecurityGroup", "SecurityGroupId", g, "IpProtocol", "tcp",
            "PortRange", "80/80", "SourceGroupId", far},
        {"InvalidGroupParameter.OperationDenied", "AuthorizeSecurityGroup", "SecurityGroupId", ent, "IpProtocol",
            "tcp", "PortRange", "80/80", "SourceCidrIp", "0.0.0.0/0", "Policy", "drop"},
        {"InvalidGroupParameter.OperationDenied", "AuthorizeSecurityGroup", "SecurityGroupId", ent, "IpProtocol",
            "tcp", "PortRange", "80/80", "SourceGroupId", peer},
        {"InvalidParam.Permissions", "AuthorizeSecurityGroup", "SecurityGroupId", g, "IpProtocol", "tcp",
            "PortRange", "80/80", "SourceCidrIp", "0.0.0.0/0", "Permissions.1.IpProtocol", "tcp"},
        {"InvalidPortRange.Malformed", "AuthorizeSecurityGroup", "SecurityGroupId", g,
            "Permissions.1.IpProtocol", "tcp", "Permissions.1.PortRange", "8080/8080",
            "Permissions.1.SourceCidrIp", "0.0.0.0/0", "Permissions.2.IpProtocol", "tcp",
            "Permissions.2.PortRange", "0/5", "Permissions.2.SourceCidrIp", "0.0.0.0/0"},
        {"InvalidSourceCidrIp.Malformed", "AuthorizeSecurityGroup", "SecurityGroupId", g, "IpProtocol", "tcp",
            "PortRange", "80/80", "SourceCidrIp", "10.0.0.300/8"},
        {"InvalidDestGroupId.Mismatch", "AuthorizeSecurityGroupEgress", "SecurityGroupId", g, "IpProtocol", "tcp",
            "PortRange", "80/80", "DestGroupId", far},
        {"InvalidSecurityGroupRuleId.NotFound", "RevokeSecurityGroup", "SecurityGroupId", g,
            "SecurityGroupRuleId.1", "sgr-nope"},
        {"DependencyViolation", "DeleteSecurityGroup", "SecurityGroupId", peer},
        {"InvalidGroupParameter.OperationDenied", "ModifySecurityGroupPolicy", "SecurityGroupId", ent,
            "InnerAccessPolicy", "Accept"},
        {"InvalidSecurityGroupName.Malformed", "ModifySecurityGroupAttribute", "SecurityGroupId", g,
            "SecurityGroupName", "9lives"},
        {"InvalidInstanceId.NotFound", "JoinSecurityGroup", "SecurityGroupId", g, "InstanceId", "i-nope"},
        {"InvalidParam.EniIdAndInstanceId.Conflict", "JoinSecurityGroup", "SecurityGroupId", g,
            "InstanceId", "i-nope", "NetworkInterfaceId", "eni-nope"},
        {"InvalidEniId.NotFound", "LeaveSecurityGroup", "SecurityGroupId", g, "NetworkInterfaceId", "eni-nope"},
    };
    for (String[] b : bad) {
      String[] kv = java.util.Arrays.copyOfRange(b, 2, b.length);
      assertEquals(b[0], error(b[1], kv), String.join(" ", b));
      assertEquals(before, snapshot(g, peer, ent, far), "changed by " + String.join(" ", b));
    }

    ok("RevokeSecurityGroup", "SecurityGroupId", g, "IpProtocol", "tcp", "PortRange", "9999/9999",
        "SourceCidrIp", "0.0.0.0/0");
    assertEquals(before, snapshot(g, peer, ent, far), "revoking a missing rule changes nothing");
    ok("RevokeSecurityGroup", "SecurityGroupId", g, "IpProtocol", "udp", "PortRange", "53/53",
        "SourceGroupId", peer);
    ok("DeleteSecurityGroup", "SecurityGroupId", peer);
    String id = ok("DescribeSecurityGroupAttribute", "SecurityGroupId", g, "Direction", "egress")
        .path("Permissions").path("Permission").get(0).path("SecurityGroupRuleId").asText();
    ok("RevokeSecurityGroupEgress", "SecurityGroupId", g, "SecurityGroupRuleId.1", id);
    assertEquals(2, ruleCount(g));
    ok("ModifySecurityGroupPolicy", "SecurityGroupId", g, "InnerAccessPolicy", "Drop");
    assertEquals("Drop", ok("DescribeSecurityGroupAttribute", "SecurityGroupId", g).path("InnerAccessPolicy").asText());

    String save = RUN.run("iptables-save", "-t", "filter").stdout();
    assertTrue(save.contains("-A FORWARD -j " + sgNames.forward()), "the daemon's filter is in place");

    for (String s : new String[] {g, ent, far}) {
      ok("DeleteSecurityGroup", "SecurityGroupId", s);
    }
    assertEquals(0, ok("DescribeSecurityGroups", "VpcId", vpc).path("TotalCount").asInt());
  }

  @Test
  void aVpcWithGroupsIsNotDeleted() throws Exception {
    String vpc = ok("CreateVpc", "CidrBlock", "172.16.0.0/16").path("VpcId").asText();
    String g = ok("CreateSecurityGroup", "VpcId", vpc).path("SecurityGroupId").asText();
    assertEquals("DependencyViolation", error("DeleteVpc", "VpcId", vpc));
    assertEquals(1, ok("DescribeSecurityGroups", "VpcId", vpc).path("TotalCount").asInt());
    ok("DeleteSecurityGroup", "SecurityGroupId", g);
    ok("DeleteVpc", "VpcId", vpc);
  }
}
