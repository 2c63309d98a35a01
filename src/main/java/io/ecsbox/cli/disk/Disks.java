package io.ecsbox.cli.disk;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.Params;
import io.ecsbox.client.EcsApiException;
import io.ecsbox.client.Json;
import java.util.List;

/** Looks up one disk with DescribeDisks ({@code DiskIds=["d-..."]}). */
final class Disks {
  private Disks() {}

  /** The disk, or null when it does not exist. */
  static JsonNode find(CliContext ctx, String diskId) {
    JsonNode r = ctx.call("DescribeDisks", new Params().jsonArray("DiskIds", List.of(diskId)));
    List<JsonNode> found = Json.list(r, "Disks", "Disk");
    return found.isEmpty() ? null : found.get(0);
  }

  /** The disk; a missing one fails like ECS does, with {@code InvalidDiskId.NotFound}. */
  static JsonNode get(CliContext ctx, String diskId) {
    JsonNode d = find(ctx, diskId);
    if (d == null) {
      throw notFound(diskId);
    }
    return d;
  }

  static EcsApiException notFound(String diskId) {
    return new EcsApiException(404, "InvalidDiskId.NotFound",
        "The specified disk " + diskId + " does not exist.", null);
  }

  /** E.g. {@code i-1 as /dev/xvdb}, for the lines printed after attaching. */
  static String placement(JsonNode disk) {
    String device = Json.text(disk, "Device");
    String on = Json.text(disk, "InstanceId");
    return (on == null ? "?" : on) + (device == null || device.isEmpty() ? "" : " as " + device);
  }
}
