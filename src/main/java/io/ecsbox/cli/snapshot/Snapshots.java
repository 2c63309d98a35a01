package io.ecsbox.cli.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.Params;
import io.ecsbox.client.EcsApiException;
import io.ecsbox.client.Json;
import java.util.List;

/** Looks up one snapshot with DescribeSnapshots ({@code SnapshotIds=["s-..."]}). */
final class Snapshots {
  private Snapshots() {}

  /** The snapshot; a missing one fails like ECS does, with {@code InvalidSnapshotId.NotFound}. */
  static JsonNode get(CliContext ctx, String snapshotId) {
    JsonNode r = ctx.call("DescribeSnapshots",
        new Params().jsonArray("SnapshotIds", List.of(snapshotId)));
    List<JsonNode> found = Json.list(r, "Snapshots", "Snapshot");
    if (found.isEmpty()) {
      throw new EcsApiException(404, "InvalidSnapshotId.NotFound",
          "The specified snapshot " + snapshotId + " does not exist.", Json.text(r, "RequestId"));
    }
    return found.get(0);
  }
}
