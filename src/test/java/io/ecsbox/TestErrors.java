package io.ecsbox;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.ecsbox.api.errors.ErrorCodes;
import io.ecsbox.api.errors.EcsException;
import io.ecsbox.common.ServiceException;
import org.junit.jupiter.api.function.Executable;

/** What the API would answer for a call that fails: a service's refusal as its ECS error. */
public final class TestErrors {
  private TestErrors() {}

  /** The ECS error {@code call} ends in (failing the test when it does not fail). */
  public static EcsException thrown(Executable call) {
    RuntimeException e = assertThrows(RuntimeException.class, call);
    if (e instanceof ServiceException s) {
      return ErrorCodes.toEcs(s);
    }
    if (e instanceof EcsException x) {
      return x;
    }
    return fail("not an ECS error: " + e, e);
  }

  /** Like {@link #thrown(Executable)}, with a message for the failure. */
  public static EcsException thrown(Executable call, String message) {
    try {
      return thrown(call);
    } catch (AssertionError e) {
      throw new AssertionError(message + ": " + e.getMessage(), e);
    }
  }
}
