package io.ecsbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Real guests on VPCs, through the API. VPC A (192.168.0.0/16) has two vSwitches; "web" on
 * the first serves its own instance id (read from the metadata service) over HTTP on 8080,
 * "client" on the second probes it every half second and prints each result on its console.
 * VPC B has the same CIDR and a guest with the same private IP as "web". Everything stays on
 * this host: the bridges have no uplink.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the ENI test moves a NIC of web's group to the client
class NetworkGuestIT {
  private static final String WEB_IP = "192.168.1.10";
  private static final String CLIENT_IP = "192.168.2.20";
  private static EcsboxHarness h;
  private static StorageKit api;
  private static String vpcA;
  private static String vpcB;
  private static String vswA1;
  private static String vswA2;
  private static String vswB1;
  private static String sgWeb;
  private static String sgClient;
  private static String sgB;
  private static String web;
  private static String client;
  private static String twin;

  /** Serves its metadata instance id as /id on port 8080, and its user-data marker on the console. */
  private static String server(String marker) {
    return "#!/bin/sh\n# " + marker + "\n"
        + "( while ! id=$(timeout 3 wget -q -O - http://100.100.100.200/latest/meta-data/instance-id); do sleep 1; done\n"
        + "  mkdir -p /www && echo \"$id\" >/www/id && httpd -p 8080 -h /www\n"
        + "  ud=$(timeout 3 wget -q -O - http://100.100.100.200/latest/user-data | grep -o 'ud-[a-z0-9]*' | head -n 1)\n"
        + "  echo \"ECSBOX-META user-data=$ud\" >/dev/ttyS0 ) </dev/null >/dev/null 2>&1 &\n";
  }

  /** Probes TCP 8080 and ICMP of {@code target} every half second, one console line each. */
  private static String prober(String target) {
    return "#!/bin/sh\n"
        + "( n=0; while :; do\n"
        + "  if r=$(timeout 2 wget -q -O - http://" + target + ":8080/id 2>/dev/null); then echo \"PROBE tcp $n $r\";"
        + " else echo \"PROBE tcp $n fail\"; fi >/dev/ttyS0\n"
        + "  if ping -c 1 -W 1 " + target + " >/dev/null 2>&1; then echo \"PROBE icmp $n ok\";"
        + " else echo \"PROBE icmp $n fail\"; fi >/dev/ttyS0\n"
        + "  n=$((n + 1)); sleep 0.5; done ) </dev/null >/dev/null 2>&1 &\n";
  }

  @BeforeAll
  static void start() throws Exception {
    h = EcsboxHarness.start("netguest");
    api = new StorageKit(h);
    vpcA = api.call("CreateVpc", "CidrBlock", "192.168.0.0/16").path("VpcId").asText();
    vpcB = api.call("CreateVpc", "CidrBlock", "192.168.0.0/16").path("VpcId").asText();
    vswA1 = vSwitch(vpcA, "192.168.1.0/24");
    vswA2 = vSwitch(vpcA, "192.168.2.0/24");
    vswB1 = vSwitch(vpcB, "192.168.1.0/24");
    sgWeb = group(vpcA);
    sgClient = group(vpcA);
    sgB = group(vpcB);
    for (String sg : List.of(sgWeb, sgB)) { // ICMP from anywhere in the VPC; TCP 8080 not yet
      api.call("AuthorizeSecurityGroup", "SecurityGroupId", sg, "IpProtocol", "icmp", "PortRange", "-1/-1",
          "SourceCidrIp", "192.168.0.0/16");
    }
    web = run(vswA1, WEB_IP, sgWeb, server("ud-" + EcsboxHarness.marker("w")));
    twin = run(vswB1, WEB_IP, sgB, server("ud-twin"));
    client = run(vswA2, CLIENT_IP, sgClient, prober(WEB_IP));
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
    if (h != null) {
      h.close();
    }
  }

  private static String vSwitch(String vpc, String cidr) {
    return api.call("CreateVSwitch", "VpcId", vpc, "ZoneId", EcsboxHarness.ZONE, "CidrBlock", cidr)
        .path("VSwitchId").asText();
  }

  private static String group(String vpc) {
    return api.call("CreateSecurityGroup", "VpcId", vpc).path("SecurityGroupId").asText();
  }

  private static String run(String vsw, String ip, String sg, String userData) {
    String id = api.call("RunInstances", "ImageId", EcsboxHarness.IMAGE_ID, "InstanceType", EcsboxHarness.NANO,
        "VSwitchId", vsw, "PrivateIpAddress", ip, "SecurityGroupId", sg, "UserData",
        Base64.getEncoder().encodeToString(userData.getBytes(StandardCharsets.UTF_8)))
        .path("InstanceIdSets").path("InstanceIdSet").get(0).asText();
    h.track(List.of(id));
    return id;
  }

