package io.ecsbox.api.actions;

import io.ecsbox.TestErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.api.ActionRegistry;
import io.ecsbox.api.ApiRequest;
import io.ecsbox.api.Params;
import io.ecsbox.api.errors.EcsException;
import io.ecsbox.common.Cidr;
import io.ecsbox.network.Vpc;
import io.ecsbox.network.secgroup.FakeFirewallAgent;
import io.ecsbox.network.secgroup.SecurityGroupService;
import io.ecsbox.host.firewall.SgCompiler;
import io.ecsbox.host.firewall.SgNames;
import io.ecsbox.store.Database;
import io.ecsbox.network.secgroup.SecurityGroupStore;
import io.ecsbox.network.VpcStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The security group Actions: parameter forms and response shapes as the SDKs read them. */
class SecurityGroupActionsTest {
  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
  @TempDir Path dir;
  private Database db;
  private ActionRegistry registry;

  @BeforeEach
  void setUp() {
    db = Database.open(dir.resolve("db"));
    db.tx(c -> {
      VpcStore.insert(c, new Vpc("vpc-a", "acc", "", "", Cidr.parse("10.0.0.0/16"), "vrt-a", "vtb-a", "Available",
          false, T0, false));
      return null;
    });
    registry = new ActionRegistry();
    new SecurityGroupActions(new SecurityGroupService(new SecurityGroupStore(db),
        new FakeFirewallAgent(new SgCompiler(SgNames.DEFAULT, id -> "tap0")), () -> T0), "local-1", id -> java.util.Map.of()).registerIn(registry);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private JsonNode call(String action, String... kv) {
    Map<String, String> p = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      p.put(kv[i], kv[i + 1]);
    }
    return registry.find(action).orElseThrow().handle(new ApiRequest("acc", action, new Params(p), "REQ", "h"));
  }

  private String error(String action, String... kv) {
    return TestErrors.thrown(() -> call(action, kv)).code();
  }

  private String group() {
    return call("CreateSecurityGroup", "VpcId", "vpc-a", "SecurityGroupName", "web", "Description", "d")
        .path("SecurityGroupId").asText();
  }

  @Test
  void everyListedActionHasAHandler() {
    assertEquals(SecurityGroupActions.ACTIONS, registry.actions());
  }

  @Test
  void permissionShapes() {
    String g = group();
    String peer = group();
    call("AuthorizeSecurityGroup", "SecurityGroupId", g, "Permissions.1.IpProtocol", "tcp",
        "Permissions.1.PortRange", "22/22", "Permissions.1.SourceCidrIp", "10.0.0.0/8", "Permissions.1.Priority", "7",
        "Permissions.1.Description", "ssh", "Permissions.2.IpProtocol", "all", "Permissions.2.PortRange", "-1/-1",
        "Permissions.2.SourceGroupId", peer, "Permissions.2.Policy", "drop");
    call("AuthorizeSecurityGroupEgress", "SecurityGroupId", g, "IpProtocol", "udp", "PortRange", "53/53",
        "DestCidrIp", "0.0.0.0/0");
    JsonNode all = call("DescribeSecurityGroupAttribute", "SecurityGroupId", g);
    assertEquals("Accept", all.path("InnerAccessPolicy").asText());
    assertEquals("vpc-a", all.path("VpcId").asText());
    JsonNode perms = all.path("Permissions").path("Permission");
    assertEquals(3, perms.size());
    JsonNode ssh = perms.get(0);
    assertEquals("TCP", ssh.path("IpProtocol").asText());
    assertEquals("22/22", ssh.path("PortRange").asText());
    assertEquals("10.0.0.0/8", ssh.path("SourceCidrIp").asText());
    assertTrue(ssh.path("Priority").isTextual());
    assertEquals("7", ssh.path("Priority").asText());
    assertEquals("Accept", ssh.path("Policy").asText());
    assertEquals("ingress", ssh.path("Direction").asText());
    assertEquals("intranet", ssh.path("NicType").asText());
    assertEquals("ssh", ssh.path("Description").asText());
    assertEquals("2026-01-02T03:04:05Z", ssh.path("CreateTime").asText());
    assertTrue(ssh.path("SecurityGroupRuleId").asText().startsWith("sgr-"));
    for (String f : List.of("SourcePortRange", "Ipv6SourceCidrIp", "SourceGroupId", "SourceGroupName",
        "SourceGroupOwnerAccount", "SourcePrefixListId", "DestCidrIp", "Ipv6DestCidrIp", "DestGroupId",
        "DestGroupName", "DestGroupOwnerAccount", "DestPrefixListId")) {
      assertEquals("", ssh.path(f).asText(null), f);
    }
    JsonNode fromPeer = perms.get(1);
    assertEquals("ALL", fromPeer.path("IpProtocol").asText());
    assertEquals("-1/-1", fromPeer.path("PortRange").asText());
    assertEquals(peer, fromPeer.path("SourceGroupId").asText());
    assertEquals("web", fromPeer.path("SourceGroupName").asText());
    assertEquals("Drop", fromPeer.path("Policy").asText());
    assertEquals("", fromPeer.path("SourceCidrIp").asText());
    JsonNode egress = call("DescribeSecurityGroupAttribute", "SecurityGroupId", g, "Direction", "egress")
        .path("Permissions").path("Permission");
    assertEquals(1, egress.size());
    assertEquals("0.0.0.0/0", egress.get(0).path("DestCidrIp").asText());
    assertEquals("", egress.get(0).path("SourceCidrIp").asText());
    JsonNode page = call("DescribeSecurityGroupAttribute", "SecurityGroupId", g, "MaxResults", "2");
    assertEquals(2, page.path("Permissions").path("Permission").size());
    assertEquals("2", page.path("NextToken").asText());
    assertEquals("InvalidParameter", error("DescribeSecurityGroupAttribute", "SecurityGroupId", g, "Direction", "up"));

    String id = ssh.path("SecurityGroupRuleId").asText();
    call("RevokeSecurityGroup", "SecurityGroupId", g, "SecurityGroupRuleId.1", id);
    call("RevokeSecurityGroup", "SecurityGroupId", g, "IpProtocol", "ALL", "PortRange", "-1/-1", "SourceGroupId",
        peer, "Policy", "Drop");
    call("RevokeSecurityGroupEgress", "SecurityGroupId", g, "IpProtocol", "udp", "PortRange", "53/53",
        "DestCidrIp", "0.0.0.0/0");
    assertEquals(0, call("DescribeSecurityGroupAttribute", "SecurityGroupId", g).path("Permissions")
        .path("Permission").size());
  }

