package io.ecsbox.api.actions;

import io.ecsbox.TestErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.api.ActionRegistry;
import io.ecsbox.api.ApiRequest;
import io.ecsbox.api.Params;
import io.ecsbox.cli.common.FakeClock;
import io.ecsbox.api.errors.EcsException;
import io.ecsbox.storage.policy.AutoSnapshotPolicyService;
import io.ecsbox.storage.policy.FakeAutoSnapshotTarget;
import io.ecsbox.storage.policy.AutoSnapshotPolicyStore;
import io.ecsbox.store.Database;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The six policy Actions as the SDKs call them: parameter names, response shapes, errors. */
class AutoSnapshotPolicyActionsTest {
  @TempDir Path dir;
  private Database db;
  private ActionRegistry registry;

  @BeforeEach
  void setUp() {
    db = Database.open(dir.resolve("db"));
    registry = new ActionRegistry();
    new AutoSnapshotPolicyActions(new AutoSnapshotPolicyService(new AutoSnapshotPolicyStore(db),
        new FakeAutoSnapshotTarget(), new FakeClock()), "local-1").registerIn(registry);
    for (String id : new String[] {"d-1", "d-2"}) {
      db.update("INSERT INTO disks (disk_id, account_id, zone_id, type, category, size_gib, status,"
          + " delete_with_instance, file, created) VALUES (?,?,'local-1a','data','cloud_essd',40,'Available',0,?,?)",
          id, "acc", "disks/" + id, "2024-05-01T09:00:00Z");
    }
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private JsonNode call(String action, Map<String, String> params) {
    return registry.find(action).orElseThrow()
        .handle(new ApiRequest("acc", action, new Params(params), "REQ", "localhost"));
  }

  private String fails(String action, Map<String, String> params) {
    return TestErrors.thrown(() -> call(action, params)).code();
  }

  private String create() {
    return call("CreateAutoSnapshotPolicy", Map.of("autoSnapshotPolicyName", "nightly",
        "timePoints", "[\"19\", \"0\"]", "repeatWeekdays", "[\"1\",\"7\"]", "retentionDays", "30",
        "Tag.1.Key", "env", "Tag.1.Value", "dev", "regionId", "local-1")).path("AutoSnapshotPolicyId").asText();
  }

  @Test
  void registersTheSixActions() {
    assertEquals(Set.of("CreateAutoSnapshotPolicy", "ModifyAutoSnapshotPolicyEx", "DeleteAutoSnapshotPolicy",
        "ApplyAutoSnapshotPolicy", "CancelAutoSnapshotPolicy", "DescribeAutoSnapshotPolicyEx"), registry.actions());
  }

  @Test
  void createApplyAndDescribe() {
    String id = create();
    assertTrue(id.startsWith("sp-"), id);
    assertEquals(0, call("ApplyAutoSnapshotPolicy", Map.of("autoSnapshotPolicyId", id,
        "diskIds", "[\"d-1\", \"d-2\"]")).size());

    JsonNode r = call("DescribeAutoSnapshotPolicyEx", Map.of("AutoSnapshotPolicyId", id));
    assertEquals(1, r.path("TotalCount").asInt());
    assertEquals(1, r.path("PageNumber").asInt());
    assertEquals(10, r.path("PageSize").asInt());
    JsonNode p = r.path("AutoSnapshotPolicies").path("AutoSnapshotPolicy").get(0);
    assertEquals(id, p.path("AutoSnapshotPolicyId").asText());
    assertEquals("nightly", p.path("AutoSnapshotPolicyName").asText());
    assertEquals("[\"0\",\"19\"]", p.path("TimePoints").asText());
    assertEquals("[\"1\",\"7\"]", p.path("RepeatWeekdays").asText());
    assertEquals(30, p.path("RetentionDays").intValue());
    assertEquals(2, p.path("DiskNums").intValue());
    assertTrue(p.path("DiskNums").isInt());
    assertEquals("Normal", p.path("Status").asText());
    assertEquals("2024-05-01T10:00:00Z", p.path("CreationTime").asText());
    assertEquals("local-1", p.path("RegionId").asText());
    assertEquals("env", p.path("Tags").path("Tag").get(0).path("TagKey").asText());
    assertEquals("dev", p.path("Tags").path("Tag").get(0).path("TagValue").asText());
  }

  @Test
  void upperCamelNamesAreAcceptedToo() {
    String id = call("CreateAutoSnapshotPolicy", Map.of("TimePoints", "[0,1]", "RepeatWeekdays", "[1]",
        "RetentionDays", "-1", "AutoSnapshotPolicyName", "Upper")).path("AutoSnapshotPolicyId").asText();
    call("ModifyAutoSnapshotPolicyEx", Map.of("AutoSnapshotPolicyId", id, "TimePoints", "[\"5\"]"));
    call("ApplyAutoSnapshotPolicy", Map.of("AutoSnapshotPolicyId", id, "DiskIds", "[\"d-1\"]"));
    JsonNode p = call("DescribeAutoSnapshotPolicyEx", Map.of("autoSnapshotPolicyName", "Upper"))
        .path("AutoSnapshotPolicies").path("AutoSnapshotPolicy").get(0);
    assertEquals("[\"5\"]", p.path("TimePoints").asText());
    assertEquals(-1, p.path("RetentionDays").intValue());
    assertEquals(1, p.path("DiskNums").intValue());
  }

  @Test
  void modifyCancelAndDelete() {
    String id = create();
    call("ApplyAutoSnapshotPolicy", Map.of("autoSnapshotPolicyId", id, "diskIds", "[\"d-1\",\"d-2\"]"));
    call("ModifyAutoSnapshotPolicyEx", Map.of("autoSnapshotPolicyId", id, "autoSnapshotPolicyName", "weekly",
        "repeatWeekdays", "[\"6\"]", "retentionDays", "7"));
    call("CancelAutoSnapshotPolicy", Map.of("diskIds", "[\"d-2\"]"));
    JsonNode p = call("DescribeAutoSnapshotPolicyEx", Map.of()).path("AutoSnapshotPolicies")
        .path("AutoSnapshotPolicy").get(0);
    assertEquals("weekly", p.path("AutoSnapshotPolicyName").asText());
    assertEquals("[\"6\"]", p.path("RepeatWeekdays").asText());
    assertEquals("[\"0\",\"19\"]", p.path("TimePoints").asText());
    assertEquals(7, p.path("RetentionDays").intValue());
    assertEquals(1, p.path("DiskNums").intValue());

    call("DeleteAutoSnapshotPolicy", Map.of("autoSnapshotPolicyId", id));
    assertEquals(0, call("DescribeAutoSnapshotPolicyEx", Map.of()).path("TotalCount").asInt());
    assertEquals("InvalidAutoSnapshotPolicyId.NotFound", fails("DeleteAutoSnapshotPolicy",
        Map.of("autoSnapshotPolicyId", id)));
  }

  @Test
  void pagingGoesUpTo50() {
    for (int i = 0; i < 3; i++) {
      create();
    }
    JsonNode r = call("DescribeAutoSnapshotPolicyEx", Map.of("PageSize", "2", "PageNumber", "2"));
    assertEquals(3, r.path("TotalCount").asInt());
    assertEquals(1, r.path("AutoSnapshotPolicies").path("AutoSnapshotPolicy").size());
    assertEquals(50, call("DescribeAutoSnapshotPolicyEx", Map.of("PageSize", "50")).path("PageSize").asInt());
    assertEquals("InvalidParameter.PageSize", fails("DescribeAutoSnapshotPolicyEx", Map.of("PageSize", "51")));
  }

  @Test
  void badParametersGetEcsErrors() {
    assertEquals("MissingParameter", fails("CreateAutoSnapshotPolicy", Map.of("repeatWeekdays", "[1]")));
    assertEquals("MissingParameter", fails("CreateAutoSnapshotPolicy", Map.of("timePoints", "[1]")));
    assertEquals("ParameterInvalid", fails("CreateAutoSnapshotPolicy",
        Map.of("timePoints", "[\"24\"]", "repeatWeekdays", "[1]")));
    assertEquals("ParameterInvalid", fails("CreateAutoSnapshotPolicy",
        Map.of("timePoints", "[1]", "repeatWeekdays", "[1]", "retentionDays", "0")));
    assertEquals("InvalidParameter.retentionDays", fails("CreateAutoSnapshotPolicy",
        Map.of("timePoints", "[1]", "repeatWeekdays", "[1]", "retentionDays", "ten")));
    String id = create();
    assertEquals("MissingParameter", fails("ApplyAutoSnapshotPolicy", Map.of("autoSnapshotPolicyId", id)));
    assertEquals("MissingParameter", fails("ApplyAutoSnapshotPolicy", Map.of("diskIds", "[\"d-1\"]")));
    assertEquals("InvalidParameter.diskIds", fails("ApplyAutoSnapshotPolicy",
        Map.of("autoSnapshotPolicyId", id, "diskIds", "d-1")));
    assertEquals("InvalidDiskId.NotFound", fails("ApplyAutoSnapshotPolicy",
        Map.of("autoSnapshotPolicyId", id, "diskIds", "[\"d-1\",\"d-9\"]")));
    assertEquals("InvalidAutoSnapshotPolicyId.NotFound", fails("ApplyAutoSnapshotPolicy",
        Map.of("autoSnapshotPolicyId", "sp-nope", "diskIds", "[\"d-1\"]")));
    assertEquals("InvalidAutoSnapshotPolicyId.NotFound", fails("ModifyAutoSnapshotPolicyEx",
        Map.of("autoSnapshotPolicyId", "sp-nope")));
    assertEquals("MissingParameter", fails("CancelAutoSnapshotPolicy", Map.of()));
  }
}
