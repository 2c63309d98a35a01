package io.ecsbox.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.common.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The CLI's config file: named profiles, each an endpoint, key, region and optionally the
 * endpoint's certificate fingerprint, and the current profile:
 * {@code {"current":"default","profiles":{"default":{"endpoint":...,"accessKeyId":...,...}}}}.
 * The older single-profile file ({@code {"endpoint":...,"accessKeyId":...}}) reads as the
 * profile {@code default}; {@link #write} always writes the profile form (mode 0600).
 */
public record CliConfigFile(String current, Map<String, Profile> profiles) {
  public static final String DEFAULT_PROFILE = "default";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One profile; null fields are not set. */
  public record Profile(String endpoint, String accessKeyId, String accessKeySecret, String regionId,
      String certificateSha256) {
    @Override
    public String toString() {
      return "Profile[endpoint=" + endpoint + ", accessKeyId=" + accessKeyId + ", accessKeySecret=***, regionId="
          + regionId + ", certificateSha256=" + certificateSha256 + "]";
    }
  }

  public CliConfigFile {
    profiles = new LinkedHashMap<>(profiles);
  }

  /** No profile yet. */
  public static CliConfigFile empty() {
    return new CliConfigFile(DEFAULT_PROFILE, Map.of());
  }

  /** The file the CLI reads: {@code $ECSBOX_CONFIG}, else {@code $XDG_CONFIG_HOME/ecsbox/config.json}, else under {@code ~/.config}. */
  public static Path path(Map<String, String> env, Path home) {
    String explicit = blank(env.get("ECSBOX_CONFIG"));
    return explicit != null ? Path.of(explicit) : configDir(env, home).resolve("config.json");
  }

  /** {@code $XDG_CONFIG_HOME/ecsbox} (an absolute value only, as the XDG spec says), else {@code ~/.config/ecsbox}. */
  public static Path configDir(Map<String, String> env, Path home) {
    String xdg = blank(env.get("XDG_CONFIG_HOME"));
    return (xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".config")).resolve("ecsbox");
  }

  /** Reads {@code file}; empty when it does not exist. */
  public static CliConfigFile read(Path file) {
    if (!Files.exists(file)) {
      return empty();
    }
    JsonNode root = readObject(file);
    Map<String, Profile> profiles = new LinkedHashMap<>();
    if (!root.has("profiles")) {
      profiles.put(DEFAULT_PROFILE, profile(root));
      return new CliConfigFile(DEFAULT_PROFILE, profiles);
    }
    JsonNode list = root.get("profiles");
    if (!list.isObject()) {
      throw invalid(file, "\"profiles\" is not an object of profile name to settings", null);
    }
    list.fields().forEachRemaining(e -> {
      if (!e.getValue().isObject()) {
        throw invalid(file, "profile \"" + e.getKey() + "\" is not an object", null);
      }
      profiles.put(e.getKey(), profile(e.getValue()));
    });
    String current = text(root, "current");
    return new CliConfigFile(current == null ? DEFAULT_PROFILE : current, profiles);
  }

  public Optional<Profile> profile(String name) {
    return Optional.ofNullable(profiles.get(name));
  }

  /** This file with {@code name} set to {@code profile} and made current. */
  public CliConfigFile with(String name, Profile profile) {
    Map<String, Profile> p = new LinkedHashMap<>(profiles);
    p.put(name, profile);
    return new CliConfigFile(name, p);
  }

  /** Writes the profile form atomically, mode 0600, creating the directory (0700). */
  public void write(Path file) throws IOException {
    ObjectNode root = JSON.createObjectNode().put("current", current);
    ObjectNode list = root.putObject("profiles");
    profiles.forEach((name, p) -> {
      ObjectNode n = list.putObject(name);
      put(n, "endpoint", p.endpoint());
      put(n, "accessKeyId", p.accessKeyId());
      put(n, "accessKeySecret", p.accessKeySecret());
      put(n, "regionId", p.regionId());
      put(n, "certificateSha256", p.certificateSha256());
    });
    PrivateFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
  }

  private static void put(ObjectNode n, String field, String value) {
    if (value != null) {
      n.put(field, value);
    }
  }

  private static Profile profile(JsonNode n) {
    return new Profile(text(n, "endpoint"), text(n, "accessKeyId"), text(n, "accessKeySecret"), text(n, "regionId"),
        text(n, "certificateSha256"));
  }

  static JsonNode readObject(Path file) {
    try {
      JsonNode node = JSON.readTree(Files.readString(file));
      if (node == null || !node.isObject()) {
        throw new IOException("not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw invalid(file, e.getMessage(), e);
    }
  }

  private static EcsApiException invalid(Path file, String why, Exception cause) {
    return new EcsApiException(0, "InvalidConfig", "Cannot read " + file + ": " + why
        + ". Expected a JSON object such as {\"endpoint\":\"" + ClientConfig.DEFAULT_ENDPOINT
        + "\",\"accessKeyId\":\"...\",\"accessKeySecret\":\"...\"} (or write it with `ecsbox configure`).", null, cause);
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : blank(v.asText());
  }

  static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
