package io.ecsbox.api.actions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.api.ActionRegistry;
import io.ecsbox.api.ApiRequest;
import io.ecsbox.api.Json;
import io.ecsbox.api.Page;
import io.ecsbox.api.Params;
import io.ecsbox.storage.Snapshot;
import io.ecsbox.storage.SnapshotService;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.Map;
import java.util.function.Function;

/** The snapshot Actions: create, delete, describe. */
public final class SnapshotActions {
  private final Function<String, Map<String, String>> tags;
  private static final Set<String> STATUSES = Set.of("progressing", "accomplished", "failed", "all");
  private final SnapshotService snapshots;
  private final String regionId;

  private final Clock clock;

  /** {@code clock}: how much of a snapshot's retention is left is told against it. */
  public SnapshotActions(SnapshotService snapshots, String regionId, Clock clock,
      Function<String, Map<String, String>> tags) {
    this.snapshots = snapshots;
    this.tags = tags;
    this.regionId = regionId;
    this.clock = clock;
  }

  public void registerIn(ActionRegistry r) {
    r.register("CreateSnapshot", req -> {
      Params p = req.params();
      String disk = p.require("DiskId");
      String desc = p.getOrNull("Description");
      LaunchParams.checkDescription(desc);
      Integer retention = p.has("RetentionDays") ? p.intValue("RetentionDays", -1, 1, 65536) : null;
      DiskActions.dryRun(p);
      return Json.object().put("SnapshotId",
          snapshots.create(req.accountId(), disk, p.getOrNull("SnapshotName"), desc, retention));
    });
    r.register("DeleteSnapshot", req -> {
      Params p = req.params();
      String id = p.require("SnapshotId");
      DiskActions.dryRun(p);
      snapshots.delete(req.accountId(), id, p.bool("Force", false));
      return Json.object();
    });
    r.register("DescribeSnapshots", this::describe);
  }

  private ObjectNode describe(ApiRequest req) {
    Params p = req.params();
    Optional<List<String>> ids = p.jsonArray("SnapshotIds", 100);
    String status = p.get("Status").orElse("all");
    if (!STATUSES.contains(status)) {
      throw io.ecsbox.api.errors.EcsException.invalid("Status", "must be progressing, accomplished, failed or all");
    }
    String type = p.get("SnapshotType").orElse("all");
    List<Snapshot> match = new ArrayList<>();
    for (Snapshot s : snapshots.list(req.accountId())) {
      if (ids.isPresent() && !ids.get().contains(s.id())
          || !status.equals("all") && !status.equals(s.status())
          || !type.equals("all") && !type.equals(s.type())
          || p.has("DiskId") && !p.require("DiskId").equals(s.diskId())
          || p.has("InstanceId") && !p.require("InstanceId").equals(s.instanceId())
          || p.has("SnapshotName") && !p.require("SnapshotName").equals(s.name())
          || p.has("SourceDiskType") && !p.require("SourceDiskType").equalsIgnoreCase(s.diskType())) {
        continue;
      }
      match.add(s);
    }
    ObjectNode out = Json.object();
    List<Snapshot> items = Page.write(out, match, p, 100, 100);
    ArrayNode a = Json.list(out, "Snapshots", "Snapshot");
    Instant now = clock.instant();
    for (Snapshot s : items) {
      Instant exp = s.expires();
      ObjectNode o = a.addObject();
      o.put("SnapshotId", s.id()).put("SnapshotName", s.name()).put("Description", s.description())
          .put("Status", s.status()).put("Progress", s.accomplished() ? "100%" : "0%")
          .put("SourceDiskId", s.diskId()).put("SourceDiskSize", String.valueOf(s.diskSizeGiB()))
          .put("SourceDiskType", s.diskType()).put("SourceStorageType", "disk")
          .put("SnapshotType", s.type()).put("Usage", "none").put("Category", "standard")
          .put("Available", s.accomplished()).put("InstantAccess", false)
          .put("RetentionDays", s.retentionDays() == null ? -1 : s.retentionDays())
          .put("Encrypted", false).put("KMSKeyId", "")
          .put("CreationTime", Json.seconds(s.created())).put("LastModifiedTime", Json.seconds(s.created()))
          .put("RemainTime", exp == null ? -1 : Math.max(0, Duration.between(now, exp).toSeconds()))
          .put("SnapshotSN", s.id()).put("RegionId", regionId)
          .put("AutoSnapshotPolicyId", s.policyId() == null ? "" : s.policyId())
          .put("InstanceId", s.instanceId() == null ? "" : s.instanceId());
      Json.tags(o, tags.apply(s.id()));
    }
    return out;
  }
}
