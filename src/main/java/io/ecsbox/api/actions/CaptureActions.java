package io.ecsbox.api.actions;

import io.ecsbox.api.ActionRegistry;
import io.ecsbox.api.Json;
import io.ecsbox.api.Params;
import io.ecsbox.storage.ImageCapture;

/**
 * CreateImage: a custom image from a system disk snapshot ({@code SnapshotId} or
 * {@code DiskDeviceMapping.1.SnapshotId}) or from an instance ({@code InstanceId}: its system
 * disk is snapshotted first, as ECS does, and the snapshot is listed like any other).
 */
public final class CaptureActions {
  private final ImageCapture capture;

  public CaptureActions(ImageCapture capture) {
    this.capture = capture;
  }

  public void registerIn(ActionRegistry r) {
    r.register("CreateImage", req -> {
      Params p = req.params();
      String desc = p.getOrNull("Description");
      LaunchParams.checkDescription(desc);
      String id = capture.createImage(req.accountId(), p.getOrNull("ImageName"), desc, p.getOrNull("InstanceId"),
          p.get("DiskDeviceMapping.1.SnapshotId").orElse(p.getOrNull("SnapshotId")), () -> DiskActions.dryRun(p));
      return Json.object().put("ImageId", id);
    });
  }
}
