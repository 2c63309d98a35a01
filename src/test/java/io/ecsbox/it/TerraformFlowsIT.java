package io.ecsbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyuncs.CommonRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInstanceAttachmentAttributesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInstanceAttachmentAttributesResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeInstanceAttributeRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInstanceAttributeResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeInstanceMaintenanceAttributesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInstanceMaintenanceAttributesResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeInstanceRamRoleRequest;
import com.aliyuncs.ecs.model.v20140526.ListTagResourcesRequest;
import com.aliyuncs.ecs.model.v20140526.ListTagResourcesResponse;
import com.aliyuncs.ecs.model.v20140526.TagResourcesRequest;
import com.aliyuncs.ecs.model.v20140526.UntagResourcesRequest;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.IAcsClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsbox.host.exec.CommandRunner;
import io.ecsbox.host.vpc.IprouteVpcHost;
import io.ecsbox.host.vpc.LinuxNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replays terraform-provider-alicloud's call sequences (create, read, update, read, delete,
 * read gone) through the official SDK, as the provider makes them: the VPC API (2016-04-28)
 * for VPCs, vSwitches and EIPs, ECS for security groups, disks and the instance. Each read asserts
 * the fields the provider's Read function takes from the answer. One guest boots.
 */
class TerraformFlowsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final CommandRunner RUN = new CommandRunner();
  // EIPs need an uplink: a bridge of this test's own, with no way out (192.0.2.0/24 is TEST-NET-1)
  private static final String UPLINK = "tfup" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
  private static EcsboxHarness h;
  private static LinuxNames names;

  @BeforeAll
  static void start() throws Exception {
    RUN.run("ip", "link", "add", UPLINK, "type", "bridge");
    RUN.run("ip", "link", "set", UPLINK, "up");
    Map<String, String> env = Map.of("ECSBOX_EIP_CIDR", "192.0.2.0/24", "ECSBOX_EIP_UPLINK", UPLINK);
    h = EcsboxHarness.start("terraform", List.of(), env);
    Map<String, String> all = new java.util.HashMap<>(System.getenv());
    all.putAll(env);
    names = new LinuxNames(NetworkCleanup.tagOf(h.dataDir(), all));
  }

  @AfterAll
  static void stop() {
    try {
      if (h != null) {
        h.close();
        new IprouteVpcHost(RUN, h.dataDir().resolve("network"), names).reconcile(Set.of(), Map.of());
      }
    } finally {
      RUN.runAllowingFailure(List.of("ip", "link", "del", UPLINK), java.time.Duration.ofSeconds(10));
    }
  }

  /** One call as the provider's RpcPost makes it: product, version, action, flat parameters. */
  private static JsonNode call(IAcsClient client, String product, String action, Map<String, String> params)
      throws Exception {
    CommonRequest r = new CommonRequest();
    r.setSysDomain("127.0.0.1:" + h.port());
    r.setSysProtocol(ProtocolType.HTTP);
    r.setSysMethod(MethodType.POST);
    r.setSysProduct(product);
    r.setSysVersion(product.equals("Vpc") ? "2016-04-28" : "2014-05-26");
    r.setSysAction(action);
    r.putQueryParameter("RegionId", EcsboxHarness.REGION);
    params.forEach(r::putQueryParameter);
    return JSON.readTree(client.getCommonResponse(r).getData());
  }

  private static JsonNode vpc(String action, String... kv) throws Exception {
    return call(h.sdk(), "Vpc", action, map(kv));
  }

  private static JsonNode ecs(String action, String... kv) throws Exception {
    return call(h.sdk(), "Ecs", action, map(kv));
  }

  private static String errorOf(String product, String action, String... kv) {
    return assertThrows(ClientException.class, () -> call(h.sdk(), product, action, map(kv))).getErrCode();
  }

  private static Map<String, String> map(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  /** Tags.Tag as the provider's tagsToMap reads them (TagKey/TagValue or Key/Value). */
  private static Map<String, String> tags(JsonNode o) {
    Map<String, String> out = new TreeMap<>();
    for (JsonNode t : o.path("Tags").path("Tag")) {
      out.put(t.has("TagKey") ? t.path("TagKey").asText() : t.path("Key").asText(),
          t.has("TagKey") ? t.path("TagValue").asText() : t.path("Value").asText());
    }
    return out;
  }

  private static Map<String, String> listed(String type, String id) throws ClientException {
    ListTagResourcesRequest r = new ListTagResourcesRequest();
    r.setResourceType(type);
    r.setResourceIds(List.of(id));
    Map<String, String> out = new TreeMap<>();
    for (ListTagResourcesResponse.TagResource t : h.call(r).getTagResources()) {
      assertEquals(id, t.getResourceId());
      out.put(t.getTagKey(), t.getTagValue());
    }
    return out;
  }

  private static void tag(String type, String id, String key, String value) throws ClientException {
    TagResourcesRequest r = new TagResourcesRequest();
    r.setResourceType(type);
    r.setResourceIds(List.of(id));
    TagResourcesRequest.Tag t = new TagResourcesRequest.Tag();
    t.setKey(key);
    t.setValue(value);
    r.setTags(List.of(t));
    h.call(r);
  }

  private static void untag(String type, String id, String key) throws ClientException {
    UntagResourcesRequest r = new UntagResourcesRequest();
    r.setResourceType(type);
    r.setResourceIds(List.of(id));
    r.setTagKeys(List.of(key));
    h.call(r);
  }

  @Test
  void everyResourceFlowAsTheProviderCallsIt() throws Exception {
    // alicloud_vpc: CreateVpc (tags in the create) → DescribeVpcAttribute + DescribeRouteTableList
    String vpcId = vpc("CreateVpc", "CidrBlock", "10.7.0.0/16", "VpcName", "tf-vpc", "Tag.1.Key", "team",
        "Tag.1.Value", "infra").path("VpcId").asText();
    JsonNode v = vpc("DescribeVpcAttribute", "VpcId", vpcId);
    assertEquals(vpcId, v.path("VpcId").asText());
    assertEquals("Available", v.path("Status").asText());
    assertEquals("10.7.0.0/16", v.path("CidrBlock").asText());
    assertEquals("tf-vpc", v.path("VpcName").asText());
    assertEquals(EcsboxHarness.REGION, v.path("RegionId").asText());
    assertFalse(v.path("IsDefault").asBoolean());
    assertTrue(v.path("VRouterId").asText().startsWith("vrt-"));
    assertTrue(v.path("UserCidrs").path("UserCidr").isArray());
    assertTrue(v.path("SecondaryCidrBlocks").path("SecondaryCidrBlock").isArray());
    assertEquals(Map.of("team", "infra"), tags(v));
    JsonNode rt = vpc("DescribeRouteTableList", "VpcId", vpcId).path("RouterTableList").path("RouterTableListType");
    assertEquals(1, rt.size());
    assertEquals("System", rt.get(0).path("RouteTableType").asText());
    assertEquals(vpcId, rt.get(0).path("VpcId").asText());
    assertEquals(v.path("VRouterId").asText(), rt.get(0).path("RouterId").asText());
    assertTrue(rt.get(0).path("RouteTableId").asText().startsWith("vtb-"));
    // update: ModifyVpcAttribute, tags through the VPC API's TagResources / UnTagResources
    vpc("ModifyVpcAttribute", "VpcId", vpcId, "VpcName", "tf-vpc-2", "Description", "renamed");
    vpc("TagResources", "ResourceType", "VPC", "ResourceId.1", vpcId, "Tag.1.Key", "env", "Tag.1.Value", "lab");
    vpc("UnTagResources", "ResourceType", "VPC", "ResourceId.1", vpcId, "TagKey.1", "team");
    v = vpc("DescribeVpcAttribute", "VpcId", vpcId);
    assertEquals("tf-vpc-2", v.path("VpcName").asText());
    assertEquals("renamed", v.path("Description").asText());
    assertEquals(Map.of("env", "lab"), tags(v));
    assertEquals(Map.of("env", "lab"), tags(vpc("DescribeVpcs", "VpcId", vpcId).path("Vpcs").path("Vpc").get(0)));
    JsonNode listed = vpc("ListTagResources", "ResourceType", "VPC", "ResourceId.1", vpcId);
    assertEquals("VPC", listed.path("TagResources").path("TagResource").get(0).path("ResourceType").asText());

    // alicloud_vswitch: CreateVSwitch → DescribeVSwitchAttributes; tags after the create (SetResourceTags)
    String vsw = vpc("CreateVSwitch", "VpcId", vpcId, "ZoneId", EcsboxHarness.ZONE, "CidrBlock", "10.7.1.0/24",
        "VSwitchName", "tf-vsw").path("VSwitchId").asText();
    vpc("TagResources", "ResourceType", "VSWITCH", "ResourceId.1", vsw, "Tag.1.Key", "tier", "Tag.1.Value", "web");
    JsonNode s = vpc("DescribeVSwitchAttributes", "VSwitchId", vsw);
    assertEquals(vsw, s.path("VSwitchId").asText());
    assertEquals(vpcId, s.path("VpcId").asText());
    assertEquals("Available", s.path("Status").asText());
    assertEquals("10.7.1.0/24", s.path("CidrBlock").asText());
    assertEquals(EcsboxHarness.ZONE, s.path("ZoneId").asText());
    assertEquals("tf-vsw", s.path("VSwitchName").asText());
    assertFalse(s.path("CreationTime").asText().isEmpty());
    assertEquals(Map.of("tier", "web"), tags(s));
    vpc("ModifyVSwitchAttribute", "VSwitchId", vsw, "VSwitchName", "tf-vsw-2");
    assertEquals("tf-vsw-2", vpc("DescribeVSwitchAttributes", "VSwitchId", vsw).path("VSwitchName").asText());

    // alicloud_security_group: CreateSecurityGroup (tags in the create) → DescribeSecurityGroups + Attribute
    String sg = ecs("CreateSecurityGroup", "VpcId", vpcId, "SecurityGroupName", "tf-sg", "Tag.1.Key", "role",
        "Tag.1.Value", "app").path("SecurityGroupId").asText();
    JsonNode g = ecs("DescribeSecurityGroups", "SecurityGroupId", sg).path("SecurityGroups").path("SecurityGroup");
    assertEquals(1, g.size());
    assertEquals("tf-sg", g.get(0).path("SecurityGroupName").asText());
    assertEquals(vpcId, g.get(0).path("VpcId").asText());
    assertEquals(Map.of("role", "app"), tags(g.get(0)));
    assertEquals(sg, ecs("DescribeSecurityGroupAttribute", "SecurityGroupId", sg).path("SecurityGroupId").asText());
    ecs("ModifySecurityGroupAttribute", "SecurityGroupId", sg, "SecurityGroupName", "tf-sg-2");
    tag("securitygroup", sg, "role", "db"); // an existing key gets the new value
    g = ecs("DescribeSecurityGroups", "SecurityGroupId", sg).path("SecurityGroups").path("SecurityGroup");
    assertEquals("tf-sg-2", g.get(0).path("SecurityGroupName").asText());
    assertEquals(Map.of("role", "db"), tags(g.get(0)));
    ecs("AuthorizeSecurityGroup", "SecurityGroupId", sg, "IpProtocol", "tcp", "PortRange", "22/22",
        "SourceCidrIp", "0.0.0.0/0");

    // alicloud_ecs_disk: CreateDisk (tags in the create) → DescribeDisks(DiskIds) → modify → delete → gone
    String disk = ecs("CreateDisk", "ZoneId", EcsboxHarness.ZONE, "Size", "20", "DiskCategory", "cloud_essd",
        "DiskName", "tf-disk", "Tag.1.Key", "backup", "Tag.1.Value", "daily").path("DiskId").asText();
    JsonNode d = ecs("DescribeDisks", "DiskIds", "[\"" + disk + "\"]").path("Disks").path("Disk");
    assertEquals(1, d.size());
    assertEquals("Available", d.get(0).path("Status").asText());
    assertEquals("tf-disk", d.get(0).path("DiskName").asText());
    assertEquals(20, d.get(0).path("Size").asInt());
    assertEquals(Map.of("backup", "daily"), tags(d.get(0)));
    ecs("ModifyDiskAttribute", "DiskId", disk, "DiskName", "tf-disk-2");
    untag("disk", disk, "backup");
    d = ecs("DescribeDisks", "DiskIds", "[\"" + disk + "\"]").path("Disks").path("Disk");
    assertEquals("tf-disk-2", d.get(0).path("DiskName").asText());
    assertEquals(Map.of(), tags(d.get(0)));
    tag("disk", disk, "gone", "soon");
    ecs("DeleteDisk", "DiskId", disk);
    assertEquals(0, ecs("DescribeDisks", "DiskIds", "[\"" + disk + "\"]").path("Disks").path("Disk").size());
    ListTagResourcesRequest lt = new ListTagResourcesRequest();
    lt.setResourceType("disk");
    assertTrue(h.call(lt).getTagResources().stream().noneMatch(t -> t.getResourceId().equals(disk)),
        "a deleted disk's tags go with it");

    instanceFlow(vsw, sg);

    // deletes as the provider makes them, each read back as gone (404: the provider's NotFoundError)
    ecs("DeleteSecurityGroup", "SecurityGroupId", sg);
    assertEquals(0, ecs("DescribeSecurityGroups", "SecurityGroupId", sg).path("SecurityGroups")
        .path("SecurityGroup").size());
    vpc("DeleteVSwitch", "VSwitchId", vsw);
    assertEquals("InvalidVSwitchId.NotFound", errorOf("Vpc", "DescribeVSwitchAttributes", "VSwitchId", vsw));
    vpc("DeleteVpc", "VpcId", vpcId);
    assertEquals("InvalidVpcId.NotFound", errorOf("Vpc", "DescribeVpcAttribute", "VpcId", vpcId));
    assertEquals("InvalidResourceId.NotFound",
        errorOf("Vpc", "ListTagResources", "ResourceType", "VPC", "ResourceId.1", vpcId));
  }

  // alicloud_instance: RunInstances → the provider's whole Read → ModifyInstanceAttribute + tags → Read →
  // DeleteInstance(Force) → DescribeInstances empty
  private void instanceFlow(String vsw, String sg) throws Exception {
    String id = ecs("RunInstances", "ImageId", EcsboxHarness.IMAGE_ID, "InstanceType", EcsboxHarness.NANO,
        "VSwitchId", vsw, "SecurityGroupIds.1", sg, "InstanceName", "tf-vm", "InstanceChargeType", "PostPaid",
        "InternetChargeType", "PayByTraffic", "ClientToken", EcsboxHarness.marker("tf"), "Tag.1.Key", "app",
        "Tag.1.Value", "web").path("InstanceIdSets").path("InstanceIdSet").get(0).asText();
    h.track(List.of(id));
    h.waitForStatus(id, "Running", EcsboxHarness.BOOT);

    JsonNode i = ecs("DescribeInstances", "InstanceIds", "[\"" + id + "\"]").path("Instances").path("Instance")
        .get(0);
    assertEquals("Running", i.path("Status").asText());
    assertEquals("PostPaid", i.path("InstanceChargeType").asText());
    assertEquals("tf-vm", i.path("InstanceName").asText());
    assertEquals(vsw, i.path("VpcAttributes").path("VSwitchId").asText());
    assertEquals(1, i.path("VpcAttributes").path("PrivateIpAddress").path("IpAddress").size());
    assertEquals(List.of(sg), texts(i.path("SecurityGroupIds").path("SecurityGroupId")));
    assertEquals("optional", i.path("MetadataOptions").path("HttpTokens").asText());
    assertEquals(Map.of("app", "web"), tags(i));
    JsonNode primary = i.path("NetworkInterfaces").path("NetworkInterface").get(0);
    assertEquals("Primary", primary.path("Type").asText());
    JsonNode eni = ecs("DescribeNetworkInterfaces", "NetworkInterfaceId.1", primary.path("NetworkInterfaceId")
        .asText()).path("NetworkInterfaceSets").path("NetworkInterfaceSet").get(0);
    assertTrue(eni.path("PrivateIpSets").path("PrivateIpSet").get(0).path("Primary").isBoolean());
    JsonNode sys = ecs("DescribeDisks", "InstanceId", id, "DiskType", "system").path("Disks").path("Disk").get(0);
    assertEquals(id, sys.path("InstanceId").asText());
    assertFalse(sys.path("Category").asText().isEmpty());
    ecs("DescribeUserData", "InstanceId", id);

    DescribeInstanceRamRoleRequest role = new DescribeInstanceRamRoleRequest();
    role.setInstanceIds("[\"" + id + "\"]");
    assertEquals(List.of(), h.call(role).getInstanceRamRoleSets(), "no RAM role: an empty set");
    DescribeInstanceMaintenanceAttributesRequest mr = new DescribeInstanceMaintenanceAttributesRequest();
    mr.setInstanceIds(List.of(id));
    DescribeInstanceMaintenanceAttributesResponse.MaintenanceAttribute m =
        h.call(mr).getMaintenanceAttributes().get(0);
    assertEquals(id, m.getInstanceId());
    assertEquals("Stop", m.getActionOnMaintenance().getValue());
    assertEquals(false, m.getNotifyOnMaintenance());
    assertEquals(List.of(), m.getMaintenanceWindows());
    DescribeInstanceAttributeRequest ar = new DescribeInstanceAttributeRequest();
    ar.setInstanceId(id);
    DescribeInstanceAttributeResponse a = h.call(ar);
    assertEquals(id, a.getInstanceId());
    assertEquals(false, a.getEnableJumboFrame());
    assertEquals("Running", a.getStatus());
    assertEquals(List.of(sg), a.getSecurityGroupIds());
    assertEquals(vsw, a.getVpcAttributes().getVSwitchId());
    DescribeInstanceAttachmentAttributesRequest at = new DescribeInstanceAttachmentAttributesRequest();
    at.setInstanceIds("[\"" + id + "\"]");
    DescribeInstanceAttachmentAttributesResponse.Instance att = h.call(at).getInstances().get(0);
    assertEquals(id, att.getInstanceId());
    assertEquals("None", att.getPrivatePoolOptionsMatchCriteria());

    // update: attribute and tags (setTags: UntagResources then TagResources), then read again
    ecs("ModifyInstanceAttribute", "InstanceId", id, "InstanceName", "tf-vm-2");
    untag("instance", id, "app");
    tag("instance", id, "app", "api");
    tag("instance", id, "owner", "tf");
    i = ecs("DescribeInstances", "InstanceIds", "[\"" + id + "\"]").path("Instances").path("Instance").get(0);
    assertEquals("tf-vm-2", i.path("InstanceName").asText());
    assertEquals(Map.of("app", "api", "owner", "tf"), tags(i));
    assertEquals(Map.of("app", "api", "owner", "tf"), listed("instance", id));

    eipFlow(id);
    badTagInput(id);

    ecs("DeleteInstance", "InstanceId", id, "Force", "true");
    h.waitUntilGone(id, EcsboxHarness.BOOT);
    assertEquals(0, ecs("DescribeInstances", "InstanceIds", "[\"" + id + "\"]").path("Instances")
        .path("Instance").size());
    assertEquals("InvalidInstanceId.NotFound", errorOf("Ecs", "DescribeInstanceAttribute", "InstanceId", id));
    ListTagResourcesRequest lt = new ListTagResourcesRequest();
    lt.setResourceType("instance");
    assertTrue(h.call(lt).getTagResources().stream().noneMatch(t -> t.getResourceId().equals(id)),
        "a deleted instance's tags go with it");
  }

  // alicloud_eip_address + alicloud_eip_association: AllocateEipAddress → DescribeEipAddresses(AllocationId) →
  // modify and tag → associate → read → unassociate → ReleaseEipAddress → read gone
  private void eipFlow(String instanceId) throws Exception {
    JsonNode made = vpc("AllocateEipAddress", "Bandwidth", "5", "InternetChargeType", "PayByTraffic",
        "Name", "tf-eip");
    String eip = made.path("AllocationId").asText();
    JsonNode e = vpc("DescribeEipAddresses", "AllocationId", eip).path("EipAddresses").path("EipAddress");
    assertEquals(1, e.size());
    assertEquals("Available", e.get(0).path("Status").asText());
    assertEquals(made.path("EipAddress").asText(), e.get(0).path("IpAddress").asText());
    assertEquals("tf-eip", e.get(0).path("Name").asText());
    assertEquals("5", e.get(0).path("Bandwidth").asText());
    assertFalse(e.get(0).path("AllocationTime").asText().isEmpty());
    vpc("ModifyEipAddressAttribute", "AllocationId", eip, "Name", "tf-eip-2", "Bandwidth", "10");
    vpc("TagResources", "ResourceType", "EIP", "ResourceId.1", eip, "Tag.1.Key", "use", "Tag.1.Value", "web");
    vpc("AssociateEipAddress", "AllocationId", eip, "InstanceId", instanceId, "InstanceType", "EcsInstance");
    e = vpc("DescribeEipAddresses", "AllocationId", eip).path("EipAddresses").path("EipAddress");
    assertEquals("tf-eip-2", e.get(0).path("Name").asText());
    assertEquals("10", e.get(0).path("Bandwidth").asText());
    assertEquals("InUse", e.get(0).path("Status").asText());
    assertEquals(instanceId, e.get(0).path("InstanceId").asText());
    assertEquals(Map.of("use", "web"), tags(e.get(0)));
    assertEquals(made.path("EipAddress").asText(), ecs("DescribeInstances", "InstanceIds", "[\"" + instanceId
        + "\"]").path("Instances").path("Instance").get(0).path("EipAddress").path("IpAddress").asText());
    vpc("UnassociateEipAddress", "AllocationId", eip, "InstanceId", instanceId);
    assertEquals("Available", vpc("DescribeEipAddresses", "AllocationId", eip).path("EipAddresses")
        .path("EipAddress").get(0).path("Status").asText());
    vpc("ReleaseEipAddress", "AllocationId", eip);
    assertEquals(0, vpc("DescribeEipAddresses", "AllocationId", eip).path("EipAddresses").path("EipAddress").size());
    assertEquals("InvalidResourceId.NotFound",
        errorOf("Vpc", "ListTagResources", "ResourceType", "EIP", "ResourceId.1", eip));
  }

  // Bad input is an ECS error and changes nothing: unknown type, too many tags, another account's resource.
  private void badTagInput(String id) throws Exception {
    Map<String, String> before = listed("instance", id);
    assertEquals("InvalidResourceType.NotFound", errorOf("Ecs", "TagResources", "ResourceType", "unicorn",
        "ResourceId.1", id, "Tag.1.Key", "k", "Tag.1.Value", "v"));
    List<String> many = new ArrayList<>(List.of("ResourceType", "instance", "ResourceId.1", id));
    for (int n = 1; n <= 19; n++) {
      many.addAll(List.of("Tag." + n + ".Key", "k" + n, "Tag." + n + ".Value", "v"));
    }
    assertEquals("InvalidTagCount", errorOf("Ecs", "TagResources", many.toArray(String[]::new)),
        "2 tags + 19 new ones is past 20");
    AccountClient other = AccountClient.create(h, "tf-other");
    ClientException e = assertThrows(ClientException.class, () -> call(other.sdk(), "Ecs", "TagResources", map("ResourceType", "instance", "ResourceId.1", id,
        "Tag.1.Key", "stolen", "Tag.1.Value", "yes")));
    assertEquals("InvalidResourceId.NotFound", e.getErrCode());
    ClientException e2 = assertThrows(ClientException.class, () -> call(other.sdk(), "Ecs", "DescribeInstanceAttribute", map("InstanceId", id)));
    assertEquals("InvalidInstanceId.NotFound", e2.getErrCode());
    assertEquals(before, listed("instance", id), "nothing changed");
  }

  private static List<String> texts(JsonNode a) {
    List<String> out = new ArrayList<>();
    a.forEach(n -> out.add(n.asText()));
    return out;
  }
}