  private static String console(String id) {
    try {
      return h.consoleText(id);
    } catch (Exception e) {
      return "";
    }
  }

  /** The ECSBOX-NET line of {@code id} for {@code dev}, waited for. */
  private static Matcher netLine(String id, String dev) {
    Pattern p = Pattern.compile("ECSBOX-NET instance-id=(\\S+) ip=(\\S+) dev=" + dev + " mac=(\\S+)");
    String text = h.waitForConsoleLine(id, p, 1, EcsboxHarness.BOOT);
    Matcher m = p.matcher(text);
    assertTrue(m.find());
    return m;
  }

  /** The highest probe number with this result on the client's console, or -1. */
  private static int lastProbe(String proto, String result) {
    Matcher m = Pattern.compile("PROBE " + proto + " (\\d+) " + Pattern.quote(result)).matcher(console(client));
    int last = -1;
    while (m.find()) {
      last = Math.max(last, Integer.parseInt(m.group(1)));
    }
    return last;
  }

  private static int lastProbeNumber() {
    Matcher m = Pattern.compile("PROBE tcp (\\d+) ").matcher(console(client));
    int last = -1;
    while (m.find()) {
      last = Math.max(last, Integer.parseInt(m.group(1)));
    }
    return last;
  }

  @Test
  @Order(1)
  void guestsGetTheirAddressByDhcpAndTheirOwnIdFromMetadata() {
    for (String[] g : List.of(new String[] {web, WEB_IP}, new String[] {twin, WEB_IP},
        new String[] {client, CLIENT_IP})) {
      Matcher m = netLine(g[0], "eth0");
      assertEquals(g[0], m.group(1), "instance-id from 100.100.100.200 on " + g[0]);
      assertEquals(g[1], m.group(2).replaceAll("/.*", ""), "DHCP address of " + g[0]);
      JsonNode i = api.call("DescribeInstances", "InstanceIds", "[\"" + g[0] + "\"]").path("Instances")
          .path("Instance").get(0);
      assertEquals(g[1], i.path("VpcAttributes").path("PrivateIpAddress").path("IpAddress").get(0).asText());
      assertEquals(m.group(3), i.path("NetworkInterfaces").path("NetworkInterface").get(0).path("MacAddress").asText());
    }
    // each reads its own user data; the twin (same VPC CIDR, same IP, other VPC) reads its own
    assertTrue(h.waitForConsoleLine(twin, Pattern.compile("ECSBOX-META user-data=ud-twin"), 1, EcsboxHarness.BOOT)
        .contains("ud-twin"));
    String webUd = h.waitForConsoleLine(web, Pattern.compile("ECSBOX-META user-data=ud-w"), 1, EcsboxHarness.BOOT);
    assertFalse(webUd.contains("ud-twin"), "web read the twin's user data:\n" + webUd);
  }

