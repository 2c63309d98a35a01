package io.ecsbox.api.auth;

import io.ecsbox.TestErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ecsbox.api.errors.EcsException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignatureV3Test {

  @Test
  void capturedSdkRequestsGiveTheSameCanonicalRequestAndSignature() {
    for (CapturedRequests.Captured c : CapturedRequests.V3) {
      AuthRequest req = c.toAuthRequest();
      SignatureV3.Authorization auth =
          SignatureV3.parseAuthorization(req.header("authorization").orElseThrow());
      Map<String, String> signed = new LinkedHashMap<>();
      auth.signedHeaders().forEach(h -> signed.put(h, req.header(h).orElseThrow()));
      String canonical = SignatureV3.canonicalRequest(req.method(), req.path(), req.parameters(),
          signed, SignatureV3.sha256Hex(req.body()));
      assertEquals(c.expectedSigned(), canonical, c.name());
      assertEquals(c.sentSignature(),
          SignatureV3.sign(SignatureV3.stringToSign(canonical), CapturedRequests.SECRET), c.name());
    }
  }

  @Test
  void stringToSignOfTheCapturedDescribeRegions() {
    // Value printed by the capture server for the first V3 request.
    assertEquals("ACS3-HMAC-SHA256\nd5285a4f2bef800e68fb292c8a0228620ef7d9fd0544b0b05b8cb3f3bbb64bc9",
        SignatureV3.stringToSign(CapturedRequests.V3.get(0).expectedSigned()));
  }

  @Test
  void emptyBodyHash() {
    assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        SignatureV3.sha256Hex(new byte[0]));
  }

  @Test
  void canonicalQueryKeepsEmptyValuesAndHeadersAreTrimmed() {
    Map<String, String> query = new HashMap<>();
    query.put("b", "x y");
    query.put("a", "");
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("host", " h:1 ");
    headers.put("x-acs-date", "d");
    assertEquals("GET\n/\na=&b=x%20y\nhost:h:1\nx-acs-date:d\n\nhost;x-acs-date\nHASH",
        SignatureV3.canonicalRequest("GET", "", query, headers, "HASH"));
  }

  @Test
  void parsesAuthorizationHeader() {
    SignatureV3.Authorization a = SignatureV3.parseAuthorization(
        "ACS3-HMAC-SHA256 Credential=AK1, SignedHeaders=Host;x-acs-date ,Signature=abc");
    assertEquals("AK1", a.accessKeyId());
    assertEquals(List.of("host", "x-acs-date"), a.signedHeaders());
    assertEquals("abc", a.signature());
  }

  @Test
  void rejectsIncompleteAuthorizationHeaders() {
    for (String bad : List.of(
        "ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host",
        "ACS3-HMAC-SHA256 Credential=AK,Signature=abc",
        "ACS3-HMAC-SHA256 SignedHeaders=host,Signature=abc",
        "ACS3-HMAC-SHA256 Credential=,SignedHeaders=host,Signature=abc",
        "ACS3-HMAC-SHA256 garbage",
        "HMAC-SHA256 Credential=AK,SignedHeaders=host,Signature=abc")) {
      EcsException e = TestErrors.thrown(() -> SignatureV3.parseAuthorization(bad), bad);
      assertEquals("IncompleteSignature", e.code());
      assertEquals(400, e.httpStatus());
    }
  }
}
