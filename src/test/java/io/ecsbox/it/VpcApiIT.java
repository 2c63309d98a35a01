package io.ecsbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.ecs.model.v20140526.CreateVSwitchRequest;
import com.aliyuncs.ecs.model.v20140526.CreateVpcRequest;
import com.aliyuncs.ecs.model.v20140526.CreateVpcResponse;
import com.aliyuncs.ecs.model.v20140526.DeleteVSwitchRequest;
import com.aliyuncs.ecs.model.v20140526.DeleteVpcRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeVSwitchesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeVSwitchesResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeVpcsRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeVpcsResponse;
import com.aliyuncs.ecs.model.v20140526.ModifyVpcAttributeRequest;
import com.aliyuncs.exceptions.ClientException;
import io.ecsbox.host.exec.CommandRunner;
import io.ecsbox.host.vpc.IprouteVpcHost;
import io.ecsbox.host.vpc.LinuxNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * VPCs and vSwitches through the official classic SDK (product Ecs, 2014-05-26) and the VPC
 * product's version (2016-04-28), checked on the host: a VPC is a netns, a vSwitch a bridge.
 * The daemon's network scope is its data dir's, so nothing outside this test is touched; the
 * teardown removes whatever of that scope is left.
 */
class VpcApiIT {
  private static final CommandRunner RUN = new CommandRunner();
  private static EcsboxHarness h;
  private static LinuxNames names;

  @BeforeAll
  static void start() throws Exception {
    h = EcsboxHarness.start("vpcapi");
    names = new LinuxNames(NetworkCleanup.tagOf(h.dataDir(), System.getenv()));
  }

  @AfterAll
  static void stop() {
    if (h != null) {
      h.stopDaemon();
      new IprouteVpcHost(RUN, h.dataDir().resolve("network"), names).reconcile(Set.of(), Map.of());
      h.close();
    }
  }

  private static boolean netnsExists(String vpcId) {
    return RUN.run("ip", "netns", "list").stdout().lines()
        .anyMatch(l -> l.split("\\s+")[0].equals(names.netns(vpcId)));
  }

  private static boolean bridgeExists(String vSwitchId) {
    return RUN.runAllowingFailure(List.of("ip", "-o", "link", "show", "dev", names.bridge(vSwitchId), "type", "bridge"),
        Duration.ofSeconds(10)).exitCode() == 0;
  }

  /** Bridges of this daemon's scope (by their marker). */
  private static long ourBridges() {
    return RUN.run("ip", "-o", "-d", "link", "show", "type", "bridge").stdout().lines()
        .filter(l -> l.contains("alias " + names.markerPrefix())).count();
  }

  private static String errorOf(AcsRequest<?> r) {
    return assertThrows(ClientException.class, () -> h.call(r)).getErrCode();
  }

  private static CreateVSwitchRequest vSwitch(String vpcId, String cidr) {
    CreateVSwitchRequest r = new CreateVSwitchRequest();
    r.setVpcId(vpcId);
    r.setZoneId(EcsboxHarness.ZONE);
    r.setCidrBlock(cidr);
    return r;
  }

  @Test
  void vpcsAndVSwitchesThroughTheSdkAndOnTheHost() throws Exception {
    CreateVpcRequest cv = new CreateVpcRequest();
    cv.setCidrBlock("10.0.0.0/16");
    cv.setVpcName("it-vpc");
    cv.setDescription("made by VpcApiIT");
    cv.setClientToken(EcsboxHarness.marker("vpc"));
    CreateVpcResponse created = h.call(cv);
    String vpc = created.getVpcId();
    assertEquals(vpc, h.call(cv).getVpcId(), "a retried ClientToken answers the same VPC");
    assertTrue(created.getVRouterId().startsWith("vrt-") && created.getRouteTableId().startsWith("vtb-"));
    assertTrue(netnsExists(vpc), "the VPC's vRouter netns " + names.netns(vpc));

    DescribeVpcsRequest dv = new DescribeVpcsRequest();
    dv.setVpcId(vpc);
    DescribeVpcsResponse.Vpc v = h.call(dv).getVpcs().get(0);
    assertEquals("Available", v.getStatus());
    assertEquals("10.0.0.0/16", v.getCidrBlock());
    assertEquals("it-vpc", v.getVpcName());
    assertEquals(EcsboxHarness.REGION, v.getRegionId());
    assertEquals(created.getVRouterId(), v.getVRouterId());
    assertEquals(false, v.getIsDefault());
    assertTrue(v.getCreationTime().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), v.getCreationTime());

