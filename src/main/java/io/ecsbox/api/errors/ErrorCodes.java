package io.ecsbox.api.errors;

import io.ecsbox.account.AccountError;
import io.ecsbox.common.Condition;
import io.ecsbox.common.Generic;
import io.ecsbox.common.ServiceException;
import io.ecsbox.keypair.KeyPairError;
import io.ecsbox.tag.TagError;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The one place where a service's {@link Condition} becomes an ECS error: its code and HTTP
 * status. Every condition of every capability has exactly one entry (a test holds it so); the
 * message is the service's.
 */
public final class ErrorCodes {
  /** An ECS error code and the HTTP status it is answered with. */
  public record Code(int status, String code) {}

  private static final Map<Condition, Code> CODES = new HashMap<>();

  static {
    put(Generic.MISSING_PARAMETER, 400, "MissingParameter");
    put(Generic.INVALID_PARAMETER, 400, "InvalidParameter");
    put(Generic.NOT_SUPPORTED, 400, "InvalidParameter.NotSupported");
    put(Generic.CONFLICTING_PARAMETERS, 400, "InvalidParameter.Conflict");
    put(Generic.IDEMPOTENT_MISMATCH, 400, "IdempotentParameterMismatch");
    put(Generic.ZONE_NOT_FOUND, 404, "InvalidZoneId.NotFound");
    put(Generic.NO_STOCK, 403, "OperationDenied.NoStock");
    put(Generic.OPERATION_CONFLICT, 403, "OperationConflict");
    put(Generic.DEPENDENCY_VIOLATION, 403, "DependencyViolation");
    put(Generic.FORBIDDEN, 403, "Forbidden");
    put(Generic.INTERNAL, 500, "InternalError");
    put(AccountError.NOT_FOUND, 404, "InvalidAccount.NotFound");
    put(AccountError.NAME_MALFORMED, 400, "InvalidAccountName.Malformed");
    put(AccountError.NAME_TAKEN, 400, "InvalidAccountName.Duplicate");
    put(AccountError.KEY_NOT_FOUND, 404, "InvalidAccessKeyId.NotFound");
    put(AccountError.LAST_KEY, 403, "OperationDenied.LastAccessKey");
    put(TagError.RESOURCE_TYPE_NOT_FOUND, 404, "InvalidResourceType.NotFound");
    put(TagError.RESOURCE_NOT_FOUND, 404, "InvalidResourceId.NotFound");
    put(TagError.TOO_MANY_TAGS, 400, "InvalidTagCount");
    put(KeyPairError.NOT_FOUND, 404, "InvalidKeyPairName.NotFound");
    put(KeyPairError.NAME_TAKEN, 400, "KeyPair.AlreadyExist");
    put(KeyPairError.NAME_MALFORMED, 400, "InvalidKeyPairName.Malformed");
    put(KeyPairError.PUBLIC_KEY_MALFORMED, 400, "InvalidPublicKeyBody.Malformed");
    put(KeyPairError.QUOTA_EXCEEDED, 403, "QuotaExceed.KeyPair");
    put(KeyPairError.IN_USE, 400, "InvalidParameter.KeypairAlreadyAttachedInstance");
    put(KeyPairError.NOT_BOUND, 400, "InvalidParameter.KeyPairNotBound");
    ComputeErrorCodes.addTo(CODES);
    StorageErrorCodes.addTo(CODES);
    NetworkErrorCodes.addTo(CODES);
  }

  private ErrorCodes() {}

  private static void put(Condition c, int status, String code) {
    if (CODES.put(c, new Code(status, code)) != null) {
      throw new IllegalStateException("two codes for " + c);
    }
  }

  /** The ECS error the API answers for {@code e}. */
  public static EcsException toEcs(ServiceException e) {
    Code c = of(e.condition());
    return new EcsException(c.status(), c.code(), e.getMessage(), e);
  }

  /** The code and status of a condition; an unmapped one (a bug the tests catch) answers as InternalError. */
  public static Code of(Condition condition) {
    Code c = CODES.get(condition);
    return c != null ? c : new Code(500, "InternalError");
  }

  /** Every mapped condition. */
  public static Map<Condition, Code> all() {
    return Collections.unmodifiableMap(CODES);
  }
}