  @Test
  void flatAndListedFormsDoNotMix() {
    String g = group();
    assertEquals("InvalidParam.Permissions", error("AuthorizeSecurityGroup", "SecurityGroupId", g, "IpProtocol", "tcp",
        "PortRange", "1/2", "SourceCidrIp", "0.0.0.0/0", "Permissions.1.IpProtocol", "tcp"));
    assertEquals("MissingParameter", error("AuthorizeSecurityGroup", "SecurityGroupId", g));
    assertEquals("InvalidParameter.NotSupported", error("AuthorizeSecurityGroup", "SecurityGroupId", g,
        "IpProtocol", "tcp", "PortRange", "1/2", "Ipv6SourceCidrIp", "::/0"));
    assertEquals(0, call("DescribeSecurityGroupAttribute", "SecurityGroupId", g).path("Permissions")
        .path("Permission").size());
  }

  @Test
  void describeGroupsFiltersAndPages() {
    String a = group();
    String b = call("CreateSecurityGroup", "VpcId", "vpc-a", "SecurityGroupType", "enterprise")
        .path("SecurityGroupId").asText();
    assertEquals("MissingParameter", error("CreateSecurityGroup", "SecurityGroupName", "x1"));
    JsonNode all = call("DescribeSecurityGroups");
    assertEquals(2, all.path("TotalCount").asInt());
    assertEquals("local-1", all.path("RegionId").asText());
    JsonNode first = all.path("SecurityGroups").path("SecurityGroup").get(0);
    assertEquals(a, first.path("SecurityGroupId").asText());
    assertEquals("normal", first.path("SecurityGroupType").asText());
    assertEquals(0, first.path("EcsCount").asInt());
    assertEquals(2000, first.path("AvailableInstanceAmount").asInt());
    assertEquals("2026-01-02T03:04:05Z", first.path("CreationTime").asText());
    assertEquals(1, call("DescribeSecurityGroups", "SecurityGroupType", "enterprise").path("TotalCount").asInt());
    assertEquals(1, call("DescribeSecurityGroups", "SecurityGroupIds", "[\"" + b + "\"]").path("TotalCount").asInt());
    assertEquals(1, call("DescribeSecurityGroups", "SecurityGroupName", "web").path("TotalCount").asInt());
    assertEquals(0, call("DescribeSecurityGroups", "VpcId", "vpc-x").path("TotalCount").asInt());
    JsonNode p = call("DescribeSecurityGroups", "MaxResults", "1");
    assertEquals("1", p.path("NextToken").asText());
    assertEquals(b, call("DescribeSecurityGroups", "PageSize", "1", "PageNumber", "2").path("SecurityGroups")
        .path("SecurityGroup").get(0).path("SecurityGroupId").asText());
    assertEquals("InvalidParameter.PageSize", error("DescribeSecurityGroups", "PageSize", "51"));
    call("ModifySecurityGroupAttribute", "SecurityGroupId", a, "SecurityGroupName", "renamed");
    call("ModifySecurityGroupPolicy", "SecurityGroupId", a, "InnerAccessPolicy", "Drop");
    JsonNode attr = call("DescribeSecurityGroupAttribute", "SecurityGroupId", a);
    assertEquals("renamed", attr.path("SecurityGroupName").asText());
    assertEquals("Drop", attr.path("InnerAccessPolicy").asText());
    call("DeleteSecurityGroup", "SecurityGroupId", a);
    assertEquals("InvalidSecurityGroupId.NotFound", error("DescribeSecurityGroupAttribute", "SecurityGroupId", a));
  }
}
