package io.ecsbox.network.eip;

import io.ecsbox.TestErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.api.ActionRegistry;
import io.ecsbox.api.ApiRequest;
import io.ecsbox.api.Params;
import io.ecsbox.api.actions.EipActions;
import io.ecsbox.api.errors.EcsException;
import io.ecsbox.store.Database;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The EIP Actions: parameter names and the response shapes as the SDKs read them. */
class EipActionsTest {
  @TempDir Path dir;
  private Database db;
  private ActionRegistry registry;
  private FakeEipAgent host;

  @BeforeEach
  void setUp() {
    db = Database.open(dir.resolve("db"));
    host = new FakeEipAgent();
    FakeEipTargets targets = new FakeEipTargets();
    targets.instance("acc", "i-one", "eni-one", "vpc-a", "10.0.0.5");
    EipService svc = new EipService(new EipStore(db), Optional.of(EipConfig.of("198.51.100.0/24", "br-pub", "198.51.100.1")), host, targets, () -> Instant.parse("2026-01-02T03:04:05Z"));
    registry = new ActionRegistry();
    new EipActions(svc, "local-1", id -> java.util.Map.of()).registerIn(registry);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private JsonNode call(String action, Map<String, String> params) {
    return registry.find(action).orElseThrow()
        .handle(new ApiRequest("acc", action, new Params(params), "REQ", "localhost"));
  }

  @Test
  void everyListedActionHasAHandler() {
    assertEquals(EipActions.ACTIONS, registry.actions());
  }

  @Test
  void lifecycleWithTheShapesOfTheApi() {
    JsonNode a = call("AllocateEipAddress", Map.of("Bandwidth", "10", "ISP", "BGP", "ClientToken", "t1"));
    String id = a.path("AllocationId").asText();
    assertEquals("198.51.100.2", a.path("EipAddress").asText());
    assertEquals(id, call("AllocateEipAddress", Map.of("Bandwidth", "10", "ISP", "BGP", "ClientToken", "t1"))
        .path("AllocationId").asText(), "same ClientToken, same EIP");
    call("AssociateEipAddress", Map.of("AllocationId", id, "InstanceId", "i-one"));
    assertEquals("vpc-a 198.51.100.2>10.0.0.5@10", host.mappings());

    JsonNode d = call("DescribeEipAddresses", Map.of("AssociatedInstanceId", "i-one"));
    assertEquals(1, d.path("TotalCount").asInt());
    assertEquals(1, d.path("PageNumber").asInt());
    JsonNode e = d.path("EipAddresses").path("EipAddress").get(0);
    assertEquals(id, e.path("AllocationId").asText());
    assertEquals("198.51.100.2", e.path("IpAddress").asText());
    assertEquals("InUse", e.path("Status").asText());
    assertEquals("i-one", e.path("InstanceId").asText());
    assertEquals("EcsInstance", e.path("InstanceType").asText());
    assertTrue(e.path("Bandwidth").isTextual(), "Bandwidth is a string in this API");
    assertEquals("10", e.path("Bandwidth").asText());
    assertEquals("PayByBandwidth", e.path("InternetChargeType").asText());
    assertEquals("2026-01-02T03:04:05Z", e.path("AllocationTime").asText());
    assertEquals("local-1", e.path("RegionId").asText());
    assertTrue(e.path("OperationLocks").path("LockReason").isArray());
    assertEquals(0, call("DescribeEipAddresses", Map.of("Status", "Available")).path("TotalCount").asInt());
    assertEquals(1, call("DescribeEipAddresses", Map.of("EipAddress", "198.51.100.2,198.51.100.9"))
        .path("TotalCount").asInt());

    call("ModifyEipAddressAttribute", Map.of("AllocationId", id, "Bandwidth", "3", "Name", "web"));
    assertEquals("vpc-a 198.51.100.2>10.0.0.5@3", host.mappings());
    assertEquals("IncorrectEipStatus", code("ReleaseEipAddress", Map.of("AllocationId", id)));
    call("UnassociateEipAddress", Map.of("AllocationId", id, "InstanceId", "i-one"));
    call("ReleaseEipAddress", Map.of("AllocationId", id));
    assertEquals(0, call("DescribeEipAddresses", Map.of()).path("TotalCount").asInt());
  }

  @Test
  void badInputIsRefusedAsEcsDoes() {
    assertEquals("InvalidParameter.Bandwidth", code("AllocateEipAddress", Map.of("Bandwidth", "201")));
    assertEquals("MissingParameter", code("AssociateEipAddress", Map.of("AllocationId", "eip-x")));
    assertEquals("InvalidAllocationId.NotFound", code("AssociateEipAddress",
        Map.of("AllocationId", "eip-x", "InstanceId", "i-one")));
    assertEquals("DryRunOperation", code("AllocateEipAddress", Map.of("DryRun", "true")));
    assertEquals(0, call("DescribeEipAddresses", Map.of()).path("TotalCount").asInt());
  }

  @Test
  void disabledAnswersAClear4xx() {
    ActionRegistry r = new ActionRegistry();
    new EipActions(new EipService(new EipStore(db), Optional.empty(), null, new FakeEipTargets(), Instant::now), "local-1", id -> java.util.Map.of()).registerIn(r);
    EcsException e = TestErrors.thrown(() -> r.find("AllocateEipAddress").orElseThrow()
        .handle(new ApiRequest("acc", "AllocateEipAddress", new Params(Map.of()), "REQ", "localhost")));
    assertEquals(403, e.httpStatus());
    assertTrue(e.getMessage().contains("ECSBOX_EIP_CIDR"), e.getMessage());
  }

  private String code(String action, Map<String, String> params) {
    return TestErrors.thrown(() -> call(action, params)).code();
  }
}
