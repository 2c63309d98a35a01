package io.ecsbox.api.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.api.ActionRegistry;
import io.ecsbox.api.ApiRequest;
import io.ecsbox.api.Json;
import io.ecsbox.api.Params;
import io.ecsbox.api.errors.EcsException;
import io.ecsbox.api.errors.ErrorCodes;
import io.ecsbox.common.ServiceException;
import io.ecsbox.store.Database;
import io.ecsbox.tag.ResourceType;
import io.ecsbox.tag.TagService;
import io.ecsbox.tag.TagStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tag actions' parameters, paging and Tag.N on creates, on a real store. */
class TagActionsTest {
  @TempDir Path dir;
  private Database db;
  private ActionRegistry registry;
  private final List<String> disks = new ArrayList<>();

  @BeforeEach
  void setUp() {
    db = Database.open(dir.resolve("db"));
    registry = new ActionRegistry();
    Map<String, String> creates = Map.of("CreateDisk", "DiskId", "CreateSnapshot", "SnapshotId",
        "CreateSecurityGroup", "SecurityGroupId", "CreateNetworkInterface", "NetworkInterfaceId",
        "CreateVpc", "VpcId", "CreateVSwitch", "VSwitchId", "AllocateEipAddress", "AllocationId",
        "CreateKeyPair", "KeyPairId", "ImportKeyPair", "KeyPairId");
    creates.forEach((action, field) -> registry.register(action, req -> {
      String id = "d-" + (disks.size() + 1);
      disks.add(id);
      return Json.object().put(field, id);
    }));
    new TagActions(new TagService(new TagStore(db), Map.of(ResourceType.DISK, a -> a.equals("acc") ? disks : List.of())))
        .registerIn(registry);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private JsonNode call(String account, String action, String... kv) {
    Map<String, String> p = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      p.put(kv[i], kv[i + 1]);
    }
    return registry.find(action).orElseThrow()
        .handle(new ApiRequest(account, action, new Params(p), "req", "localhost"));
  }

  // The ECS code the API answers: services throw ServiceException, ApiServer maps it through ErrorCodes.
  private String code(String account, String action, String... kv) {
    RuntimeException e = assertThrows(RuntimeException.class, () -> call(account, action, kv));
    return e instanceof ServiceException s ? ErrorCodes.toEcs(s).code() : ((EcsException) e).code();
  }

  @Test
  void tagOnCreateTagAndListWithPaging() {
    call("acc", "CreateDisk", "Tag.1.Key", "a", "Tag.1.Value", "1");
    assertEquals(List.of("d-1"), disks);
    call("acc", "CreateDisk");
    call("acc", "TagResources", "ResourceType", "disk", "ResourceId.1", "d-1", "ResourceId.2", "d-2",
        "Tag.1.Key", "b", "Tag.1.Value", "2");
    JsonNode page = call("acc", "ListTagResources", "ResourceType", "DISK", "MaxResults", "2");
    assertEquals(2, page.path("TagResources").path("TagResource").size());
    assertEquals("2", page.path("NextToken").asText());
    JsonNode rest = call("acc", "ListTagResources", "ResourceType", "disk", "NextToken", "2");
    assertEquals(1, rest.path("TagResources").path("TagResource").size());
    assertEquals("", rest.path("NextToken").asText());
    assertEquals("disk", rest.path("TagResources").path("TagResource").get(0).path("ResourceType").asText());
    call("acc", "UnTagResources", "ResourceType", "disk", "ResourceId.1", "d-1", "All", "true");
    assertEquals(1, call("acc", "ListTagResources", "ResourceType", "disk").path("TagResources")
        .path("TagResource").size());
  }

  @Test
  void badInputIsRefusedAndChangesNothing() {
    call("acc", "CreateDisk", "Tag.1.Key", "a", "Tag.1.Value", "1");
    assertEquals("InvalidTagKey.Malformed", code("acc", "CreateDisk", "Tag.1.Key", "aliyun:x"));
    assertEquals(List.of("d-1"), disks, "a create with a bad tag makes nothing");
    assertEquals("MissingParameter", code("acc", "TagResources", "ResourceType", "disk", "ResourceId.1", "d-1"));
    assertEquals("MissingParameter", code("acc", "UntagResources", "ResourceType", "disk", "ResourceId.1", "d-1"));
    assertEquals("MissingParameter", code("acc", "TagResources", "ResourceType", "disk", "Tag.1.Key", "k"));
    assertEquals("InvalidResourceType.NotFound", code("acc", "ListTagResources", "ResourceType", "instance"));
    assertEquals("InvalidResourceId.NotFound", code("other", "TagResources", "ResourceType", "disk",
        "ResourceId.1", "d-1", "Tag.1.Key", "k", "Tag.1.Value", "v"));
    assertEquals("InvalidResourceId.NotFound", code("other", "ListTagResources", "ResourceType", "disk",
        "ResourceId.1", "d-1"));
    assertEquals(1, call("acc", "ListTagResources", "ResourceType", "disk").path("TagResources")
        .path("TagResource").size());
  }
}
