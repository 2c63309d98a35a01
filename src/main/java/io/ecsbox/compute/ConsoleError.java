package io.ecsbox.compute;

import io.ecsbox.common.Condition;
import io.ecsbox.common.ServiceException;

/** What the consoles refuse. */
public enum ConsoleError implements Condition {
  /** A VNC password that is not 6 letters and digits (ECS's rule). */
  MALFORMED_VNC_PASSWORD;

  static ServiceException malformedVncPassword() {
    return new ServiceException(MALFORMED_VNC_PASSWORD,
        "The specified parameter VncPassword is not valid: 6 characters, letters and digits only.");
  }
}
