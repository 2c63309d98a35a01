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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AuthenticatorV3Test {
  private static final Instant NOW = Instant.parse(CapturedRequests.V3_TIME);
  private static final SecretLookup KEYS =
      ak -> ACCESS_KEY_ID.equals(ak) ? Optional.of(SECRET) : Optional.empty();

  private final NonceCache nonces = new NonceCache();

  private Authenticator at(Instant now) {
    return new Authenticator(KEYS, Clock.fixed(now, ZoneOffset.UTC), nonces);
  }

  private static EcsException fails(Authenticator a, AuthRequest req) {
    return TestErrors.thrown(() -> a.authenticate(req));
  }

  /** A V3 request signed like the new SDK; {@code query} only, {@code form} goes in the body. */
  private static AuthRequest signed(Map<String, String> query, String form, String secret,
      Map<String, String> headerOverrides) {
    byte[] body = form.getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = new TreeMap<>();
    headers.put("host", "127.0.0.1:18080");
    headers.put("x-acs-action", "DescribeRegions");
    headers.put("x-acs-version", "2014-05-26");
    headers.put("x-acs-date", CapturedRequests.V3_TIME);
    headers.put("x-acs-signature-nonce", "nonce-v3");
    headers.put("x-acs-content-sha256", SignatureV3.sha256Hex(body));
    if (!form.isEmpty()) {
      headers.put("content-type", "application/x-www-form-urlencoded");
    }
    headers.putAll(headerOverrides);
    String canonical = SignatureV3.canonicalRequest("POST", "/", query, new LinkedHashMap<>(headers),
        headers.get("x-acs-content-sha256"));
    String sig = SignatureV3.sign(SignatureV3.stringToSign(canonical), secret);
    Map<String, String> all = new HashMap<>(headers);
    all.put("Authorization", "ACS3-HMAC-SHA256 Credential=" + ACCESS_KEY_ID + ",SignedHeaders="
        + String.join(";", headers.keySet()) + ",Signature=" + sig);
    Map<String, String> params = new HashMap<>(query);
    params.putAll(PercentEncoding.decodeForm(form));
    return new AuthRequest("POST", "/", params, all, body);
  }

  private static AuthRequest withHeader(AuthRequest r, String name, String value) {
    Map<String, String> h = new HashMap<>(r.headers());
    if (value == null) {
      h.remove(name);
    } else {
      h.put(name, value);
    }
    return new AuthRequest(r.method(), r.path(), r.parameters(), h, r.body());
  }

  @Test
  void everyCapturedSdkRequestVerifiesAtItsTimestamp() {
    for (CapturedRequests.Captured c : CapturedRequests.V3) {
      assertEquals(ACCESS_KEY_ID, at(NOW).authenticate(c.toAuthRequest()), c.name());
    }
  }

  @Test
  void replayedNonceIsRefused() {
    AuthRequest req = CapturedRequests.V3.get(1).toAuthRequest();
    at(NOW).authenticate(req);
    assertEquals("SignatureNonceUsed", fails(at(NOW.plusSeconds(1)), req).code());
  }

  @Test
  void formBodyParametersAreCoveredByThePayloadHash() {
    AuthRequest req = signed(Map.of("RegionId", "local-1"), "InstanceName=web+1&Tag.1.Value=%2A", SECRET,
        Map.of());
    assertEquals(ACCESS_KEY_ID, at(NOW).authenticate(req));
  }

  @Test
  void bodyThatDoesNotMatchItsHashIsRefused() {
    AuthRequest req = signed(Map.of(), "InstanceName=a", SECRET, Map.of());
    AuthRequest swapped = new AuthRequest("POST", "/", Map.of("InstanceName", "b"), req.headers(),
        "InstanceName=b".getBytes(StandardCharsets.UTF_8));
    EcsException e = fails(at(NOW), swapped);
    assertEquals("SignatureDoesNotMatch", e.code());
    assertEquals(400, e.httpStatus());
  }

  @Test
  void missingRequiredHeadersAreIncompleteSignatures() {
    AuthRequest good = signed(Map.of(), "", SECRET, Map.of());
    for (String name : new String[] {"x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256",
        "host"}) {
      EcsException e = fails(at(NOW), withHeader(good, name, null));
      assertEquals("IncompleteSignature", e.code(), name);
      assertEquals(400, e.httpStatus());
      assertTrue(e.getMessage().contains(name), e.getMessage());
    }
  }

  @Test
  void nonceAndDateMustBeSigned() {
    AuthRequest req = CapturedRequests.V3.get(0).toAuthRequest();
    String auth = req.header("Authorization").orElseThrow().replace(";x-acs-signature-nonce", "");
    EcsException e = fails(at(NOW), withHeader(req, "Authorization", auth));
    assertEquals("IncompleteSignature", e.code());
  }

  @Test
  void wrongSecretOrTamperedQueryFails() {
    EcsException e = fails(at(NOW), signed(Map.of("A", "1"), "", "wrong", Map.of()));
    assertEquals("SignatureDoesNotMatch", e.code());
    assertTrue(e.getMessage().contains("server string to sign is:ACS3-HMAC-SHA256\n"), e.getMessage());
    AuthRequest req = signed(Map.of("A", "1"), "", SECRET, Map.of());
    AuthRequest tampered = new AuthRequest("POST", "/", Map.of("A", "2"), req.headers(), req.body());
    assertEquals("SignatureDoesNotMatch", fails(at(NOW), tampered).code());
  }

  @Test
  void unknownKeyIsNotFound() {
    AuthRequest req = CapturedRequests.V3.get(0).toAuthRequest();
    String auth = req.header("Authorization").orElseThrow().replace(ACCESS_KEY_ID, "nobody");
    EcsException e = fails(at(NOW), withHeader(req, "Authorization", auth));
    assertEquals("InvalidAccessKeyId.NotFound", e.code());
    assertEquals(404, e.httpStatus());
  }

  @Test
  void dateIsCheckedForFormatAndSkew() {
    AuthRequest bad = signed(Map.of(), "", SECRET, Map.of("x-acs-date", "Sat, 28 Nov 2026 15:22:35 GMT"));
    assertEquals("InvalidTimeStamp.Format", fails(at(NOW), bad).code());
    AuthRequest req = signed(Map.of(), "", SECRET, Map.of());
    assertEquals("InvalidTimeStamp.Expired", fails(at(NOW.plusSeconds(16 * 60)), req).code());
  }

  @Test
  void forgedRequestDoesNotBurnTheNonce() {
    assertEquals("SignatureDoesNotMatch",
        fails(at(NOW), signed(Map.of(), "", "forger", Map.of())).code());
    assertEquals(ACCESS_KEY_ID, at(NOW).authenticate(signed(Map.of(), "", SECRET, Map.of())));
  }
}
