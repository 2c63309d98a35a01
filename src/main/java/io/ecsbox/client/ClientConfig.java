package io.ecsbox.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.tls.Fingerprint;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the CLI sends its calls, which key it signs them with, and which certificates it trusts.
 *
 * <p>Each setting comes from the first source that has it: (1) the environment
 * ({@code ECSBOX_ENDPOINT}, {@code ECSBOX_ACCESS_KEY_ID}, {@code ECSBOX_ACCESS_KEY_SECRET},
 * {@code ECSBOX_REGION_ID}); (2) the Alibaba Cloud tools' variables
 * ({@code ALIBABA_CLOUD_ACCESS_KEY_ID}, {@code ALIBABA_CLOUD_ACCESS_KEY_SECRET},
 * {@code ALIBABA_CLOUD_REGION_ID}); (3) the selected profile of the config file
 * ({@link CliConfigFile#path}); (4) the daemon's {@code <dataDir>/admin.credentials} if readable
 * ({@code ECSBOX_DATA_DIR}, default {@code /var/lib/ecsbox}); then the defaults
 * {@code http://127.0.0.1:18080} and {@code local-1}. The key id and secret always come
 * together from one source. The profile is {@code --profile}, else {@code ECSBOX_PROFILE}, else
 * the file's current one. Certificate fingerprints from the profile and admin.credentials are
 * trusted without prompt. Reads files only; {@link #toString()} hides the secret.
 *
 * @param keySource           where the keys came from, for messages
 * @param trustedCertificates fingerprints of certificates trusted as they are
 * @param knownEndpoints      where first-use pins are kept
 */
public record ClientConfig(URI endpoint, String accessKeyId, String accessKeySecret, String regionId,
    String keySource, Set<Fingerprint> trustedCertificates, Path knownEndpoints) {
  public static final String DEFAULT_ENDPOINT = "http://127.0.0.1:18080";
  public static final String DEFAULT_DATA_DIR = "/var/lib/ecsbox";

  public ClientConfig {
    trustedCertificates = Set.copyOf(trustedCertificates);
  }

  /** One place settings can come from; null fields are not set there. */
  private record Source(String name, String endpoint, String accessKeyId, String secret, String regionId) {}

  /** Resolves from the real environment and home directory, with the profile the environment or file names. */
  public static ClientConfig resolve() {
    return resolve(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  public static ClientConfig resolve(Map<String, String> env, Path home) {
    return resolve(env, home, null);
  }

  /**
   * Resolves from the given environment and home directory.
   *
   * @param profile the {@code --profile} given, or null
   * @throws EcsApiException {@code MissingCredentials} when no source has a key, or
   *     {@code InvalidConfig} naming the file, profile or variable that is wrong
   */
  public static ClientConfig resolve(Map<String, String> env, Path home, String profile) {
    List<Source> sources = new ArrayList<>();
    Set<Fingerprint> trusted = new LinkedHashSet<>();
    sources.add(new Source("the environment (ECSBOX_*)", env.get("ECSBOX_ENDPOINT"),
        env.get("ECSBOX_ACCESS_KEY_ID"), env.get("ECSBOX_ACCESS_KEY_SECRET"), env.get("ECSBOX_REGION_ID")));
    sources.add(new Source("the environment (ALIBABA_CLOUD_*)", null, env.get("ALIBABA_CLOUD_ACCESS_KEY_ID"),
        env.get("ALIBABA_CLOUD_ACCESS_KEY_SECRET"), env.get("ALIBABA_CLOUD_REGION_ID")));
    Path configFile = configFile(env, home);
    if (CliConfigFile.blank(env.get("ECSBOX_CONFIG")) != null && !Files.exists(configFile)) {
      throw new EcsApiException(0, "InvalidConfig", "ECSBOX_CONFIG names " + configFile
          + ", which does not exist.", null);
    }
    CliConfigFile file = CliConfigFile.read(configFile);
    String named = CliConfigFile.blank(profile != null ? profile : env.get("ECSBOX_PROFILE"));
    String selected = named != null ? named : file.current();
    if (named != null && file.profile(named).isEmpty()) {
      throw new EcsApiException(0, "InvalidConfig", "No profile \"" + named + "\" in " + configFile
          + (file.profiles().isEmpty() ? "" : " (it has: " + String.join(", ", file.profiles().keySet()) + ")")
          + "; create it with: ecsbox configure --profile " + named, null);
    }
    file.profile(selected).ifPresent(p -> {
      sources.add(new Source(configFile + " (profile " + selected + ")", p.endpoint(), p.accessKeyId(),
          p.accessKeySecret(), p.regionId()));
      addFingerprint(trusted, p.certificateSha256(), configFile + " (profile " + selected + ")");
    });
    Path admin = adminCredentials(env);
    if (Files.isReadable(admin)) {
      JsonNode n = CliConfigFile.readObject(admin);
      sources.add(new Source(admin.toString(), text(n, "Endpoint"), text(n, "AccessKeyId"),
          text(n, "AccessKeySecret"), text(n, "RegionId")));
      addFingerprint(trusted, text(n, "CertificateSha256"), admin.toString());
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
        region, keys.name(), trusted, knownEndpoints(env, home));
  }

  /** The config file the CLI reads: {@code $ECSBOX_CONFIG}, else {@code $XDG_CONFIG_HOME/ecsbox/config.json}, else under {@code home}. */
  public static Path configFile(Map<String, String> env, Path home) {
    return CliConfigFile.path(env, home);
  }

  /** Where the CLI pins certificates on first use: {@code known_endpoints} in the config directory. */
  public static Path knownEndpoints(Map<String, String> env, Path home) {
    return CliConfigFile.configDir(env, home).resolve("known_endpoints");
  }

  /** The admin credentials file the daemon writes. */
  public static Path adminCredentials(Map<String, String> env) {
    String dataDir = CliConfigFile.blank(env.get("ECSBOX_DATA_DIR"));
    return Path.of(dataDir == null ? DEFAULT_DATA_DIR : dataDir).resolve("admin.credentials");
  }

  @Override
  public String toString() {
    return "ClientConfig[endpoint=" + endpoint + ", accessKeyId=" + accessKeyId
        + ", accessKeySecret=***, regionId=" + regionId + ", keys from " + keySource + "]";
  }

  private static void addFingerprint(Set<Fingerprint> trusted, String text, String source) {
    if (text == null) {
      return;
    }
    try {
      trusted.add(Fingerprint.parse(text));
    } catch (IllegalArgumentException e) {
      throw new EcsApiException(0, "InvalidConfig", source + ": certificateSha256 " + e.getMessage() + ".", null);
    }
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
        + " of: (1) environment variables ECSBOX_ACCESS_KEY_ID and ECSBOX_ACCESS_KEY_SECRET (or"
        + " ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET; and ECSBOX_ENDPOINT if not "
        + DEFAULT_ENDPOINT + "); (2) the config file " + configFile + " (or set ECSBOX_CONFIG): write it"
        + " with `ecsbox configure`; (3) read access to " + admin + unreadable + ", which `ecsbox daemon`"
        + " writes (set ECSBOX_DATA_DIR if its data directory is elsewhere).", null);
  }

  /**
   * {@code text} as an http(s) URL; the SDK style host:port means http.
   *
   * @throws EcsApiException {@code InvalidConfig} naming {@code source}
   */
  public static URI parseEndpoint(String text, String source) {
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

  private static String text(JsonNode node, String field) {
    return CliConfigFile.text(node, field);
  }
}
