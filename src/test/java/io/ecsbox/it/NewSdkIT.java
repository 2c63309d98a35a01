package io.ecsbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.ecs20140526.Client;
import com.aliyun.ecs20140526.models.DescribeInstanceTypesRequest;
import com.aliyun.ecs20140526.models.DescribeInstancesRequest;
import com.aliyun.ecs20140526.models.DescribeRegionsRequest;
import com.aliyun.tea.TeaException;
import com.aliyun.teaopenapi.models.Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The new generated SDK ({@code com.aliyun:ecs20140526}) against the daemon: signature v3. */
class NewSdkIT {
  private static EcsboxHarness h;

  @BeforeAll
  static void start() throws Exception {
    h = EcsboxHarness.start("newsdk");
  }

  @AfterAll
  static void stop() {
    if (h != null) {
      h.close();
    }
  }

  private static Client client(String secret) throws Exception {
    return new Client(new Config().setAccessKeyId(h.accessKeyId()).setAccessKeySecret(secret)
        .setRegionId("local-1").setEndpoint("127.0.0.1:" + h.port()).setProtocol("HTTP"));
  }

  @Test
  void signsWithAcs3AndReadsTheAnswers() throws Exception {
    Client c = client(h.accessKeySecret());
    var regions = c.describeRegions(new DescribeRegionsRequest()).getBody().getRegions().getRegion();
    assertEquals("local-1", regions.get(0).getRegionId());
    var types = c.describeInstanceTypes(new DescribeInstanceTypesRequest()).getBody().getInstanceTypes()
        .getInstanceType();
    assertTrue(types.stream().anyMatch(t -> "ecs.g5.large".equals(t.getInstanceTypeId())
        && t.getCpuCoreCount() == 2 && t.getMemorySize() == 8f));
    var body = c.describeInstances(new DescribeInstancesRequest().setRegionId("local-1")).getBody();
    assertEquals(0, body.getTotalCount());
  }

  @Test
  void aWrongSecretIsRefused() throws Exception {
    TeaException e = assertThrows(TeaException.class,
        () -> client("wrong-secret").describeRegions(new DescribeRegionsRequest()));
    assertEquals("SignatureDoesNotMatch", e.getCode());
  }
}
