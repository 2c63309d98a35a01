package io.ecsbox.api.actions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.api.ActionRegistry;
import io.ecsbox.api.ApiRequest;
import io.ecsbox.api.Json;
import io.ecsbox.api.Params;
import io.ecsbox.api.errors.EcsException;
import io.ecsbox.tag.ResourceType;
import io.ecsbox.tag.TagService;
import io.ecsbox.tag.Tags;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TagResources, UntagResources and ListTagResources on every taggable type. The same actions
 * are served under the VPC API's version for its types (VPC, VSWITCH, EIP), where the untag
 * action is spelled {@code UnTagResources}.
 */
public final class TagActions {
  /** The actions the VPC API's version also answers. */
  public static final Set<String> VPC_ACTIONS = Set.of("TagResources", "UnTagResources", "ListTagResources");
  private static final int MAX_IDS = 50;
  private static final int MAX_RESULTS = 50;

  /** A create that takes Tag.N: the type it makes and the answer field that names the new resource. */
  private record Create(ResourceType type, String idField) {}

  private static final Map<String, Create> CREATES = Map.ofEntries(
      Map.entry("CreateDisk", new Create(ResourceType.DISK, "DiskId")),
      Map.entry("CreateSnapshot", new Create(ResourceType.SNAPSHOT, "SnapshotId")),
      Map.entry("CreateSecurityGroup", new Create(ResourceType.SECURITYGROUP, "SecurityGroupId")),
      Map.entry("CreateNetworkInterface", new Create(ResourceType.ENI, "NetworkInterfaceId")),
      Map.entry("CreateVpc", new Create(ResourceType.VPC, "VpcId")),
      Map.entry("CreateVSwitch", new Create(ResourceType.VSWITCH, "VSwitchId")),
      Map.entry("AllocateEipAddress", new Create(ResourceType.EIP, "AllocationId")),
      Map.entry("CreateKeyPair", new Create(ResourceType.KEYPAIR, "KeyPairId")),
      Map.entry("ImportKeyPair", new Create(ResourceType.KEYPAIR, "KeyPairId")));

  private final TagService tags;

  public TagActions(TagService tags) {
    this.tags = tags;
  }

  public void registerIn(ActionRegistry r) {
    r.register("TagResources", req -> {
      Params p = req.params();
      ResourceType type = tags.type(p.require("ResourceType"));
      List<String> ids = ids(p);
      Map<String, String> add = p.tags(Tags.MAX_PER_RESOURCE);
      if (add.isEmpty()) {
        throw EcsException.missing("Tag.1.Key");
      }
      tags.tag(req.accountId(), type, ids, add);
      return Json.object();
    });
    r.register("UntagResources", this::untag);
    r.register("UnTagResources", this::untag);
    r.register("ListTagResources", this::list);
    // Tag.N on a create: checked before the resource is made, set once it is.
    CREATES.forEach((action, c) -> r.wrap(action, inner -> req -> {
      Map<String, String> t = req.params().tags(Tags.MAX_PER_RESOURCE);
      ObjectNode out = inner.handle(req);
      if (!t.isEmpty()) {
        tags.tag(req.accountId(), c.type(), List.of(out.get(c.idField()).asText()), t);
      }
      return out;
    }));
  }

  private ObjectNode untag(ApiRequest req) {
    Params p = req.params();
    ResourceType type = tags.type(p.require("ResourceType"));
    List<String> ids = ids(p);
    List<String> keys = p.list("TagKey", Tags.MAX_PER_RESOURCE);
    boolean all = p.bool("All", false);
    if (keys.isEmpty() && !all) {
      throw EcsException.missing("TagKey.1");
    }
    tags.untag(req.accountId(), type, ids, keys, all);
    return Json.object();
  }

  private ObjectNode list(ApiRequest req) {
    Params p = req.params();
    ResourceType type = tags.type(p.require("ResourceType"));
    List<String> ids = p.list("ResourceId", MAX_IDS);
    Map<String, String> filter = p.tags(Tags.MAX_PER_RESOURCE);
    int from = p.intValue("NextToken", 0, 0, Integer.MAX_VALUE);
    int max = p.intValue("MaxResults", MAX_RESULTS, 1, MAX_RESULTS);
    List<TagService.Tagged> all = tags.list(req.accountId(), type, ids, filter);
    int to = Math.min(all.size(), from + max);
    ObjectNode out = Json.object().put("NextToken", to < all.size() ? String.valueOf(to) : "");
    ArrayNode a = Json.list(out, "TagResources", "TagResource");
    for (TagService.Tagged t : all.subList(Math.min(from, to), to)) {
      a.addObject().put("ResourceId", t.resourceId()).put("ResourceType", t.type().apiName())
          .put("TagKey", t.key()).put("TagValue", t.value());
    }
    return out;
  }

  private static List<String> ids(Params p) {
    List<String> ids = p.list("ResourceId", MAX_IDS);
    if (ids.isEmpty()) {
      throw EcsException.missing("ResourceId.1");
    }
    return ids;
  }
}
