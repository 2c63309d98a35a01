package io.ecsbox.api.auth;

import io.ecsbox.api.errors.EcsException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * ACS3-HMAC-SHA256, the signature of the new generated SDKs (ecs-api.md §2.2). Builds the
 * canonical request and the hex signature, and parses the {@code Authorization} header.
 * Pure functions.
 */
public final class SignatureV3 {
  /** The algorithm name, first word of the Authorization header and of the string to sign. */
  public static final String ALGORITHM = "ACS3-HMAC-SHA256";

  private SignatureV3() {}

  /** The parsed {@code Authorization} header; header names are lower-case, in sent order. */
  public record Authorization(String accessKeyId, List<String> signedHeaders, String signature) {
    public Authorization {
      signedHeaders = List.copyOf(signedHeaders);
    }
  }

  /**
   * Parses {@code ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=a;b,Signature=hex}.
   *
   * @throws EcsException {@code IncompleteSignature} (400) if the header is not of that form
   */
  public static Authorization parseAuthorization(String header) {
    if (header == null || !header.startsWith(ALGORITHM + " ")) {
      throw incomplete("The Authorization header must start with \"" + ALGORITHM + " \".");
    }
    String credential = null;
    String signedHeaders = null;
    String signature = null;
    for (String part : header.substring(ALGORITHM.length() + 1).split(",")) {
      int eq = part.indexOf('=');
      if (eq < 0) {
        throw incomplete("Malformed Authorization header element \"" + part.trim() + "\".");
      }
      String name = part.substring(0, eq).trim();
      String value = part.substring(eq + 1).trim();
      switch (name) {
        case "Credential" -> credential = value;
        case "SignedHeaders" -> signedHeaders = value;
        case "Signature" -> signature = value;
        default -> { } // tolerate elements a newer SDK may add
      }
    }
    if (isBlank(credential) || isBlank(signedHeaders) || isBlank(signature)) {
      throw incomplete("The Authorization header needs Credential, SignedHeaders and Signature.");
    }
    List<String> names = new ArrayList<>();
    for (String name : signedHeaders.split(";")) {
      if (!name.isBlank()) {
        names.add(name.trim().toLowerCase(Locale.ROOT));
      }
    }
    return new Authorization(credential, names, signature);
  }

  /**
   * The canonical request: method, path, canonical query, canonical headers (each
   * {@code name:trimmed-value\n}), signed header list and payload hash, joined with {@code \n}.
   *
   * @param query decoded query parameters (the form body is covered by the payload hash)
   * @param signedHeaderValues lower-case signed header names to their values, in signing order
   */
  public static String canonicalRequest(String method, String path, Map<String, String> query,
      Map<String, String> signedHeaderValues, String hashedPayload) {
    StringBuilder headers = new StringBuilder();
    for (Map.Entry<String, String> e : signedHeaderValues.entrySet()) {
      headers.append(e.getKey().toLowerCase(Locale.ROOT)).append(':')
          .append(e.getValue() == null ? "" : e.getValue().trim()).append('\n');
    }
    String signedNames = String.join(";", signedHeaderValues.keySet()).toLowerCase(Locale.ROOT);
    return method + "\n" + (path == null || path.isEmpty() ? "/" : path) + "\n"
        + PercentEncoding.canonicalQuery(query) + "\n" + headers + "\n" + signedNames + "\n"
        + hashedPayload;
  }

  /** {@code ACS3-HMAC-SHA256\n + hex(SHA-256(canonicalRequest))}. */
  public static String stringToSign(String canonicalRequest) {
    return ALGORITHM + "\n" + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
  }

  /** Lower-case hex HMAC-SHA256 keyed by the secret itself (no {@code &}). */
  public static String sign(String stringToSign, String accessKeySecret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(accessKeySecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** Lower-case hex SHA-256, as sent in {@code x-acs-content-sha256}. */
  public static String sha256Hex(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  static EcsException incomplete(String message) {
    return EcsException.badRequest("IncompleteSignature", message);
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
