package io.ecsbox.api.errors;

import io.ecsbox.common.Generic;
import io.ecsbox.api.errors.ErrorCodes.Code;
import io.ecsbox.common.Condition;
import io.ecsbox.storage.DiskError;
import io.ecsbox.storage.ImageError;
import io.ecsbox.storage.SnapshotError;
import io.ecsbox.storage.policy.PolicyError;
import java.util.Map;

/** The ECS codes of the storage conditions. */
final class StorageErrorCodes {
  private StorageErrorCodes() {}

  static void addTo(Map<Condition, Code> codes) {
    put(codes, DiskError.NOT_FOUND, 404, "InvalidDiskId.NotFound");
    put(codes, DiskError.INCORRECT_STATUS, 403, "IncorrectDiskStatus");
    put(codes, DiskError.CREATING_SNAPSHOT, 403, "IncorrectDiskStatus.CreatingSnapshot");
    put(codes, DiskError.TOO_MANY_DISKS, 403, "InstanceDiskNumber.LimitExceed");
    put(codes, DiskError.ZONE_MISMATCH, 403, "InvalidDiskId.ZoneMismatch");
    put(codes, DiskError.CATEGORY_UNSUPPORTED, 400, "InvalidDiskCategory.ValueNotSupported");
    put(codes, DiskError.SYSTEM_CATEGORY_UNSUPPORTED, 400, "InvalidSystemDiskCategory.ValueNotSupported");
    put(codes, DiskError.PERFORMANCE_LEVEL_MALFORMED, 400, "InvalidPerformanceLevel.Malformed");
    put(codes, DiskError.PL0_SIZE_TOO_SMALL, 400, "InvalidDiskSize.TooSmall");
    put(codes, DiskError.LEVEL_SIZE_MISMATCH, 400, "OperationDenied.PerformanceLevelNotMatch");
    put(codes, DiskError.SIZE_UNSUPPORTED, 400, "InvalidDiskSize.ValueNotSupported");
    put(codes, DiskError.SYSTEM_SIZE_UNSUPPORTED, 400, "InvalidSystemDiskSize.ValueNotSupported");

    put(codes, SnapshotError.NOT_FOUND, 404, "InvalidSnapshotId.NotFound");
    put(codes, SnapshotError.INCORRECT_STATUS, 403, "IncorrectSnapshotStatus");
    put(codes, SnapshotError.NOT_OF_DISK, 403, "InvalidSnapshotId.NotMatch");
    put(codes, SnapshotError.QUOTA_EXCEEDED, 403, "QuotaExceed.Snapshot");
    put(codes, SnapshotError.USED_BY_IMAGE, 403, "SnapshotUsedByImage");
    put(codes, SnapshotError.NOT_OF_SYSTEM_DISK, 403, "InvalidSnapshotId.NotSystemDisk");
    put(codes, SnapshotError.USED_BY_DISK, 403, "SnapshotUsedByDisk");

    put(codes, ImageError.NOT_FOUND, 404, "InvalidImageId.NotFound");
    put(codes, ImageError.INCORRECT_STATUS, 403, "IncorrectImageStatus");
    put(codes, ImageError.IMPORTING, 403, "ImageIsImporting");
    put(codes, ImageError.USED_BY_INSTANCE, 403, "ImageUsingByInstance");
    put(codes, ImageError.SHARED, 403, "ImageUseShared");
    // ECS's spelling, and its status
    put(codes, ImageError.SHARE_WITH_SELF, 404, "InvalidAccount.Forbbiden");
    put(codes, ImageError.TOO_MANY_SHARES, 403, "QuotaExceed.ShareImageUser");
    put(codes, ImageError.NAME_MALFORMED, 400, "InvalidImageName.Malformed");
    put(codes, ImageError.SOURCE_NOT_FOUND, 404, "InvalidOSSObject.NotFound");

    put(codes, PolicyError.NOT_FOUND, 404, "InvalidAutoSnapshotPolicyId.NotFound");
    put(codes, PolicyError.QUOTA_EXCEEDED, 403, "AutoSnapshotPolicy.QuotaExceed");
    put(codes, PolicyError.NAME_MALFORMED, 400, "InvalidAutoSnapshotPolicyName.Malformed");
    // ECS answers bad policy values with 403 ParameterInvalid, not 400 InvalidParameter
    put(codes, PolicyError.VALUE_INVALID, 403, "ParameterInvalid");
  }

  private static void put(Map<Condition, Code> codes, Condition c, int status, String code) {
    if (codes.put(c, new Code(status, code)) != null) {
      throw new IllegalStateException("two codes for " + c);
    }
  }
}
