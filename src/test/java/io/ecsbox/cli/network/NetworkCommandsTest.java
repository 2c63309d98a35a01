package io.ecsbox.cli.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.cli.CliHarness;
import io.ecsbox.cli.common.FakeApi;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkCommandsTest {
  private final FakeApi api = new FakeApi();
  private final CliHarness cli = new CliHarness(api);

  private List<String> actions() {
    return api.calls().stream().map(FakeApi.Call::action).toList();
  }

  @Test
  void vpcCreateSendsItsOptionsAndPrintsTheId() {
    api.on("CreateVpc", "{\"VpcId\":\"vpc-1\",\"VRouterId\":\"vrt-1\"}");
    CliHarness.Result r = cli.run("vpc", "create", "--cidr", "10.0.0.0/16", "--name", "lab",
        "--description", "class");
    assertEquals(0, r.exit(), r.err());
    assertEquals("vpc-1\n", r.out());
    assertEquals(Map.of("CidrBlock", "10.0.0.0/16", "VpcName", "lab", "Description", "class"),
        api.calls("CreateVpc").get(0).params());
  }

  @Test
  void vpcListPrintsEveryPageAsATable() {
    api.on("DescribeVpcs", "{\"TotalCount\":1,\"Vpcs\":{\"Vpc\":[{\"VpcId\":\"vpc-1\","
        + "\"VpcName\":\"lab\",\"CidrBlock\":\"10.0.0.0/16\",\"Status\":\"Available\","
        + "\"IsDefault\":false,\"VSwitchIds\":{\"VSwitchId\":[\"vsw-1\",\"vsw-2\"]},"
        + "\"CreationTime\":\"2024-05-01T10:00:00Z\"}]}}");
    CliHarness.Result r = cli.run("vpc", "list");
    assertEquals(0, r.exit(), r.err());
    assertEquals("ID     NAME  CIDR         STATUS     DEFAULT  VSWITCHES    CREATED\n"
        + "vpc-1  lab   10.0.0.0/16  Available  false    vsw-1,vsw-2  2024-05-01T10:00:00Z\n",
        r.out());
    assertEquals(Map.of("PageNumber", "1", "PageSize", "50"), api.calls().get(0).params());
  }

  @Test
  void vswitchCreateUsesTheOnlyZone() {
    api.on("DescribeZones", "{\"Zones\":{\"Zone\":[{\"ZoneId\":\"local-1a\"}]}}");
    api.on("CreateVSwitch", "{\"VSwitchId\":\"vsw-1\"}");
    CliHarness.Result r = cli.run("vswitch", "create", "--vpc", "vpc-1", "--cidr", "10.0.1.0/24",
        "--name", "web");
    assertEquals(0, r.exit(), r.err());
    assertEquals("vsw-1\n", r.out());
    assertEquals(Map.of("VpcId", "vpc-1", "ZoneId", "local-1a", "CidrBlock", "10.0.1.0/24",
        "VSwitchName", "web"), api.calls("CreateVSwitch").get(0).params());
  }

  @Test
  void ruleAddMapsIngressToSourceAndEgressToDest() {
    CliHarness.Result in = cli.run("sg", "rule", "add", "sg-1", "--protocol", "tcp", "--port",
        "22", "--cidr", "10.0.0.0/8", "--priority", "5");
    assertEquals(0, in.exit(), in.err());
    assertEquals("sg-1: ingress rule added\n", in.out());
    assertEquals(Map.of("SecurityGroupId", "sg-1", "IpProtocol", "tcp", "PortRange", "22/22",
        "SourceCidrIp", "10.0.0.0/8", "Priority", "5"),
        api.calls("AuthorizeSecurityGroup").get(0).params());
    CliHarness.Result out = cli.run("sg", "rule", "add", "sg-1", "--direction", "egress",
        "--protocol", "icmp", "--group", "sg-2", "--policy", "drop");
    assertEquals(0, out.exit(), out.err());
    assertEquals(Map.of("SecurityGroupId", "sg-1", "IpProtocol", "icmp", "PortRange", "-1/-1",
        "DestGroupId", "sg-2", "Policy", "drop"),
        api.calls("AuthorizeSecurityGroupEgress").get(0).params());
  }

  @Test
  void ruleAddNeedsExactlyOneRemoteSide() {
    assertEquals(2, cli.run("sg", "rule", "add", "sg-1", "--protocol", "tcp", "--port", "22")
        .exit());
    CliHarness.Result both = cli.run("sg", "rule", "add", "sg-1", "--protocol", "tcp", "--port",
        "22", "--cidr", "0.0.0.0/0", "--group", "sg-2");
    assertEquals(2, both.exit());
    assertTrue(both.err().contains("Give either --cidr or --group, not both."), both.err());
    assertEquals(2, cli.run("sg", "rule", "add", "sg-1", "--cidr", "0.0.0.0/0").exit());
    assertTrue(api.calls().isEmpty());
  }

  @Test
  void ruleRemoveByIdRevokesEachDirectionWithItsAction() {
    api.on("DescribeSecurityGroupAttribute", "{\"Permissions\":{\"Permission\":["
        + "{\"SecurityGroupRuleId\":\"sgr-1\",\"Direction\":\"ingress\"},"
        + "{\"SecurityGroupRuleId\":\"sgr-2\",\"Direction\":\"egress\"}]}}");
    CliHarness.Result r = cli.run("sg", "rule", "remove", "sg-1", "--id", "sgr-2", "--id", "sgr-1");
    assertEquals(0, r.exit(), r.err());
    assertEquals(List.of("DescribeSecurityGroupAttribute", "RevokeSecurityGroupEgress",
        "RevokeSecurityGroup"), actions());
    assertEquals(Map.of("SecurityGroupId", "sg-1", "SecurityGroupRuleId.1", "sgr-1"),
        api.calls("RevokeSecurityGroup").get(0).params());
    CliHarness.Result missing = cli.run("sg", "rule", "remove", "sg-1", "--id", "sgr-9");
    assertEquals(1, missing.exit());
    assertTrue(missing.err().contains("InvalidSecurityGroupRuleId.NotFound"), missing.err());
  }

  @Test
  void showPrintsTheGroupAndItsRules() {
    api.on("DescribeSecurityGroupAttribute", "{\"SecurityGroupId\":\"sg-1\","
        + "\"SecurityGroupName\":\"web\",\"VpcId\":\"vpc-1\",\"InnerAccessPolicy\":\"Accept\","
        + "\"Description\":\"\",\"Permissions\":{\"Permission\":["
        + "{\"SecurityGroupRuleId\":\"sgr-1\",\"Direction\":\"ingress\",\"IpProtocol\":\"TCP\","
        + "\"PortRange\":\"22/22\",\"SourceCidrIp\":\"10.0.0.0/8\",\"SourceGroupId\":\"\","
        + "\"Policy\":\"Accept\",\"Priority\":\"1\",\"Description\":\"\"},"
        + "{\"SecurityGroupRuleId\":\"sgr-2\",\"Direction\":\"egress\",\"IpProtocol\":\"ALL\","
        + "\"PortRange\":\"-1/-1\",\"DestCidrIp\":\"\",\"DestGroupId\":\"sg-2\","
        + "\"Policy\":\"Drop\",\"Priority\":\"100\",\"Description\":\"no\"}]}}");
    CliHarness.Result r = cli.run("sg", "show", "sg-1");
    assertEquals(0, r.exit(), r.err());
    assertEquals("SecurityGroupId:   sg-1\n"
        + "SecurityGroupName: web\n"
        + "VpcId:             vpc-1\n"
        + "InnerAccessPolicy: Accept\n"
        + "Description:       \n"
        + "\n"
        + "RULE ID  DIRECTION  PROTOCOL  PORTS  REMOTE      POLICY  PRIORITY  DESCRIPTION\n"
        + "sgr-1    ingress    TCP       22/22  10.0.0.0/8  Accept  1         -\n"
        + "sgr-2    egress     ALL       -1/-1  sg-2        Drop    100       no\n", r.out());
  }

  @Test
  void joinAndLeaveTakeAnInstanceOrAnEni() {
    assertEquals(0, cli.run("sg", "join", "sg-1", "--instance", "i-1").exit());
    assertEquals(0, cli.run("sg", "leave", "sg-1", "--eni", "eni-1").exit());
    assertEquals(Map.of("SecurityGroupId", "sg-1", "InstanceId", "i-1"),
        api.calls("JoinSecurityGroup").get(0).params());
    assertEquals(Map.of("SecurityGroupId", "sg-1", "NetworkInterfaceId", "eni-1"),
        api.calls("LeaveSecurityGroup").get(0).params());
    assertEquals(2, cli.run("sg", "join", "sg-1").exit());
  }

  @Test
  void eniCreateSendsGroupsAsRunInstancesDoes() {
    api.on("CreateNetworkInterface", "{\"NetworkInterfaceId\":\"eni-1\"}");
    CliHarness.Result r = cli.run("eni", "create", "--vswitch", "vsw-1", "--sg", "sg-1", "--sg",
        "sg-2", "--ip", "10.0.1.9");
    assertEquals(0, r.exit(), r.err());
    assertEquals("eni-1\n", r.out());
    assertEquals(Map.of("VSwitchId", "vsw-1", "PrimaryIpAddress", "10.0.1.9",
        "SecurityGroupIds.1", "sg-1", "SecurityGroupIds.2", "sg-2"),
        api.calls("CreateNetworkInterface").get(0).params());
  }

  @Test
  void eniListShowsIpAndGroups() {
    api.on("DescribeNetworkInterfaces", "{\"TotalCount\":1,\"NetworkInterfaceSets\":"
        + "{\"NetworkInterfaceSet\":[{\"NetworkInterfaceId\":\"eni-1\",\"NetworkInterfaceName\":\"\","
        + "\"Type\":\"Secondary\",\"Status\":\"Available\",\"VSwitchId\":\"vsw-1\","
        + "\"PrivateIpAddress\":\"10.0.1.9\",\"MacAddress\":\"00:16:3e:00:00:01\","
        + "\"InstanceId\":\"\",\"SecurityGroupIds\":{\"SecurityGroupId\":[\"sg-1\",\"sg-2\"]}}]}}");
    CliHarness.Result r = cli.run("eni", "list", "--vswitch", "vsw-1");
    assertEquals(0, r.exit(), r.err());
    assertEquals("ID     NAME  TYPE       STATUS     VSWITCH  PRIVATE IP  MAC"
        + "                INSTANCE  SECURITY GROUPS\n"
        + "eni-1  -     Secondary  Available  vsw-1    10.0.1.9    00:16:3e:00:00:01  -"
        + "         sg-1,sg-2\n", r.out());
    assertEquals("vsw-1", api.calls().get(0).params().get("VSwitchId"));
  }

  @Test
  void eniDetachLooksUpTheInstance() {
    api.on("DescribeNetworkInterfaces", "{\"NetworkInterfaceSets\":{\"NetworkInterfaceSet\":"
        + "[{\"NetworkInterfaceId\":\"eni-1\",\"InstanceId\":\"i-1\",\"Status\":\"InUse\"}]}}");
    CliHarness.Result r = cli.run("eni", "detach", "eni-1");
    assertEquals(0, r.exit(), r.err());
    assertEquals("eni-1: detached from i-1\n", r.out());
    assertEquals(Map.of("NetworkInterfaceId", "eni-1", "InstanceId", "i-1"),
        api.calls("DetachNetworkInterface").get(0).params());
  }

  @Test
  void eipAssociateSetsTheTargetType() {
    assertEquals(0, cli.run("eip", "associate", "eip-1", "--eni", "eni-1").exit());
    assertEquals(0, cli.run("eip", "associate", "eip-1", "--instance", "i-1").exit());
    List<FakeApi.Call> calls = api.calls("AssociateEipAddress");
    assertEquals(Map.of("AllocationId", "eip-1", "InstanceId", "eni-1", "InstanceType",
        "NetworkInterface"), calls.get(0).params());
    assertEquals("EcsInstance", calls.get(1).params().get("InstanceType"));
    assertEquals(2, cli.run("eip", "associate", "eip-1", "--eni", "e", "--instance", "i").exit());
  }

  @Test
  void sgAndEipListsAreTables() {
    api.on("DescribeSecurityGroups", "{\"TotalCount\":1,\"SecurityGroups\":{\"SecurityGroup\":"
        + "[{\"SecurityGroupId\":\"sg-1\",\"SecurityGroupName\":\"web\","
        + "\"SecurityGroupType\":\"normal\",\"VpcId\":\"vpc-1\",\"EcsCount\":2,"
        + "\"CreationTime\":\"2024-05-01T10:00:00Z\"}]}}");
    api.on("DescribeEipAddresses", "{\"TotalCount\":1,\"EipAddresses\":{\"EipAddress\":"
        + "[{\"AllocationId\":\"eip-1\",\"IpAddress\":\"203.0.113.5\",\"Status\":\"InUse\","
        + "\"Bandwidth\":\"5\",\"InstanceId\":\"i-1\",\"InstanceType\":\"EcsInstance\","
        + "\"Name\":\"\",\"AllocationTime\":\"2024-05-01T10:00:00Z\"}]}}");
    assertEquals("ID    NAME  TYPE    VPC    MEMBERS  CREATED\n"
        + "sg-1  web   normal  vpc-1  2        2024-05-01T10:00:00Z\n",
        cli.run("sg", "list", "--vpc", "vpc-1").out());
    assertEquals("ID     IP           STATUS  BANDWIDTH(Mbps)  ASSOCIATED  TYPE         NAME  CREATED\n"
        + "eip-1  203.0.113.5  InUse   5                i-1         EcsInstance  -"
        + "     2024-05-01T10:00:00Z\n", cli.run("eip", "list").out());
    assertEquals("vpc-1", api.calls("DescribeSecurityGroups").get(0).params().get("VpcId"));
  }

  @Test
  void eipAllocatePrintsIdAndAddressAndModifyNeedsAChange() {
    api.on("AllocateEipAddress", "{\"AllocationId\":\"eip-1\",\"EipAddress\":\"203.0.113.5\"}");
    CliHarness.Result r = cli.run("eip", "allocate", "--bandwidth", "10");
    assertEquals(0, r.exit(), r.err());
    assertEquals("eip-1  203.0.113.5\n", r.out());
    assertEquals(Map.of("Bandwidth", "10"), api.calls("AllocateEipAddress").get(0).params());
    assertEquals(2, cli.run("eip", "modify", "eip-1").exit());
    assertEquals(0, cli.run("eip", "modify", "eip-1", "--bandwidth", "20").exit());
    assertEquals(Map.of("AllocationId", "eip-1", "Bandwidth", "20"),
        api.calls("ModifyEipAddressAttribute").get(0).params());
  }
}