  @Test
  @Order(2)
  void acrossVSwitchesIcmpPassesAndSecurityGroupChangesTakeEffectAtOnce() {
    // ICMP is allowed; TCP 8080 is not (different groups: no member-to-member access)
    h.waitUntil("ICMP from client to web", EcsboxHarness.BOOT, () -> lastProbe("icmp", "ok"), n -> n >= 0, client);
    int before = lastProbeNumber();
    h.waitUntil("two more probes", Duration.ofSeconds(30), NetworkGuestIT::lastProbeNumber, n -> n >= before + 2,
        client);
    assertEquals(-1, lastProbe("tcp", web), "TCP 8080 passed before any rule allowed it:\n" + console(client));
    // allow TCP 8080 from the client's group: takes effect on the running guests
    long t0 = System.nanoTime();
    api.call("AuthorizeSecurityGroup", "SecurityGroupId", sgWeb, "IpProtocol", "tcp", "PortRange", "8080/8080",
        "SourceGroupId", sgClient);
    long applyMs = (System.nanoTime() - t0) / 1_000_000;
    int at = lastProbeNumber();
    int first = h.waitUntil("TCP 8080 from client to web", Duration.ofSeconds(30), () -> lastProbe("tcp", web),
        n -> n >= 0, client);
    System.out.printf("NetworkGuestIT: AuthorizeSecurityGroup answered in %d ms; first TCP success at probe %d,"
        + " probe %d was running when it answered%n", applyMs, first, at);
    assertTrue(applyMs < 1000, "rule applied in " + applyMs + " ms");
    assertTrue(first <= at + 2, "the rule took more than two probes (about a second) to take effect: "
        + "answered during probe " + at + ", first success " + first);
    // revoke: closed again
    api.call("RevokeSecurityGroup", "SecurityGroupId", sgWeb, "IpProtocol", "tcp", "PortRange", "8080/8080",
        "SourceGroupId", sgClient);
    int revokedAt = lastProbeNumber();
    h.waitUntil("a few probes after revoke", Duration.ofSeconds(30), NetworkGuestIT::lastProbeNumber,
        n -> n >= revokedAt + 4, client);
    int lastOk = lastProbe("tcp", web);
    assertTrue(lastOk <= revokedAt + 1, "TCP still passes after revoke: last success " + lastOk + ", revoked at "
        + revokedAt);
    // members of a normal group reach each other: the client joins web's group, then leaves it
    api.call("JoinSecurityGroup", "SecurityGroupId", sgWeb, "InstanceId", client);
    int joinedAt = lastProbeNumber();
    int viaGroup = h.waitUntil("TCP 8080 as a member of " + sgWeb, Duration.ofSeconds(30),
        () -> lastProbe("tcp", web), n -> n > joinedAt, client);
    assertTrue(viaGroup <= joinedAt + 2, "joining took more than two probes: joined during " + joinedAt
        + ", first success " + viaGroup);
    api.call("LeaveSecurityGroup", "SecurityGroupId", sgWeb, "InstanceId", client);
    int leftAt = lastProbeNumber();
    h.waitUntil("a few probes after leaving", Duration.ofSeconds(30), NetworkGuestIT::lastProbeNumber,
        n -> n >= leftAt + 4, client);
    int lastMember = lastProbe("tcp", web);
    assertTrue(lastMember <= leftAt + 1, "TCP still passes after the client left " + sgWeb + ": last success "
        + lastMember + ", left at " + leftAt);
  }

  @Test
  @Order(3)
  void aHotAttachedEniGetsItsAddressAndKeepsMacAndIpWhenMoved() {
    netLine(web, "eth0");
    netLine(client, "eth0");
    JsonNode eni = api.call("CreateNetworkInterface", "VSwitchId", vswA1, "SecurityGroupId", sgWeb,
        "PrimaryIpAddress", "192.168.1.77");
    String eniId = eni.path("NetworkInterfaceId").asText();
    String mac = eni.path("MacAddress").asText();
    api.call("AttachNetworkInterface", "NetworkInterfaceId", eniId, "InstanceId", web);
    Matcher m = netLine(web, "eth1");
    assertEquals("192.168.1.77", m.group(2).replaceAll("/.*", ""));
    assertEquals(mac, m.group(3));
    assertEquals(web, m.group(1), "metadata answers the ENI's address with its instance");
    api.call("DetachNetworkInterface", "NetworkInterfaceId", eniId, "InstanceId", web);
    assertEquals("Available", api.call("DescribeNetworkInterfaces", "NetworkInterfaceId.1", eniId)
        .path("NetworkInterfaceSets").path("NetworkInterfaceSet").get(0).path("Status").asText());
    // the client is on the other vSwitch of the same VPC and zone: the ENI moves there as it is
    api.call("AttachNetworkInterface", "NetworkInterfaceId", eniId, "InstanceId", client);
    Matcher moved = netLine(client, "eth1");
    assertEquals("192.168.1.77", moved.group(2).replaceAll("/.*", ""));
    assertEquals(mac, moved.group(3));
    assertEquals(client, moved.group(1));
    api.call("DetachNetworkInterface", "NetworkInterfaceId", eniId, "InstanceId", client);
    api.call("DeleteNetworkInterface", "NetworkInterfaceId", eniId);
  }