    String vsw = h.call(vSwitch(vpc, "10.0.1.0/24")).getVSwitchId();
    assertTrue(bridgeExists(vsw), "the vSwitch's bridge " + names.bridge(vsw));
    assertEquals(List.of(vsw), h.call(dv).getVpcs().get(0).getVSwitchIds());
    DescribeVSwitchesRequest ds = new DescribeVSwitchesRequest();
    ds.setVpcId(vpc);
    DescribeVSwitchesResponse.VSwitch s = h.call(ds).getVSwitches().get(0);
    assertEquals(vsw, s.getVSwitchId());
    assertEquals(252L, s.getAvailableIpAddressCount());
    assertEquals(EcsboxHarness.ZONE, s.getZoneId());

    // bad input: each its code, nothing changed in the API or on the host
    long bridges = ourBridges();
    assertEquals("InvalidCidrBlock.Overlapped", errorOf(vSwitch(vpc, "10.0.1.128/25")));
    assertEquals("InvalidCidrBlock.Malformed", errorOf(vSwitch(vpc, "10.1.0.0/24")));
    assertEquals("InvalidCidrBlock.Malformed", errorOf(vSwitch(vpc, "10.0.2.0/30")));
    CreateVSwitchRequest badZone = vSwitch(vpc, "10.0.2.0/24");
    badZone.setZoneId("local-1z");
    assertEquals("InvalidZoneId.NotFound", errorOf(badZone));
    assertEquals("InvalidVpcId.NotFound", errorOf(vSwitch("vpc-doesnotexist", "10.0.2.0/24")));
    CreateVpcRequest badVpc = new CreateVpcRequest();
    badVpc.setCidrBlock("8.8.8.0/24");
    assertEquals("InvalidCidrBlock.Malformed", errorOf(badVpc));
    assertEquals(1, h.call(ds).getTotalCount());
    assertEquals(1, h.call(new DescribeVpcsRequest()).getTotalCount());
    assertEquals(bridges, ourBridges());

    // the VPC product's version: a second VPC with the same CIDR, and the same vSwitch block
    RawApi raw = h.raw();
    Map<String, String> p = raw.params("CreateVpc");
    p.put("Version", "2016-04-28");
    p.put("CidrBlock", "10.0.0.0/16");
    RawApi.Response r = raw.send(p);
    assertEquals(200, r.status(), r.body().toString());
    String vpc2 = r.body().path("VpcId").asText();
    p = raw.params("CreateVSwitch");
    p.put("Version", "2016-04-28");
    p.putAll(Map.of("VpcId", vpc2, "ZoneId", EcsboxHarness.ZONE, "CidrBlock", "10.0.1.0/24"));
    r = raw.send(p);
    assertEquals(200, r.status(), r.body().toString());
    String vsw2 = r.body().path("VSwitchId").asText();
    assertTrue(netnsExists(vpc2) && bridgeExists(vsw2));
    p = raw.params("DescribeVSwitches");
    p.put("Version", "2016-04-28");
    p.put("VpcId", vpc2);
    assertEquals(vsw2, raw.send(p).body().path("VSwitches").path("VSwitch").get(0).path("VSwitchId").asText());

    // the daemon rebuilds a vSwitch lost on the host from its store
    RUN.run("ip", "link", "del", "dev", names.bridge(vsw));
    assertFalse(bridgeExists(vsw));
    h.restart();
    assertTrue(bridgeExists(vsw), "restored by the reconcile at start");
    assertTrue(bridgeExists(vsw2) && netnsExists(vpc) && netnsExists(vpc2));

    ModifyVpcAttributeRequest mv = new ModifyVpcAttributeRequest();
    mv.setVpcId(vpc);
    mv.setVpcName("it-vpc-renamed");
    h.call(mv);
    assertEquals("it-vpc-renamed", h.call(dv).getVpcs().get(0).getVpcName());

    // DeleteVpc waits for its vSwitches to go
    DeleteVpcRequest del = new DeleteVpcRequest();
    del.setVpcId(vpc);
    assertEquals("DependencyViolation", errorOf(del));
    assertTrue(netnsExists(vpc) && bridgeExists(vsw));
    DeleteVSwitchRequest dsw = new DeleteVSwitchRequest();
    dsw.setVSwitchId(vsw);
    h.call(dsw);
    assertFalse(bridgeExists(vsw));
    h.call(del);
    assertFalse(netnsExists(vpc));
    assertEquals("InvalidVpcId.NotFound", errorOf(del));

    p = raw.params("DeleteVSwitch");
    p.put("Version", "2016-04-28");
    p.put("VSwitchId", vsw2);
    assertEquals(200, raw.send(p).status());
    p = raw.params("DeleteVpc");
    p.put("Version", "2016-04-28");
    p.put("VpcId", vpc2);
    assertEquals(200, raw.send(p).status());
    assertFalse(netnsExists(vpc2) || bridgeExists(vsw2));
    assertEquals(0, h.call(new DescribeVpcsRequest()).getTotalCount());
    assertEquals(0, ourBridges());
  }
}
