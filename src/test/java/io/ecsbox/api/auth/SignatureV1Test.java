package io.ecsbox.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignatureV1Test {
  // The documentation's test vector, ecs-api.md §2.1.
  private static final Map<String, String> DOC_PARAMS = Map.of(
      "AccessKeyId", "testid",
      "Action", "DescribeRegions",
      "Format", "XML",
      "SignatureMethod", "HMAC-SHA1",
      "SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
      "SignatureVersion", "1.0",
      "Timestamp", "2016-02-23T12:46:24Z",
      "Version", "2014-05-26");
  private static final String DOC_STS = "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions"
      + "%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-"
      + "4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version"
      + "%3D2014-05-26";

  @Test
  void documentationVector() {
    assertEquals(DOC_STS, SignatureV1.stringToSign("GET", DOC_PARAMS));
    assertEquals("OLeaidS1JvxuMvnyHOwuJ+uX5qY=", SignatureV1.sign(DOC_STS, "testsecret"));
    assertEquals("OLeaidS1JvxuMvnyHOwuJ+uX5qY=", SignatureV1.sign("GET", DOC_PARAMS, "testsecret"));
  }

  @Test
  void signatureParameterIsNotSigned() {
    Map<String, String> withSignature = new HashMap<>(DOC_PARAMS);
    withSignature.put("Signature", "anything");
    assertEquals(DOC_STS, SignatureV1.stringToSign("GET", withSignature));
  }

  @Test
  void methodAndSecretChangeTheSignature() {
    assertNotEquals(SignatureV1.sign("GET", DOC_PARAMS, "testsecret"),
        SignatureV1.sign("POST", DOC_PARAMS, "testsecret"));
    assertNotEquals(SignatureV1.sign("GET", DOC_PARAMS, "testsecret"),
        SignatureV1.sign("GET", DOC_PARAMS, "testsecreT"));
  }

  @Test
  void capturedSdkRequestsGiveTheSameStringToSignAndSignature() {
    for (CapturedRequests.Captured c : CapturedRequests.V1) {
      AuthRequest req = c.toAuthRequest();
      String sts = SignatureV1.stringToSign(req.method(), req.parameters());
      assertEquals(c.expectedSigned(), sts, c.name());
      assertEquals(c.sentSignature(), SignatureV1.sign(sts, CapturedRequests.SECRET), c.name());
    }
  }
}
