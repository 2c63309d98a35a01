package io.ecsbox.cli.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.cli.CliHarness;
import io.ecsbox.cli.common.FakeApi;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceCommandsTest {
  private static final String RUN_ANSWER =
      "{\"RequestId\":\"R\",\"InstanceIdSets\":{\"InstanceIdSet\":[\"i-1\",\"i-2\"]}}";

  private final FakeApi api = new FakeApi().on("RunInstances", RUN_ANSWER);
  private final CliHarness cli = new CliHarness(api);

  @Test
  void runMapsOptionsToRunInstancesParameters() {
    CliHarness.Result r = cli.run("instance", "run", "--image", "m-tiny", "--type",
        "ecs.t5.small", "--name", "web", "--hostname", "web1", "--amount", "2",
        "--user-data", "#!/bin/sh\necho hi=", "--system-disk-size", "20",
        "--system-disk-category", "cloud_ssd", "--tag", "env=dev", "--tag", "team=",
        "--tag", "solo", "--client-token", "tok-1");
    assertEquals(0, r.exit(), r.err());
    assertEquals("i-1\ni-2\n", r.out());
    Map<String, String> p = api.calls("RunInstances").get(0).params();
    assertEquals("m-tiny", p.get("ImageId"));
    assertEquals("ecs.t5.small", p.get("InstanceType"));
    assertEquals("web", p.get("InstanceName"));
    assertEquals("web1", p.get("HostName"));
    assertEquals("2", p.get("Amount"));
    assertEquals("20", p.get("SystemDisk.Size"));
    assertEquals("cloud_ssd", p.get("SystemDisk.Category"));
    assertEquals("tok-1", p.get("ClientToken"));
    assertEquals(Base64.getEncoder().encodeToString(
        "#!/bin/sh\necho hi=".getBytes(StandardCharsets.UTF_8)), p.get("UserData"));
    assertEquals("env", p.get("Tag.1.Key"));
    assertEquals("dev", p.get("Tag.1.Value"));
    assertEquals("team", p.get("Tag.2.Key"));
    assertEquals("", p.get("Tag.2.Value"));
    assertEquals("solo", p.get("Tag.3.Key"));
    assertFalse(p.containsKey("Tag.3.Value"));
  }

  @Test
  void runMapsNetworkOptions() {
    assertEquals(0, cli.run("instance", "run", "--image", "m", "--type", "t", "--vswitch",
        "vsw-1", "--private-ip", "10.0.1.7", "--sg", "sg-1", "--security-group", "sg-2",
        "--public-bandwidth", "5").exit());
    assertEquals(Map.of("ImageId", "m", "InstanceType", "t", "Amount", "1", "VSwitchId", "vsw-1",
        "PrivateIpAddress", "10.0.1.7", "SecurityGroupIds.1", "sg-1", "SecurityGroupIds.2", "sg-2",
        "InternetMaxBandwidthOut", "5"), api.calls("RunInstances").get(0).params());
    assertEquals(0, cli.run("instance", "run", "--image", "m", "--type", "t", "--sg", "sg-1")
        .exit());
    assertEquals("sg-1", api.calls("RunInstances").get(1).params().get("SecurityGroupId"));
  }

  @Test
  void listShowsPrivateAndPublicIps() {
    api.on("DescribeInstances", "{\"TotalCount\":2,\"Instances\":{\"Instance\":["
        + "{\"InstanceId\":\"i-1\",\"VpcAttributes\":{\"PrivateIpAddress\":{\"IpAddress\":"
        + "[\"10.0.1.7\"]}},\"PublicIpAddress\":{\"IpAddress\":[\"203.0.113.9\"]},"
        + "\"EipAddress\":{\"IpAddress\":\"\"}},"
        + "{\"InstanceId\":\"i-2\",\"VpcAttributes\":{\"PrivateIpAddress\":{\"IpAddress\":"
        + "[\"10.0.1.8\"]}},\"PublicIpAddress\":{\"IpAddress\":[]},"
        + "\"EipAddress\":{\"IpAddress\":\"203.0.113.20\"}}]}}");
    CliHarness.Result r = cli.run("instance", "list");
    assertEquals(0, r.exit(), r.err());
    assertEquals(List.of("i-1  -     -       -     -    -         -      -        10.0.1.7"
        + "    203.0.113.9", "i-2  -     -       -     -    -         -      -        10.0.1.8"
        + "    203.0.113.20"), r.out().lines().skip(1).toList());
  }

  @Test
  void runDefaultsToOneInstanceAndSendsOnlyWhatWasGiven() {
    assertEquals(0, cli.run("instance", "run", "--image", "m", "--type", "t").exit());
    assertEquals(Map.of("ImageId", "m", "InstanceType", "t", "Amount", "1"),
        api.calls("RunInstances").get(0).params());
  }

  @Test
  void keyPairAndPasswordFromStdinAreSentAndThePasswordNeverPrinted() {
    java.io.InputStream in = System.in;
    try {
      System.setIn(new java.io.ByteArrayInputStream("Pw-Secret-9\n".getBytes(StandardCharsets.UTF_8)));
      CliHarness.Result r = cli.run("instance", "run", "--image", "m", "--type", "t", "--key-pair", "lab",
          "--password-prompt");
      assertEquals(0, r.exit(), r.err());
      assertEquals(Map.of("ImageId", "m", "InstanceType", "t", "Amount", "1", "KeyPairName", "lab",
          "Password", "Pw-Secret-9"), api.calls("RunInstances").get(0).params());
      assertFalse((r.out() + r.err()).contains("Pw-Secret-9"));
      System.setIn(new java.io.ByteArrayInputStream("Pw-Other-9\n".getBytes(StandardCharsets.UTF_8)));
      assertEquals(0, cli.run("instance", "modify", "i-1", "--password-prompt").exit());
      assertEquals(Map.of("InstanceId", "i-1", "Password", "Pw-Other-9"),
          api.calls("ModifyInstanceAttribute").get(0).params());
    } finally {
      System.setIn(in);
    }
  }

  @Test
  void userDataFileIsSentBase64(@TempDir Path dir) throws Exception {
    byte[] bytes = {'#', '!', 0, (byte) 0xff, '\n'};
    Path f = Files.write(dir.resolve("ud"), bytes);
    assertEquals(0, cli.run("instance", "create", "--image", "m", "--type", "t",
        "--user-data-file", f.toString()).exit());
    assertEquals(Base64.getEncoder().encodeToString(bytes),
        api.calls("CreateInstance").get(0).params().get("UserData"));
    assertNull(api.calls("CreateInstance").get(0).params().get("Amount"));
  }

  @Test
  void conflictingOrUnreadableUserDataIsAUsageError(@TempDir Path dir) {
    CliHarness.Result both = cli.run("instance", "run", "--image", "m", "--type", "t",
        "--user-data", "x", "--user-data-file", dir.resolve("x").toString());
    assertEquals(2, both.exit());
    CliHarness.Result missing = cli.run("instance", "run", "--image", "m", "--type", "t",
        "--user-data-file", dir.resolve("missing").toString());
    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains("Cannot read --user-data-file"), missing.err());
    CliHarness.Result badTag = cli.run("instance", "run", "--image", "m", "--type", "t",
        "--tag", "=v");
    assertEquals(2, badTag.exit());
    assertTrue(api.calls().isEmpty());
  }

  @Test
  void oneIdUsesTheSingularActionSeveralThePlural() {
    assertEquals(0, cli.run("instance", "stop", "i-1", "--force").exit());
    assertEquals(Map.of("InstanceId", "i-1", "ForceStop", "true"), api.calls().get(0).params());
    assertEquals("StopInstance", api.calls().get(0).action());

    assertEquals(0, cli.run("instance", "delete", "i-1", "i-2", "--force").exit());
    assertEquals("DeleteInstances", api.calls().get(1).action());
    assertEquals(Map.of("InstanceId.1", "i-1", "InstanceId.2", "i-2", "Force", "true"),
        api.calls().get(1).params());

    assertEquals(0, cli.run("instance", "start", "i-3").exit());
    assertEquals(Map.of("InstanceId", "i-3"), api.calls().get(2).params());
  }

  @Test
  void pluralFailuresArePrintedAndExit1() {
    api.on("StartInstances", "{\"RequestId\":\"R\",\"InstanceResponses\":{\"InstanceResponse\":["
        + "{\"InstanceId\":\"i-1\",\"Code\":\"200\",\"PreviousStatus\":\"Stopped\","
        + "\"CurrentStatus\":\"Starting\"},{\"InstanceId\":\"i-2\","
        + "\"Code\":\"IncorrectInstanceStatus\",\"Message\":\"busy\"}]}}");
    CliHarness.Result r = cli.run("instance", "start", "i-1", "i-2");
    assertEquals(1, r.exit());
    assertTrue(r.out().contains("i-2  -         -         IncorrectInstanceStatus  busy"), r.out());
    assertTrue(r.err().contains("Error: i-2: IncorrectInstanceStatus: busy"), r.err());
  }

  @Test
  void deleteWaitsUntilTheInstancesAreGone() {
    api.on("DescribeInstances", "{\"Instances\":{\"Instance\":[{\"InstanceId\":\"i-1\","
        + "\"Status\":\"Stopped\"}]}}");
    api.on("DescribeInstances", "{\"Instances\":{\"Instance\":[]}}");
    CliHarness.Result r = cli.run("instance", "delete", "i-1", "--wait");
    assertEquals(0, r.exit(), r.err());
    assertEquals("i-1: deleted\n", r.out());
    assertEquals("[\"i-1\"]", api.calls("DescribeInstances").get(0).params().get("InstanceIds"));
  }

  @Test
  void listSendsFiltersAndPrintsTheTable() {
    api.on("DescribeInstances", "{\"TotalCount\":3,\"PageNumber\":1,\"PageSize\":1,"
        + "\"Instances\":{\"Instance\":[{\"InstanceId\":\"i-1\",\"InstanceName\":\"web\","
        + "\"Status\":\"Running\",\"InstanceType\":\"ecs.t5.small\",\"Cpu\":1,\"Memory\":1024,"
        + "\"ImageId\":\"m-tiny\",\"CreationTime\":\"2024-05-01T10:00Z\"}]}}");
    CliHarness.Result r = cli.run("instance", "list", "--status", "Running", "--name", "w*",
        "--tag", "env=dev", "--page-size", "1");
    assertEquals(0, r.exit(), r.err());
    assertEquals("ID   NAME  STATUS   TYPE          CPU  MEM(MiB)  IMAGE   CREATED"
        + "            PRIVATE IP  PUBLIC IP\n"
        + "i-1  web   Running  ecs.t5.small  1    1024      m-tiny  2024-05-01T10:00Z  -"
        + "           -\n",
        r.out());
    assertTrue(r.err().contains("1 of 3 instances; use --page 2 or --all"), r.err());
    assertEquals(Map.of("Status", "Running", "InstanceName", "w*", "Tag.1.Key", "env",
        "Tag.1.Value", "dev", "PageSize", "1"), api.calls().get(0).params());
  }

  @Test
  void showPrintsKeyValueLines() {
    api.on("DescribeInstances", "{\"Instances\":{\"Instance\":[{\"InstanceId\":\"i-1\","
        + "\"Status\":\"Running\",\"VpcAttributes\":{\"PrivateIpAddress\":{\"IpAddress\":"
        + "[\"10.0.0.5\"]}},\"Tags\":{\"Tag\":[{\"TagKey\":\"env\",\"TagValue\":\"dev\"}]}}]}}");
    CliHarness.Result r = cli.run("instance", "show", "i-1");
    assertEquals(0, r.exit(), r.err());
    assertEquals("InstanceId:                     i-1\n"
        + "Status:                         Running\n"
        + "VpcAttributes.PrivateIpAddress: 10.0.0.5\n"
        + "Tags.Tag[0].TagKey:             env\n"
        + "Tags.Tag[0].TagValue:           dev\n", r.out());
  }

  @Test
  void consoleAndUserDataAreDecoded() {
    String b64 = Base64.getEncoder().encodeToString("boot ok\nECSBOX-READY\n".getBytes());
    api.on("GetInstanceConsoleOutput", "{\"ConsoleOutput\":\"" + b64 + "\"}");
    api.on("DescribeUserData", "{\"UserData\":\"" + b64 + "\"}");
    assertEquals("boot ok\nECSBOX-READY\n", cli.run("instance", "console", "i-1").out());
    assertEquals("boot ok\nECSBOX-READY\n", cli.run("instance", "user-data", "i-1").out());
    assertEquals("more\n", InstanceConsoleCommand.newText("boot\n", "boot\nmore\n"));
    assertEquals("new boot\n", InstanceConsoleCommand.newText("old\n", "new boot\n"));
  }

  @Test
  void modifyNeedsSomethingToChange() {
    assertEquals(2, cli.run("instance", "modify", "i-1").exit());
    assertEquals(0, cli.run("instance", "modify", "i-1", "--name", "n2").exit());
    assertEquals(Map.of("InstanceId", "i-1", "InstanceName", "n2"), api.calls().get(0).params());
    assertEquals(0, cli.run("instance", "resize", "i-1", "--type", "ecs.g5.large").exit());
    assertEquals(Map.of("InstanceId", "i-1", "InstanceType", "ecs.g5.large"),
        api.calls("ModifyInstanceSpec").get(0).params());
  }

  private static final String STOPPED_BY_HOST = "\"Status\":\"Stopped\",\"EcsboxStatusReason\":{"
      + "\"Code\":\"SystemFailure.Stop\",\"Message\":\"The host could not start the guest: no AIO\"}";

  @Test
  void runWaitReturnsAtOnceWithTheReasonOfAStartTheHostCouldNotDo() {
    api.on("DescribeInstances", "{\"Instances\":{\"Instance\":[{\"InstanceId\":\"i-1\","
        + "\"Status\":\"Running\",\"EcsboxStatusReason\":{}},{\"InstanceId\":\"i-2\"," + STOPPED_BY_HOST + "}]}}");
    String b64 = Base64.getEncoder().encodeToString("ECSBOX-READY instance-id=i-1\n".getBytes());
    api.on("GetInstanceConsoleOutput", "{\"ConsoleOutput\":\"" + b64 + "\"}");
    CliHarness.Result r = cli.run("instance", "run", "--image", "m", "--type", "t", "--amount", "2", "--wait");
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.out().contains("i-1: ECSBOX-READY instance-id=i-1"), r.out());
    assertTrue(r.err().contains("Error: i-2: SystemFailure.Stop: The host could not start the guest: no AIO"),
        r.err());
    assertEquals(1, api.calls("DescribeInstances").size(), "no waiting once every instance is up or failed");
  }

  @Test
  void startWaitStopsWaitingForAnInstanceTheHostStopped() {
    api.on("StartInstance", "{\"RequestId\":\"R\"}");
    api.on("DescribeInstances", "{\"Instances\":{\"Instance\":[{\"InstanceId\":\"i-1\","
        + "\"Status\":\"Starting\"}]}}");
    api.on("DescribeInstances", "{\"Instances\":{\"Instance\":[{\"InstanceId\":\"i-1\"," + STOPPED_BY_HOST + "}]}}");
    CliHarness.Result r = cli.run("instance", "start", "i-1", "--wait");
    assertEquals(1, r.exit(), r.out());
    assertTrue(r.err().contains("Error: i-1: SystemFailure.Stop: The host could not start"), r.err());
    assertEquals(2, api.calls("DescribeInstances").size());
    CliHarness.Result stop = cli.run("instance", "stop", "i-1", "--wait");
    assertEquals(0, stop.exit(), "for a stop, Stopped is the goal whatever the reason: " + stop.err());
  }

  @Test
  void vncPrintsThePageOnTheApiServerWithTheEncodedConsoleUrl() {
    String encoded = "ws%3A%2F%2F10.0.0.1%3A18081%2Fwebsockify%2F%3Fs%3Dabc";
    assertEquals("https://10.0.0.1:18080/console/vnc?vncUrl=" + encoded,
        InstanceVncCommand.pageUrl(java.net.URI.create("https://10.0.0.1:18080/"), false, encoded));
    assertEquals("http://h:1/console/serial?vncUrl=" + encoded,
        InstanceVncCommand.pageUrl(java.net.URI.create("http://h:1"), true, encoded));
  }

  @Test
  void runWaitTakesCloudInitsFinishedLineAsReady() {
    api.on("DescribeInstances", "{\"Instances\":{\"Instance\":[{\"InstanceId\":\"i-1\",\"Status\":\"Running\"},"
        + "{\"InstanceId\":\"i-2\",\"Status\":\"Running\"}]}}");
    String line = "Cloud-init v. 22.4.2 finished at Tue, 08 Dec 2026 03:10:11 +0000. Datasource DataSourceAliYun.  Up 41.0 seconds";
    String b64 = Base64.getEncoder().encodeToString(("[  41.0] cloud-init[400]: " + line + "\r\n").getBytes());
    api.on("GetInstanceConsoleOutput", "{\"ConsoleOutput\":\"" + b64 + "\"}");
    CliHarness.Result r = cli.run("instance", "run", "--image", "ecsbox-debian-12", "--type", "t", "--wait");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("i-1: " + line), r.out());
  }

  @Test
  void runWaitTimesOutNamingNoReadyWhenAGuestPrintsNoReadyLine() {
    api.on("DescribeInstances", "{\"Instances\":{\"Instance\":[{\"InstanceId\":\"i-1\",\"Status\":\"Running\"},"
        + "{\"InstanceId\":\"i-2\",\"Status\":\"Running\"}]}}");
    String b64 = Base64.getEncoder().encodeToString("Welcome\nlogin: ".getBytes());
    api.on("GetInstanceConsoleOutput", "{\"ConsoleOutput\":\"" + b64 + "\"}");
    CliHarness.Result r = cli.run("instance", "run", "--image", "m", "--type", "t", "--wait", "--timeout", "5");
    assertEquals(4, r.exit(), r.err());
    assertTrue(r.err().contains("timed out after 5 s"), r.err());
    assertTrue(r.err().contains("use --no-ready"), r.err());
    CliHarness.Result plain = cli.run("instance", "run", "--image", "m", "--type", "t", "--wait", "--no-ready");
    assertEquals(0, plain.exit(), plain.err());
  }
}
