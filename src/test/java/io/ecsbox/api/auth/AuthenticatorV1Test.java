package io.ecsbox.api.auth;

import io.ecsbox.TestErrors;
import static io.ecsbox.api.auth.CapturedRequests.ACCESS_KEY_ID;
import static io.ecsbox.api.auth.CapturedRequests.SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.api.errors.EcsException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthenticatorV1Test {
  private static final Instant NOW = Instant.parse(CapturedRequests.V1_TIME);
  private static final SecretLookup KEYS =
      ak -> ACCESS_KEY_ID.equals(ak) ? Optional.of(SECRET) : Optional.empty();

  private final NonceCache nonces = new NonceCache();

  private Authenticator at(Instant now) {
    return new Authenticator(KEYS, Clock.fixed(now, ZoneOffset.UTC), nonces);
  }

  /** A request signed like the classic SDK, with {@code overrides} applied before signing. */
  private static Map<String, String> signed(String method, Map<String, String> overrides, String secret) {
    Map<String, String> p = new HashMap<>();
    p.put("Action", "DescribeRegions");
    p.put("Version", "2014-05-26");
    p.put("Format", "JSON");
    p.put("AccessKeyId", ACCESS_KEY_ID);
    p.put("SignatureMethod", "HMAC-SHA1");
    p.put("SignatureVersion", "1.0");
    p.put("SignatureNonce", "nonce-1");
    p.put("Timestamp", CapturedRequests.V1_TIME);
    p.put("InstanceName", "web 1 * ~ + é");
    p.putAll(overrides);
    p.put("Signature", SignatureV1.sign(method, p, secret));
    return p;
  }

  private static AuthRequest post(Map<String, String> params) {
    return new AuthRequest("POST", "/", params, Map.of(), new byte[0]);
  }

  private static EcsException fails(Authenticator a, AuthRequest req) {
    return TestErrors.thrown(() -> a.authenticate(req));
  }

  @Test
  void everyCapturedSdkRequestVerifiesAtItsTimestamp() {
    for (CapturedRequests.Captured c : CapturedRequests.V1) {
      assertEquals(ACCESS_KEY_ID, at(NOW).authenticate(c.toAuthRequest()), c.name());
    }
  }

  @Test
  void capturedRequestIsRefusedWhenReplayed() {
    AuthRequest req = CapturedRequests.V1.get(0).toAuthRequest();
    at(NOW).authenticate(req);
    EcsException e = fails(at(NOW.plusSeconds(30)), req);
    assertEquals("SignatureNonceUsed", e.code());
    assertEquals(400, e.httpStatus());
  }

  @ParameterizedTest
  @ValueSource(strings = {"AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion",
      "SignatureNonce", "Timestamp"})
  void missingCommonParameterIsNamed(String name) {
    Map<String, String> p = new HashMap<>(signed("POST", Map.of(), SECRET));
    p.remove(name);
    EcsException e = fails(at(NOW), post(p));
    assertEquals("MissingParameter", e.code());
    assertEquals(400, e.httpStatus());
    assertTrue(e.getMessage().contains("\"" + name + "\""), e.getMessage());
  }

  @Test
  void onlyHmacSha1AndVersion10AreAccepted() {
    assertEquals("InvalidParameter",
        fails(at(NOW), post(signed("POST", Map.of("SignatureMethod", "HMAC-SHA256"), SECRET))).code());
    assertEquals("InvalidParameter",
        fails(at(NOW), post(signed("POST", Map.of("SignatureVersion", "2.0"), SECRET))).code());
  }

  @Test
  void unknownKeyIsNotFound() {
    EcsException e = fails(at(NOW), post(signed("POST", Map.of("AccessKeyId", "nobody"), SECRET)));
    assertEquals("InvalidAccessKeyId.NotFound", e.code());
    assertEquals(404, e.httpStatus());
  }

  @Test
  void wrongSecretReportsTheServerStringToSign() {
    Map<String, String> p = signed("POST", Map.of(), "wrong-secret");
    EcsException e = fails(at(NOW), post(p));
    assertEquals("SignatureDoesNotMatch", e.code());
    assertEquals(400, e.httpStatus());
    assertTrue(e.getMessage().endsWith("server string to sign is:" + SignatureV1.stringToSign("POST", p)),
        e.getMessage());
  }

  @Test
  void tamperedParameterOrMethodFails() {
    Map<String, String> p = new HashMap<>(signed("POST", Map.of(), SECRET));
    p.put("InstanceName", "web 2");
    assertEquals("SignatureDoesNotMatch", fails(at(NOW), post(p)).code());
    AuthRequest asGet = new AuthRequest("GET", "/", signed("POST", Map.of(), SECRET), Map.of(), null);
    assertEquals("SignatureDoesNotMatch", fails(at(NOW), asGet).code());
  }

  @Test
  void getRequestsAndFormBodiesVerifyOnTheMergedParameters() {
    AuthRequest get = new AuthRequest("get", "/", signed("GET", Map.of(), SECRET), Map.of(), null);
    assertEquals(ACCESS_KEY_ID, at(NOW).authenticate(get));
    Map<String, String> p = signed("POST", Map.of("SignatureNonce", "n-form"), SECRET);
    AuthRequest form = new AuthRequest("POST", "/", p,
        Map.of("content-type", "application/x-www-form-urlencoded"),
        "InstanceName=web+1+%2A+~+%2B+%C3%A9".getBytes(StandardCharsets.UTF_8));
    assertEquals(ACCESS_KEY_ID, at(NOW).authenticate(form));
  }

  @Test
  void signatureWhosePlusWasDecodedAsSpaceStillVerifies() {
    Map<String, String> p = new HashMap<>(CapturedRequests.V1.get(0).toAuthRequest().parameters());
    assertTrue(p.get("Signature").contains("+"), "vector must contain a '+'");
    p.put("Signature", p.get("Signature").replace('+', ' '));
    assertEquals(ACCESS_KEY_ID, at(NOW).authenticate(post(p)));
  }

  @Test
  void malformedTimestampIsAFormatError() {
    for (String bad : new String[] {"2026-11-28 15:22:41", "2026-11-28T15:22:41", "yesterday",
        "2026-13-28T15:22:41Z", "2026-11-28T15:22:41+08:00"}) {
      EcsException e = fails(at(NOW), post(signed("POST", Map.of("Timestamp", bad), SECRET)));
      assertEquals("InvalidTimeStamp.Format", e.code(), bad);
      assertEquals(400, e.httpStatus());
    }
  }

  @Test
  void timestampWithMillisIsAccepted() {
    Map<String, String> p = signed("POST", Map.of("Timestamp", "2026-11-28T15:22:41.123Z"), SECRET);
    assertEquals(ACCESS_KEY_ID, at(NOW).authenticate(post(p)));
  }

  @Test
  void timestampMoreThanFifteenMinutesAwayIsExpired() {
    Map<String, String> p = signed("POST", Map.of(), SECRET);
    assertEquals("InvalidTimeStamp.Expired", fails(at(NOW.plusSeconds(15 * 60 + 1)), post(p)).code());
    assertEquals("InvalidTimeStamp.Expired", fails(at(NOW.minusSeconds(15 * 60 + 1)), post(p)).code());
    assertEquals(ACCESS_KEY_ID, at(NOW.plusSeconds(15 * 60)).authenticate(post(p)));
  }

  @Test
  void forgedRequestDoesNotBurnTheNonce() {
    Map<String, String> forged = signed("POST", Map.of("SignatureNonce", "shared"), "not-the-secret");
    assertEquals("SignatureDoesNotMatch", fails(at(NOW), post(forged)).code());
    Map<String, String> real = signed("POST", Map.of("SignatureNonce", "shared"), SECRET);
    assertEquals(ACCESS_KEY_ID, at(NOW).authenticate(post(real)));
    assertEquals("SignatureNonceUsed", fails(at(NOW), post(real)).code());
  }

  @Test
  void nonceIsScopedToTheAccessKey() {
    SecretLookup two = ak -> Optional.of(ak.equals("other") ? "s2" : SECRET);
    Authenticator a = new Authenticator(two, Clock.fixed(NOW, ZoneOffset.UTC), nonces);
    a.authenticate(post(signed("POST", Map.of("SignatureNonce", "n"), SECRET)));
    assertEquals("other",
        a.authenticate(post(signed("POST", Map.of("SignatureNonce", "n", "AccessKeyId", "other"), "s2"))));
  }
}
