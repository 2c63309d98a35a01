package io.ecsbox.api.auth;

import io.ecsbox.api.errors.EcsException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Decides who sent a request: checks its RPC v1 (HMAC-SHA1) or ACS3-HMAC-SHA256 signature,
 * its timestamp and its nonce, and answers the caller's AccessKeyId.
 *
 * <p>Checks run in this order: required inputs present, timestamp well-formed and within
 * {@link #MAX_SKEW} of the clock, (V3) body hash, key known, signature, nonce unused. Side
 * effect: only a request whose signature verified records its nonce in the {@link NonceCache},
 * so a forged request cannot burn someone's nonce. Thread-safe if the SecretLookup is.
 */
public final class Authenticator {
  /** How far a request's timestamp may be from the server clock, either way. */
  public static final Duration MAX_SKEW = Duration.ofMinutes(15);
  // Keep nonces a little past the last moment their request could still be accepted.
  private static final Duration NONCE_SLACK = Duration.ofMinutes(1);
  // The headers without which a V3 request could be replayed or have its body swapped.
  private static final List<String> V3_REQUIRED_SIGNED =
      List.of("x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256");
  private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
      .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
      .appendLiteral('Z')
      .toFormatter(Locale.ROOT)
      .withResolverStyle(ResolverStyle.STRICT);

  private final SecretLookup secrets;
  private final Clock clock;
  private final NonceCache nonces;

  public Authenticator(SecretLookup secrets, Clock clock, NonceCache nonces) {
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.nonces = Objects.requireNonNull(nonces, "nonces");
  }

  /**
   * Authenticates one request.
   *
   * @return the AccessKeyId of the caller
   * @throws EcsException with the ECS code and HTTP status of the first failed check
   */
  public String authenticate(AuthRequest req) {
    String authorization = req.header("Authorization").orElse("");
    return authorization.startsWith(SignatureV3.ALGORITHM)
        ? authenticateV3(req, authorization)
        : authenticateV1(req);
  }

  private String authenticateV1(AuthRequest req) {
    String accessKeyId = requiredParam(req, "AccessKeyId");
    String signature = requiredParam(req, SignatureV1.SIGNATURE_PARAM);
    String method = requiredParam(req, "SignatureMethod");
    String version = requiredParam(req, "SignatureVersion");
    String nonce = requiredParam(req, "SignatureNonce");
    String timestamp = requiredParam(req, "Timestamp");
    if (!"HMAC-SHA1".equals(method)) {
      throw EcsException.invalid("SignatureMethod", "only HMAC-SHA1 is supported.");
    }
    if (!"1.0".equals(version)) {
      throw EcsException.invalid("SignatureVersion", "only 1.0 is supported.");
    }
    Instant time = checkTime(timestamp, "Timestamp");
    String secret = secretOf(accessKeyId);
    String stringToSign = SignatureV1.stringToSign(req.method(), req.parameters());
    // An unencoded '+' in a hand-made URL decodes to a space; Base64 never contains one.
    String given = signature.replace(' ', '+');
    if (!constantTimeEquals(SignatureV1.sign(stringToSign, secret), given)) {
      throw signatureMismatch(stringToSign);
    }
    useNonce(accessKeyId, nonce, time);
    return accessKeyId;
  }

  private String authenticateV3(AuthRequest req, String header) {
    SignatureV3.Authorization auth = SignatureV3.parseAuthorization(header);
    String date = requiredHeader(req, "x-acs-date");
    String nonce = requiredHeader(req, "x-acs-signature-nonce");
    String claimedHash = requiredHeader(req, "x-acs-content-sha256");
    for (String name : V3_REQUIRED_SIGNED) {
      if (!auth.signedHeaders().contains(name)) {
        throw SignatureV3.incomplete("SignedHeaders must include \"" + name + "\".");
      }
    }
    Map<String, String> signedValues = new LinkedHashMap<>();
    for (String name : auth.signedHeaders()) {
      signedValues.put(name, requiredHeader(req, name));
    }
    Instant time = checkTime(date, "x-acs-date");
    if (!constantTimeEquals(SignatureV3.sha256Hex(req.body()), claimedHash.toLowerCase(Locale.ROOT))) {
      throw EcsException.badRequest("SignatureDoesNotMatch",
          "The x-acs-content-sha256 header does not match the SHA-256 of the request body.");
    }
    String secret = secretOf(auth.accessKeyId());
    // Form-body parameters are covered by the payload hash, not by the canonical query.
    Map<String, String> query = new HashMap<>(req.parameters());
    req.formBodyParameters().keySet().forEach(query::remove);
    String canonical = SignatureV3.canonicalRequest(
        req.method(), req.path(), query, signedValues, claimedHash);
    String stringToSign = SignatureV3.stringToSign(canonical);
    String given = auth.signature().toLowerCase(Locale.ROOT);
    if (!constantTimeEquals(SignatureV3.sign(stringToSign, secret), given)) {
      throw signatureMismatch(stringToSign);
    }
    useNonce(auth.accessKeyId(), nonce, time);
    return auth.accessKeyId();
  }

  /** Parses a {@code yyyy-MM-dd'T'HH:mm:ss[.fraction]'Z'} UTC time, or null if malformed. */
  static Instant parseTimestamp(String text) {
    try {
      return LocalDateTime.parse(text, TIMESTAMP).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private Instant checkTime(String text, String name) {
    Instant time = parseTimestamp(text);
    if (time == null) {
      throw EcsException.badRequest("InvalidTimeStamp.Format", "The specified parameter \""
          + name + "\" is not valid: expected yyyy-MM-ddTHH:mm:ssZ in UTC, got \"" + text + "\".");
    }
    Instant now = clock.instant();
    if (Duration.between(time, now).abs().compareTo(MAX_SKEW) > 0) {
      throw EcsException.badRequest("InvalidTimeStamp.Expired", "Specified time stamp or date value"
          + " is expired: " + text + " is more than 15 minutes from server time " + now + ".");
    }
    return time;
  }

  private String secretOf(String accessKeyId) {
    return secrets.secretFor(accessKeyId).orElseThrow(() -> EcsException.notFound(
        "InvalidAccessKeyId.NotFound", "Specified access key is not found."));
  }

  private void useNonce(String accessKeyId, String nonce, Instant requestTime) {
    Instant forgetAt = requestTime.plus(MAX_SKEW).plus(NONCE_SLACK);
    // Scoped by key: one caller's nonces never collide with another's.
    if (!nonces.firstUse(accessKeyId + "\n" + nonce, forgetAt, clock.instant())) {
      throw EcsException.badRequest("SignatureNonceUsed", "Specified signature nonce was used already.");
    }
  }

  private static EcsException signatureMismatch(String stringToSign) {
    // The SDKs match this suffix against their own string to sign to report a wrong secret.
    return EcsException.badRequest("SignatureDoesNotMatch",
        "Specified signature does not match our calculation. server string to sign is:" + stringToSign);
  }

  private static String requiredParam(AuthRequest req, String name) {
    return req.parameter(name).orElseThrow(() -> EcsException.missing(name));
  }

  private static String requiredHeader(AuthRequest req, String name) {
    return req.header(name).filter(v -> !v.isBlank()).orElseThrow(() -> SignatureV3.incomplete(
        "The header \"" + name + "\" that ACS3-HMAC-SHA256 needs is not supplied."));
  }

  private static boolean constantTimeEquals(String expected, String given) {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}
