package io.ecsbox.it;

import static io.ecsbox.it.EcsboxHarness.BOOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.ecs.model.v20140526.DeleteInstanceRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeImagesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeImagesResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeInstanceStatusRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInstanceStatusResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeInstanceTypesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInstanceTypesResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeInstancesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInstancesResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeRegionsRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeRegionsResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeUserDataRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeZonesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeZonesResponse;
import com.aliyuncs.ecs.model.v20140526.ModifyInstanceSpecRequest;
import com.aliyuncs.ecs.model.v20140526.RebootInstanceRequest;
import com.aliyuncs.ecs.model.v20140526.RunInstancesRequest;
import com.aliyuncs.ecs.model.v20140526.StartInstanceRequest;
import com.aliyuncs.ecs.model.v20140526.StopInstanceRequest;
import com.aliyuncs.exceptions.ClientException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * One guest through its whole life, driven only by the official classic SDK: catalog reads,
 * RunInstances with ClientToken, boot (READY line and user data on the console), describe
 * filters, user data, reboot, stop/modify-spec/start, and deletion with host cleanup. The
 * steps share the guest and run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstanceLifecycleIT {
  private static final Duration STATE = Duration.ofSeconds(120);
  private static EcsboxHarness h;
  private static String id;
  private static String userData;
  private static final String MARKER = EcsboxHarness.marker("userdata-ran");
  private static final String NAME = "lab-vm-" + EcsboxHarness.SESSION;

  @BeforeAll
  static void startDaemon() throws Exception {
    h = EcsboxHarness.start("lifecycle");
  }

  @AfterAll
  static void cleanUp() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  @Order(1)
  void catalogReads() throws Exception {
    List<DescribeRegionsResponse.Region> regions = h.call(new DescribeRegionsRequest()).getRegions();
    assertEquals(1, regions.size());
    assertEquals("local-1", regions.get(0).getRegionId());

    List<DescribeZonesResponse.Zone> zones = h.call(new DescribeZonesRequest()).getZones();
    assertTrue(zones.stream().anyMatch(z -> "local-1a".equals(z.getZoneId())), "zones: " + zones.size());

    DescribeInstanceTypesResponse.InstanceType g5 = h.call(new DescribeInstanceTypesRequest()).getInstanceTypes()
        .stream().filter(t -> "ecs.g5.large".equals(t.getInstanceTypeId())).findFirst()
        .orElseThrow(() -> new AssertionError("ecs.g5.large not listed"));
    assertEquals(2, g5.getCpuCoreCount());
    assertEquals(8.0f, g5.getMemorySize());

    List<DescribeImagesResponse.Image> images = h.call(new DescribeImagesRequest()).getImages();
    assertTrue(images.stream().anyMatch(i -> EcsboxHarness.IMAGE_ID.equals(i.getImageId())),
        "images: " + images.stream().map(DescribeImagesResponse.Image::getImageId).toList());
  }

  @Test
  @Order(2)
  void runInstancesIsIdempotentWithClientToken() throws Exception {
    String script = "#!/bin/sh\necho " + MARKER + "\necho " + MARKER + " > /tmp/ecsbox-it-file\n"
        + "echo file=$(cat /tmp/ecsbox-it-file)\n";
    userData = Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8));
    String token = EcsboxHarness.marker("tok");
    int before = h.totalInstances();

    List<String> first = h.call(runRequest(token)).getInstanceIdSets();
    h.track(first);
    assertEquals(1, first.size());
    id = first.get(0);
    assertTrue(id.matches("i-[a-z0-9]{20}"), id);

    List<String> again = h.call(runRequest(token)).getInstanceIdSets();
    h.track(again);
    assertEquals(first, again, "same ClientToken, same ids");
    assertEquals(before + 1, h.totalInstances(), "the retry created nothing");
  }

  @Test
  @Order(3)
  void bootsAndRunsUserData() throws Exception {
    h.waitForStatus(id, "Running", STATE);
    String console = h.waitForConsoleLine(id, EcsboxHarness.READY, 1, BOOT);
    assertTrue(console.contains("ECSBOX-READY instance-id=" + id + " hostname=lab-vm-1"), console);
    h.waitForConsoleLine(id, Pattern.compile("^" + Pattern.quote(MARKER) + "$"), 1, Duration.ofSeconds(30));
    h.waitForConsoleLine(id, Pattern.compile("file=" + Pattern.quote(MARKER)), 1, Duration.ofSeconds(30));
  }

  @Test
  @Order(4)
  void describeFiltersAndPaging() throws Exception {
    DescribeInstancesRequest byId = new DescribeInstancesRequest();
    byId.setInstanceIds("[\"" + id + "\"]");
    DescribeInstancesResponse r = h.call(byId);
    assertEquals(1, r.getTotalCount());
    assertEquals(1, r.getPageNumber());
    assertEquals(10, r.getPageSize());
    DescribeInstancesResponse.Instance i = r.getInstances().get(0);
    assertEquals(id, i.getInstanceId());
    assertEquals(NAME, i.getInstanceName());
    assertEquals("lab-vm-1", i.getHostName());
    assertEquals(EcsboxHarness.NANO, i.getInstanceType());
    assertEquals(1, i.getCpu());
    assertEquals(512, i.getMemory());
    assertEquals("local-1", i.getRegionId());
    assertEquals("local-1a", i.getZoneId());
    assertEquals(EcsboxHarness.IMAGE_ID, i.getImageId());
    assertTrue(i.getTags().stream().anyMatch(t -> "env".equals(t.getTagKey()) && "test".equals(t.getTagValue())),
        "tags");

    DescribeInstancesRequest byStatus = new DescribeInstancesRequest();
    byStatus.setStatus("Running");
    assertTrue(ids(h.call(byStatus)).contains(id));
    byStatus.setStatus("Stopped");
    assertFalse(ids(h.call(byStatus)).contains(id));

    DescribeInstancesRequest byName = new DescribeInstancesRequest();
    byName.setInstanceName("lab-vm-*");
    assertEquals(List.of(id), ids(h.call(byName)));
    byName.setInstanceName("other-*");
    assertEquals(List.of(), ids(h.call(byName)));

    assertEquals(List.of(id), ids(h.call(byTag("env", "test"))));
    assertEquals(List.of(), ids(h.call(byTag("env", "prod"))));

    DescribeInstancesRequest page2 = new DescribeInstancesRequest();
    page2.setInstanceIds("[\"" + id + "\"]");
    page2.setPageSize(1);
    page2.setPageNumber(2);
    DescribeInstancesResponse p2 = h.call(page2);
    assertEquals(1, p2.getTotalCount());
    assertEquals(2, p2.getPageNumber());
    assertEquals(1, p2.getPageSize());
    assertEquals(List.of(), ids(p2));
  }

  @Test
  @Order(5)
  void statusAndUserData() throws Exception {
    DescribeInstanceStatusRequest s = new DescribeInstanceStatusRequest();
    s.setInstanceIds(List.of(id));
    List<DescribeInstanceStatusResponse.InstanceStatus> statuses = h.call(s).getInstanceStatuses();
    assertEquals(1, statuses.size());
    assertEquals(id, statuses.get(0).getInstanceId());
    assertEquals("Running", statuses.get(0).getStatus());

    DescribeUserDataRequest u = new DescribeUserDataRequest();
    u.setInstanceId(id);
    assertEquals(userData, h.call(u).getUserData());
  }

  @Test
  @Order(6)
  void wrongStateOperationsAreRefused() {
    StartInstanceRequest start = new StartInstanceRequest();
    start.setInstanceId(id);
    expectError("IncorrectInstanceStatus", start);

    ModifyInstanceSpecRequest spec = new ModifyInstanceSpecRequest();
    spec.setInstanceId(id);
    spec.setInstanceType("ecs.t5-lc1m1.small");
    expectError("IncorrectInstanceStatus", spec);

    DeleteInstanceRequest delete = new DeleteInstanceRequest();
    delete.setInstanceId(id);
    expectError("IncorrectInstanceStatus", delete);
  }

  @Test
  @Order(7)
  void rebootBootsAgain() throws Exception {
    RebootInstanceRequest r = new RebootInstanceRequest();
    r.setInstanceId(id);
    h.call(r);
    h.waitForConsoleLine(id, EcsboxHarness.READY, 2, BOOT);
    h.waitForStatus(id, "Running", STATE);
  }

  @Test
  @Order(8)
  void stopModifySpecStart() throws Exception {
    StopInstanceRequest stop = new StopInstanceRequest();
    stop.setInstanceId(id);
    h.call(stop);
    h.waitForStatus(id, "Stopped", STATE);
    assertEquals("shut off", EcsboxHarness.host().state(id).orElse("<absent>"));

    ModifyInstanceSpecRequest spec = new ModifyInstanceSpecRequest();
    spec.setInstanceId(id);
    spec.setInstanceType("ecs.t5-lc1m1.small");
    h.call(spec);

    StartInstanceRequest start = new StartInstanceRequest();
    start.setInstanceId(id);
    h.call(start);
    h.waitForStatus(id, "Running", STATE);
    DescribeInstancesResponse.Instance i = h.describe(id).orElseThrow();
    assertEquals("ecs.t5-lc1m1.small", i.getInstanceType());
    assertEquals(1024, i.getMemory());
    assertEquals("running", EcsboxHarness.host().state(id).orElse("<absent>"));
    assertEquals(1024L * 1024, memoryKiB(EcsboxHarness.host().xml(id)));
  }

  @Test
  @Order(9)
  void forceDeleteRemovesEverything() throws Exception {
    DeleteInstanceRequest d = new DeleteInstanceRequest();
    d.setInstanceId(id);
    d.setForce(true);
    h.call(d);
    h.waitUntilGone(id, STATE);
    h.waitUntil(id + " domain and directory to go", STATE,
        () -> EcsboxHarness.host().state(id).isPresent() || Files.exists(h.instanceDir(id)), busy -> !busy, null);
  }

  private RunInstancesRequest runRequest(String token) {
    RunInstancesRequest r = new RunInstancesRequest();
    r.setImageId(EcsboxHarness.IMAGE_ID);
    r.setInstanceType(EcsboxHarness.NANO);
    r.setAmount(1);
    r.setHostName("lab-vm-1");
    r.setInstanceName(NAME);
    RunInstancesRequest.Tag tag = new RunInstancesRequest.Tag();
    tag.setKey("env");
    tag.setValue("test");
    r.setTags(List.of(tag));
    r.setUserData(userData);
    r.setClientToken(token);
    return r;
  }

  private static DescribeInstancesRequest byTag(String key, String value) {
    DescribeInstancesRequest r = new DescribeInstancesRequest();
    DescribeInstancesRequest.Tag t = new DescribeInstancesRequest.Tag();
    t.setKey(key);
    t.setValue(value);
    r.setTags(List.of(t));
    return r;
  }

  private static List<String> ids(DescribeInstancesResponse r) {
    return r.getInstances().stream().map(DescribeInstancesResponse.Instance::getInstanceId).toList();
  }

  static long memoryKiB(String xml) {
    Matcher m = Pattern.compile("<memory unit='(\\w+)'>(\\d+)</memory>").matcher(xml);
    assertTrue(m.find(), xml);
    long v = Long.parseLong(m.group(2));
    return switch (m.group(1)) {
      case "KiB" -> v;
      case "MiB" -> v * 1024;
      case "GiB" -> v * 1024 * 1024;
      default -> throw new AssertionError("memory unit " + m.group(1));
    };
  }

  static void expectError(String code, AcsRequest<?> request) {
    ClientException e = assertThrows(ClientException.class, () -> h.sdk().getAcsResponse(request));
    assertEquals(code, e.getErrCode(), e.getMessage());
    assertNotNull(e.getRequestId());
  }
}
