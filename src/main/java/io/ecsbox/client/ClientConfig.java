package io.ecsbox.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the CLI sends its calls and which key it signs them with.
 *
 * <p>Each setting comes from the first source that has it: (1) the environment
 * ({@code ECSBOX_ENDPOINT}, {@code ECSBOX_ACCESS_KEY_ID}, {@code ECSBOX_ACCESS_KEY_SECRET},
 * {@code ECSBOX_REGION_ID}); (2) the config file {@code $ECSBOX_CONFIG}, else
 * {@code ~/.config/ecsbox/config.json}; (3) the daemon's {@code <dataDir>/admin.credentials}
 * if readable ({@code ECSBOX_DATA_DIR}, default {@code /var/lib/ecsbox}); then the defaults
 * {@code http://127.0.0.1:18080} and {@code local-1}. The key id and secret always come
 * together from one source. Reads files only; {@link #toString()} hides the secret.
 *
 * @param keySource where the keys came from, for messages
 */
public record ClientConfig(URI endpoint, String accessKeyId, String accessKeySecret, String regionId,
    String keySource) {
  public static final String DEFAULT_ENDPOINT = "http://127.0.0.1:18080";
  public static final String DEFAULT_DATA_DIR = "/var/lib/ecsbox";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One place settings can come from; null fields are not set there. */
  private record Source(String name, String endpoint, String accessKeyId, String secret, String regionId) {}

  /** Resolves from the real environment and home directory. */
  public static ClientConfig resolve() {
    return resolve(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /**
   * Resolves from the given environment and home directory.
   *
   * @throws EcsApiException {@code MissingCredentials} when no source has a key, or
   *     {@code InvalidConfig} naming the file or variable that is wrong
   */
  public static ClientConfig resolve(Map<String, String> env, Path home) {
    List<Source> sources = new ArrayList<>();
    sources.add(new Source("the environment (ECSBOX_*)", env.get("ECSBOX_ENDPOINT"),
        env.get("ECSBOX_ACCESS_KEY_ID"), env.get("ECSBOX_ACCESS_KEY_SECRET"), env.get("ECSBOX_REGION_ID")));
    Path configFile = configFile(env, home);
    if (blankToNull(env.get("ECSBOX_CONFIG")) != null && !Files.exists(configFile)) {
      throw new EcsApiException(0, "InvalidConfig", "ECSBOX_CONFIG names " + configFile
          + ", which does not exist.", null);
    }
    if (Files.exists(configFile)) {
      JsonNode n = readJson(configFile);
      sources.add(new Source(configFile.toString(), text(n, "endpoint"), text(n, "accessKeyId"),
          text(n, "accessKeySecret"), text(n, "regionId")));
    }
    Path admin = adminCredentials(env);
    if (Files.isReadable(admin)) {
      JsonNode n = readJson(admin);
      sources.add(new Source(admin.toString(), text(n, "Endpoint"), text(n, "AccessKeyId"),
          text(n, "AccessKeySecret"), text(n, "RegionId")));
    }
    Source keys = keySource(sources, configFile, admin);
    String endpoint = DEFAULT_ENDPOINT;
    String endpointSource = "the default";
    String region = EcsClient.DEFAULT_REGION_ID;
    // Walk from the weakest source up so the strongest one wins.
    for (int i = sources.size() - 1; i >= 0; i--) {
      Source s = sources.get(i);
      if (s.endpoint() != null) {
        endpoint = s.endpoint();
        endpointSource = s.name();
      }
      if (s.regionId() != null) {
        region = s.regionId();
      }
    }
    return new ClientConfig(parseEndpoint(endpoint, endpointSource), keys.accessKeyId(), keys.secret(),
        region, keys.name());
  }

  /** The config file the CLI reads: {@code $ECSBOX_CONFIG}, else under {@code home}. */
  public static Path configFile(Map<String, String> env, Path home) {
    String explicit = blankToNull(env.get("ECSBOX_CONFIG"));
    return explicit != null ? Path.of(explicit) : home.resolve(".config/ecsbox/config.json");
  }

  /** The admin credentials file the daemon writes. */
  public static Path adminCredentials(Map<String, String> env) {
    String dataDir = blankToNull(env.get("ECSBOX_DATA_DIR"));
    return Path.of(dataDir == null ? DEFAULT_DATA_DIR : dataDir).resolve("admin.credentials");
  }

  @Override
  public String toString() {
    return "ClientConfig[endpoint=" + endpoint + ", accessKeyId=" + accessKeyId
        + ", accessKeySecret=***, regionId=" + regionId + ", keys from " + keySource + "]";
  }

  private static Source keySource(List<Source> sources, Path configFile, Path admin) {
    for (Source s : sources) {
      if (s.accessKeyId() != null && s.secret() != null) {
        return s;
      }
      if (s.accessKeyId() != null || s.secret() != null) {
        throw new EcsApiException(0, "InvalidConfig", s.name() + " sets only one of the access key"
            + " id and secret; set both (or neither).", null);
      }
    }
    String unreadable = Files.exists(admin) && !Files.isReadable(admin)
        ? " (it exists but you cannot read it: use sudo, or copy the keys into the config file)" : "";
    throw new EcsApiException(0, "MissingCredentials", "No access key for the ecsbox API. Provide one"
        + " of: (1) environment variables ECSBOX_ACCESS_KEY_ID and ECSBOX_ACCESS_KEY_SECRET (and"
        + " ECSBOX_ENDPOINT if not " + DEFAULT_ENDPOINT + "); (2) the config file " + configFile
        + " (or set ECSBOX_CONFIG) containing {\"endpoint\":\"" + DEFAULT_ENDPOINT + "\","
        + "\"accessKeyId\":\"...\",\"accessKeySecret\":\"...\",\"regionId\":\"local-1\"}; (3) read"
        + " access to " + admin + unreadable + ", which `ecsbox daemon` writes (set ECSBOX_DATA_DIR"
        + " if its data directory is elsewhere).", null);
  }

  private static URI parseEndpoint(String text, String source) {
    // Accept the SDK style host:port too.
    String url = text.contains("://") ? text : "http://" + text;
    try {
      URI uri = new URI(url);
      if (uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getRawQuery() == null && uri.getRawFragment() == null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // Reported below with the source named.
    }
    throw new EcsApiException(0, "InvalidConfig", "endpoint \"" + text + "\" from " + source
        + " is not an http(s) URL such as " + DEFAULT_ENDPOINT + ".", null);
  }

  private static JsonNode readJson(Path file) {
    try {
      JsonNode node = JSON.readTree(Files.readString(file));
      if (node == null || !node.isObject()) {
        throw new IOException("not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new EcsApiException(0, "InvalidConfig", "Cannot read " + file + ": " + e.getMessage()
          + ". Expected a JSON object such as {\"endpoint\":\"" + DEFAULT_ENDPOINT
          + "\",\"accessKeyId\":\"...\",\"accessKeySecret\":\"...\"}.", null, e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : blankToNull(v.asText());
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
