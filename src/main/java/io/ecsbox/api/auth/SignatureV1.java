package io.ecsbox.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RPC signature version 1.0 (HMAC-SHA1), ecs-api.md §2.1. Shared by the server, which
 * verifies, and the CLI client, which signs. Pure functions.
 */
public final class SignatureV1 {
  /** The parameter that carries the signature; it is never part of the string to sign. */
  public static final String SIGNATURE_PARAM = "Signature";

  private SignatureV1() {}

  /**
   * {@code METHOD&%2F&percentEncode(canonicalQuery)} over the decoded parameters (query plus
   * form body), without {@code Signature}.
   */
  public static String stringToSign(String httpMethod, Map<String, String> params) {
    Map<String, String> signed = new HashMap<>(params);
    signed.remove(SIGNATURE_PARAM);
    return httpMethod + "&" + PercentEncoding.encode("/") + "&"
        + PercentEncoding.encode(PercentEncoding.canonicalQuery(signed));
  }

  /** Base64(HMAC-SHA1(key = secret + "&", stringToSign)). */
  public static String sign(String stringToSign, String accessKeySecret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec((accessKeySecret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      byte[] raw = mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(raw);
    } catch (GeneralSecurityException e) {
      // HmacSHA1 is mandatory in every JRE; this cannot happen.
      throw new IllegalStateException("HmacSHA1 unavailable", e);
    }
  }

  /** Convenience: the signature of {@code params} sent with {@code httpMethod}. */
  public static String sign(String httpMethod, Map<String, String> params, String accessKeySecret) {
    return sign(stringToSign(httpMethod, params), accessKeySecret);
  }
}