  @Test
  @Order(4)
  void badNetworkInputIsRefusedAndChangesNothing() {
    int instances = api.call("DescribeInstances").path("TotalCount").asInt();
    String extra = group(vpcA);
    String other = group(vpcB);
    String rules = NetworkCleanup.rulesOf(h.dataDir());
    assertEquals("InvalidPrivateIpAddress.Duplicated", api.error("RunInstances", "ImageId", EcsboxHarness.IMAGE_ID,
        "InstanceType", EcsboxHarness.NANO, "VSwitchId", vswA1, "PrivateIpAddress", WEB_IP, "SecurityGroupId", sgWeb));
    assertEquals("InvalidPrivateIpAddress", api.error("RunInstances", "ImageId", EcsboxHarness.IMAGE_ID,
        "InstanceType", EcsboxHarness.NANO, "VSwitchId", vswA1, "PrivateIpAddress", "192.168.2.5",
        "SecurityGroupId", sgWeb));
    assertEquals("InstanceSecurityGroupLimitExceeded", api.error("RunInstances", "ImageId",
        EcsboxHarness.IMAGE_ID, "InstanceType", EcsboxHarness.NANO, "VSwitchId", vswA1, "SecurityGroupIds.1", sgWeb,
        "SecurityGroupIds.2", group(vpcA), "SecurityGroupIds.3", group(vpcA), "SecurityGroupIds.4", group(vpcA),
        "SecurityGroupIds.5", group(vpcA), "SecurityGroupIds.6", group(vpcA)));
    String enterprise = api.call("CreateSecurityGroup", "VpcId", vpcA, "SecurityGroupType", "enterprise")
        .path("SecurityGroupId").asText();
    String mixed = api.error("RunInstances", "ImageId", EcsboxHarness.IMAGE_ID, "InstanceType", EcsboxHarness.NANO,
        "VSwitchId", vswA1, "SecurityGroupIds.1", sgWeb, "SecurityGroupIds.2", enterprise);
    assertTrue(mixed.startsWith("InvalidSecurityGroup"), mixed);
    assertEquals("DependencyViolation", api.error("DeleteVpc", "VpcId", vpcA));
    assertEquals("DependencyViolation", api.error("DeleteVSwitch", "VSwitchId", vswA1));
    assertEquals("DependencyViolation", api.error("DeleteSecurityGroup", "SecurityGroupId", sgWeb));
    assertEquals("InvalidOperation.DetachPrimaryEniNotAllowed", api.error("DetachNetworkInterface",
        "NetworkInterfaceId", api.call("DescribeNetworkInterfaces", "InstanceId", web).path("NetworkInterfaceSets")
            .path("NetworkInterfaceSet").get(0).path("NetworkInterfaceId").asText(), "InstanceId", web));
    // ModifyInstanceAttribute SecurityGroupIds.N: a group of another VPC, or a mix of types, changes nothing
    String otherVpc = api.error("ModifyInstanceAttribute", "InstanceId", web, "SecurityGroupIds.1", other);
    assertTrue(otherVpc.startsWith("InvalidSecurityGroup") || otherVpc.startsWith("InvalidVpc"), otherVpc);
    String mixedModify = api.error("ModifyInstanceAttribute", "InstanceId", web, "SecurityGroupIds.1", sgWeb,
        "SecurityGroupIds.2", enterprise);
    assertTrue(mixedModify.startsWith("InvalidSecurityGroup"), mixedModify);
    assertEquals(List.of(sgWeb), groupsOf(web));
    assertEquals(instances, api.call("DescribeInstances").path("TotalCount").asInt(), "no instance was made");
    assertEquals(rules, NetworkCleanup.rulesOf(h.dataDir()), "a refused call changed our chains or sets");
    // and a good one replaces the set
    api.call("ModifyInstanceAttribute", "InstanceId", web, "SecurityGroupIds.1", sgWeb, "SecurityGroupIds.2", extra);
    assertEquals(List.of(sgWeb, extra), groupsOf(web));
    api.call("ModifyInstanceAttribute", "InstanceId", web, "SecurityGroupIds.1", sgWeb);
    assertEquals(List.of(sgWeb), groupsOf(web));
  }

  @Test
  @Order(5)
  void metadataCanBeTurnedOffForOneInstance() {
    api.call("ModifyInstanceMetadataOptions", "InstanceId", web, "HttpEndpoint", "disabled");
    assertEquals("disabled", api.call("DescribeInstances", "InstanceIds", "[\"" + web + "\"]").path("Instances")
        .path("Instance").get(0).path("MetadataOptions").path("HttpEndpoint").asText());
    assertEquals("InvalidParameter", api.error("ModifyInstanceMetadataOptions", "InstanceId", web,
        "HttpEndpoint", "off"));
    api.call("RebootInstance", "InstanceId", web);
    // after the reboot the guest's lease is reported without an id: the service answers it 403
    h.waitForConsoleLine(web, Pattern.compile("ECSBOX-NET instance-id=none ip=" + Pattern.quote(WEB_IP)
        + " dev=eth0"), 1, EcsboxHarness.BOOT);
    h.waitForConsoleLine(twin, Pattern.compile("ECSBOX-NET instance-id=" + twin), 1, EcsboxHarness.BOOT);
  }

  private static List<String> groupsOf(String id) {
    List<String> out = new java.util.ArrayList<>();
    api.call("DescribeInstances", "InstanceIds", "[\"" + id + "\"]").path("Instances").path("Instance").get(0)
        .path("SecurityGroupIds").path("SecurityGroupId").forEach(n -> out.add(n.asText()));
    return out;
  }
}
