package io.ecsbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.CommonRequest;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.ecs.model.v20140526.DescribeInstancesRequest;
import com.aliyuncs.ecs.model.v20140526.RunInstancesRequest;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.HttpResponse;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Wrong requests get the ECS error code and HTTP status, and leave nothing behind: no
 * instance row, no instance directory, no libvirt domain (checked after every test).
 */
class BadInputIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static EcsboxHarness h;
  private int rowsBefore;
  private Set<String> dirsBefore;
  private Set<String> domainsBefore;

  @BeforeAll
  static void startDaemon() throws Exception {
    h = EcsboxHarness.start("badinput");
  }

  @AfterAll
  static void cleanUp() {
    if (h != null) {
      h.close();
    }
  }

  @BeforeEach
  void snapshot() throws Exception {
    rowsBefore = h.totalInstances();
    dirsBefore = h.instanceDirs();
    domainsBefore = new TreeSet<>(EcsboxHarness.host().namesUsing(h.dataDir()));
  }

  @AfterEach
  void nothingLeftBehind() throws Exception {
    assertEquals(rowsBefore, h.totalInstances(), "DescribeInstances TotalCount");
    assertEquals(dirsBefore, h.instanceDirs(), "directories under instances/");
    assertEquals(domainsBefore, new TreeSet<>(EcsboxHarness.host().namesUsing(h.dataDir())), "libvirt domains");
  }

  @Test
  void unknownImage() throws Exception {
    RunInstancesRequest r = run();
    r.setImageId("m-doesnotexist");
    expect("InvalidImageId.NotFound", 404, r);
  }

  @Test
  void unknownInstanceType() throws Exception {
    RunInstancesRequest r = run();
    r.setInstanceType("ecs.nope9.large");
    expect("InvalidInstanceType.NotFound", 404, r);
  }

  @Test
  void gpuTypeIsNotSupported() throws Exception {
    RunInstancesRequest r = run();
    r.setInstanceType("ecs.gn6i-c4g1.xlarge");
    expect("InstanceType.NotSupported", 403, r);
  }

  @Test
  void amountOutOfRange() throws Exception {
    for (int amount : new int[] {0, 101}) {
      RunInstancesRequest r = run();
      r.setAmount(amount);
      ClientException e = assertThrows(ClientException.class, () -> h.sdk().getAcsResponse(r));
      assertTrue(e.getErrCode().startsWith("InvalidParameter"), "Amount " + amount + ": " + e.getErrCode());
      assertEquals(400, h.sdk().doAction(r).getStatus());
    }
  }

  @Test
  void userDataNotBase64() throws Exception {
    RunInstancesRequest r = run();
    r.setUserData("this is *not* base64!");
    expect("InvalidUserData.Base64FormatInvalid", 400, r);
  }

  @Test
  void malformedHostName() throws Exception {
    RunInstancesRequest r = run();
    r.setHostName("-bad-");
    expect("InvalidHostName.Malformed", 400, r);
  }

  @Test
  void dryRunValidatesAndCreatesNothing() throws Exception {
    RunInstancesRequest r = run();
    r.setDryRun(true);
    expect("DryRunOperation", 400, r);
  }

  @Test
  void unknownAction() throws Exception {
    CommonRequest r = new CommonRequest();
    r.setSysDomain("127.0.0.1:" + h.port());
    r.setSysProtocol(ProtocolType.HTTP);
    r.setSysMethod(MethodType.POST);
    r.setSysProduct("Ecs");
    r.setSysVersion("2014-05-26");
    r.setSysAction("DescribeUnicorns");
    ClientException e = assertThrows(ClientException.class, () -> h.sdk().getCommonResponse(r));
    assertEquals("InvalidAction.NotFound", e.getErrCode());
    RawApi.Response raw = h.raw().send(h.raw().params("DescribeUnicorns"));
    assertEquals(404, raw.status());
    assertEquals("InvalidAction.NotFound", raw.code());
  }

  @Test
  void wrongSecret() throws Exception {
    IAcsClient bad = h.sdk(h.accessKeyId(), h.accessKeySecret() + "x");
    ClientException e = assertThrows(ClientException.class, () -> bad.getAcsResponse(new DescribeInstancesRequest()));
    // The classic SDK rewrites SignatureDoesNotMatch when its string to sign equals the server's.
    assertTrue(Set.of("SignatureDoesNotMatch", "SDK.InvalidAccessKeySecret").contains(e.getErrCode()),
        e.getErrCode());
    HttpResponse r = bad.doAction(new DescribeInstancesRequest());
    assertEquals(400, r.getStatus());
    assertEquals("SignatureDoesNotMatch", code(r));
  }

  @Test
  void unknownAccessKeyId() throws Exception {
    IAcsClient bad = h.sdk("LTAI" + "0".repeat(20), h.accessKeySecret());
    expect(bad, "InvalidAccessKeyId.NotFound", 404, new DescribeInstancesRequest());
  }

  @Test
  void expiredTimestamp() throws Exception {
    Map<String, String> p = h.raw().params("DescribeInstances");
    p.put("Timestamp", RawApi.timestamp(Instant.now().minusSeconds(20 * 60)));
    RawApi.Response r = h.raw().send(p);
    assertEquals(400, r.status(), r.body().toString());
    assertEquals("InvalidTimeStamp.Expired", r.code());
  }

  @Test
  void reusedNonce() throws Exception {
    Map<String, String> p = h.raw().params("DescribeRegions");
    RawApi.Response first = h.raw().send(p);
    assertEquals(200, first.status(), first.body().toString());
    RawApi.Response second = h.raw().send(p);
    assertEquals(400, second.status(), second.body().toString());
    assertEquals("SignatureNonceUsed", second.code());
  }

  @Test
  void emptyInstanceIdsMatchNothing() throws Exception {
    Map<String, String> p = h.raw().params("DescribeInstances");
    p.put("InstanceIds", "[]");
    RawApi.Response r = h.raw().send(p);
    assertEquals(200, r.status(), r.body().toString());
    assertEquals(0, r.body().get("TotalCount").asInt());
    assertEquals(0, r.body().get("Instances").get("Instance").size());
  }

  @Test
  void otherRegion() throws Exception {
    Map<String, String> p = h.raw().params("DescribeInstances");
    p.put("RegionId", "cn-hangzhou");
    RawApi.Response r = h.raw().send(p);
    assertEquals(404, r.status(), r.body().toString());
    assertEquals("InvalidRegionId.NotFound", r.code());
  }

  /** A RunInstances that would succeed; each test breaks one thing. */
  private static RunInstancesRequest run() {
    RunInstancesRequest r = new RunInstancesRequest();
    r.setImageId(EcsboxHarness.IMAGE_ID);
    r.setInstanceType(EcsboxHarness.NANO);
    r.setAmount(1);
    r.setHostName("bad-input-vm");
    return r;
  }

  private static void expect(String code, int status, AcsRequest<?> request) throws Exception {
    expect(h.sdk(), code, status, request);
  }

  /** The SDK throws ClientException with {@code code}; the raw answer has {@code status}. */
  private static void expect(IAcsClient client, String code, int status, AcsRequest<?> request) throws Exception {
    ClientException e = assertThrows(ClientException.class, () -> client.getAcsResponse(request));
    assertEquals(code, e.getErrCode(), e.getMessage());
    assertNotNull(e.getRequestId());
    HttpResponse r = client.doAction(request);
    assertEquals(status, r.getStatus(), r.getHttpContentString());
    assertEquals(code, code(r));
  }

  private static String code(HttpResponse r) throws Exception {
    return JSON.readTree(r.getHttpContentString()).get("Code").asText();
  }
}
