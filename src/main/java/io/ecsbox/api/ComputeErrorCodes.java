package io.ecsbox.api;

import io.ecsbox.api.ErrorCodes.Code;
import io.ecsbox.common.Condition;
import io.ecsbox.compute.InstanceError;
import java.util.Map;

/** The ECS codes of the compute conditions. */
final class ComputeErrorCodes {
  private ComputeErrorCodes() {}

  static void addTo(Map<Condition, Code> codes) {
    put(codes, InstanceError.NOT_FOUND, 404, "InvalidInstanceId.NotFound");
    put(codes, InstanceError.INCORRECT_STATUS, 403, "IncorrectInstanceStatus");
  }

  private static void put(Map<Condition, Code> codes, Condition c, int status, String code) {
    if (codes.put(c, new Code(status, code)) != null) {
      throw new IllegalStateException("two codes for " + c);
    }
  }
}
