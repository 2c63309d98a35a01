package io.ecsbox.api.actions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.api.ActionRegistry;
import io.ecsbox.api.ApiRequest;
import io.ecsbox.api.Json;
import io.ecsbox.api.Page;
import io.ecsbox.api.Params;
import io.ecsbox.api.errors.EcsException;
import io.ecsbox.storage.policy.AutoSnapshotPolicy;
import io.ecsbox.storage.policy.AutoSnapshotPolicyService;
import io.ecsbox.storage.policy.SnapshotSchedule;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The auto snapshot policy Actions. Most of their parameters are lower camel case
 * ({@code autoSnapshotPolicyId}, {@code timePoints}, {@code diskIds}, ...) and
 * DescribeAutoSnapshotPolicyEx's are upper camel case; each name is accepted in both forms.
 */
public final class AutoSnapshotPolicyActions {
  private static final int MAX_DISK_IDS = 1000;
  private final AutoSnapshotPolicyService policies;
  private final String regionId;

  public AutoSnapshotPolicyActions(AutoSnapshotPolicyService policies, String regionId) {
    this.policies = policies;
    this.regionId = regionId;
  }

  public void registerIn(ActionRegistry r) {
    r.register("CreateAutoSnapshotPolicy", this::create);
    r.register("ModifyAutoSnapshotPolicyEx", this::modify);
    r.register("DeleteAutoSnapshotPolicy", this::delete);
    r.register("ApplyAutoSnapshotPolicy", this::apply);
    r.register("CancelAutoSnapshotPolicy", this::cancel);
    r.register("DescribeAutoSnapshotPolicyEx", this::describe);
  }

  private ObjectNode create(ApiRequest req) {
    Params p = req.params();
    SnapshotSchedule schedule = SnapshotSchedule.parse(
        get(p, "timePoints").orElseThrow(() -> EcsException.missing("timePoints")),
        get(p, "repeatWeekdays").orElseThrow(() -> EcsException.missing("repeatWeekdays")));
    String id = policies.create(new AutoSnapshotPolicyService.NewPolicy(req.accountId(),
        get(p, "autoSnapshotPolicyName").orElse(null), schedule, retention(p), p.tags(20)));
    return Json.object().put("AutoSnapshotPolicyId", id);
  }

  private ObjectNode modify(ApiRequest req) {
    Params p = req.params();
    policies.modify(req.accountId(), policyId(p), new AutoSnapshotPolicyService.Change(
        get(p, "autoSnapshotPolicyName").orElse(null),
        get(p, "timePoints").map(SnapshotSchedule::parseTimePoints).orElse(null),
        get(p, "repeatWeekdays").map(SnapshotSchedule::parseRepeatWeekdays).orElse(null),
        retention(p)));
    return Json.object();
  }

  private ObjectNode delete(ApiRequest req) {
    policies.delete(req.accountId(), policyId(req.params()));
    return Json.object();
  }

  private ObjectNode apply(ApiRequest req) {
    Params p = req.params();
    policies.apply(req.accountId(), policyId(p), diskIds(p));
    return Json.object();
  }

  private ObjectNode cancel(ApiRequest req) {
    policies.cancel(req.accountId(), diskIds(req.params()));
    return Json.object();
  }

  private ObjectNode describe(ApiRequest req) {
    Params p = req.params();
    List<AutoSnapshotPolicy> match = policies.describe(req.accountId(),
        get(p, "AutoSnapshotPolicyId").orElse(null), get(p, "AutoSnapshotPolicyName").orElse(null), p.tags(20));
    Map<String, Integer> disks = policies.diskCounts(req.accountId());
    Page<AutoSnapshotPolicy> page = Page.of(match, p, 50);
    ObjectNode out = Json.object();
    Json.paging(out, page);
    ArrayNode a = Json.list(out, "AutoSnapshotPolicies", "AutoSnapshotPolicy");
    for (AutoSnapshotPolicy sp : page.items()) {
      ObjectNode o = a.addObject();
      o.put("AutoSnapshotPolicyId", sp.id()).put("AutoSnapshotPolicyName", sp.name())
          .put("TimePoints", sp.schedule().timePointsJson())
          .put("RepeatWeekdays", sp.schedule().repeatWeekdaysJson())
          .put("RetentionDays", sp.retentionDays()).put("DiskNums", disks.getOrDefault(sp.id(), 0))
          .put("VolumeNums", 0).put("Status", sp.status()).put("CreationTime", Json.seconds(sp.created()))
          .put("RegionId", regionId).put("Type", "Custom").put("ResourceGroupId", "")
          .put("EnableCrossRegionCopy", false).put("TargetCopyRegions", "").put("CopiedSnapshotsRetentionDays", -1);
      o.putObject("CopyEncryptionConfiguration").put("Encrypted", false).put("KMSKeyId", "");
      Json.tags(o, sp.tags());
    }
    return out;
  }

  /** The value of {@code name}, or of the same name with the other case of its first letter. */
  private static Optional<String> get(Params p, String name) {
    String first = name.substring(0, 1);
    String other = (Character.isUpperCase(name.charAt(0)) ? first.toLowerCase() : first.toUpperCase())
        + name.substring(1);
    return p.get(name).or(() -> p.get(other));
  }

  private static String policyId(Params p) {
    return get(p, "autoSnapshotPolicyId").orElseThrow(() -> EcsException.missing("autoSnapshotPolicyId"));
  }

  private static Integer retention(Params p) {
    String name = p.has("retentionDays") || !p.has("RetentionDays") ? "retentionDays" : "RetentionDays";
    return p.intOrNull(name, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  private static List<String> diskIds(Params p) {
    String name = p.has("diskIds") || !p.has("DiskIds") ? "diskIds" : "DiskIds";
    return p.jsonArray(name, MAX_DISK_IDS).orElseThrow(() -> EcsException.missing("diskIds"));
  }
}
