package io.ecsbox.api.errors;

import io.ecsbox.common.Generic;
import io.ecsbox.api.errors.ErrorCodes.Code;
import io.ecsbox.common.Condition;
import io.ecsbox.compute.InstanceError;
import io.ecsbox.compute.type.TypeError;
import java.util.Map;

/** The ECS codes of the compute conditions. */
final class ComputeErrorCodes {
  private ComputeErrorCodes() {}

  static void addTo(Map<Condition, Code> codes) {
    put(codes, InstanceError.NOT_FOUND, 404, "InvalidInstanceId.NotFound");
    put(codes, InstanceError.INCORRECT_STATUS, 403, "IncorrectInstanceStatus");
    put(codes, InstanceError.TYPE_UNCHANGED, 400, "InvalidInstanceType.ValueUnchanged");
    put(codes, InstanceError.PASSWORD_MALFORMED, 400, "InvalidPassword.Malformed");
    put(codes, TypeError.NOT_FOUND, 404, "InvalidInstanceType.NotFound");
    put(codes, TypeError.NOT_SUPPORTED, 403, "InstanceType.NotSupported");
  }

  private static void put(Map<Condition, Code> codes, Condition c, int status, String code) {
    if (codes.put(c, new Code(status, code)) != null) {
      throw new IllegalStateException("two codes for " + c);
    }
  }
}
