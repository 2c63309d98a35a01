package io.ecsbox.api;

import io.ecsbox.api.ErrorCodes.Code;
import io.ecsbox.common.Condition;
import java.util.Map;

/** The ECS codes of the storage conditions. */
final class StorageErrorCodes {
  private StorageErrorCodes() {}

  static void addTo(Map<Condition, Code> codes) {
  }

  private static void put(Map<Condition, Code> codes, Condition c, int status, String code) {
    if (codes.put(c, new Code(status, code)) != null) {
      throw new IllegalStateException("two codes for " + c);
    }
  }
}
