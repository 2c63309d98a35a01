package io.ecsbox.cli.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.client.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The image catalog ({@code images/catalog.json}): names such as {@code debian-12} with the URL
 * and checksum the daemon downloads and verifies. Read from the file named by
 * {@value #ENV}, else from the copy packaged in the jar at {@value #RESOURCE}.
 */
public final class ImageCatalog {
  public static final String ENV = "ECSBOX_IMAGE_CATALOG";
  public static final String RESOURCE = "/io/ecsbox/images/catalog.json";

  /** One catalog image; {@code url} and {@code checksum} are null for images built locally. */
  public record Entry(String name, String imageName, String description, String osType, String osName,
      String platform, String architecture, String format, String url, String checksum) {
    public boolean downloadable() {
      return url != null;
    }
  }

  private final List<Entry> entries;
  private final String origin;

  private ImageCatalog(List<Entry> entries, String origin) {
    this.entries = List.copyOf(entries);
    this.origin = origin;
  }

  /** The catalog the CLI uses; {@link IllegalStateException} says how to provide one when there is none. */
  public static ImageCatalog load(Map<String, String> env) {
    String file = env.get(ENV);
    if (file != null && !file.isEmpty()) {
      try {
        return parse(Files.readString(Path.of(file)), file);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read the image catalog " + file + " (" + ENV + "): " + e.getMessage(), e);
      }
    }
    try (InputStream in = ImageCatalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("this ecsbox build has no image catalog; set " + ENV
            + "=/path/to/images/catalog.json, or give a URL");
      }
      return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), "the built-in catalog");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses catalog JSON ({@code {"Images":[...]}}); an entry is named by Name, else ImageId. */
  public static ImageCatalog parse(String json, String origin) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException(origin + " is not valid JSON: " + e.getMessage(), e);
    }
    List<Entry> out = new ArrayList<>();
    for (JsonNode i : root.path("Images")) {
      String name = text(i, "Name") != null ? text(i, "Name") : text(i, "ImageId");
      if (name == null) {
        throw new IllegalStateException(origin + " has an image without Name or ImageId");
      }
      String url = text(i, "Url");
      String checksum = text(i, "Checksum");
      if (url != null && !url.matches("https?://.+")) {
        throw new IllegalStateException(origin + ": " + name + " has Url " + url + ", not an http(s) URL");
      }
      if (url != null && checksum == null) {
        throw new IllegalStateException(origin + ": " + name + " has a Url but no Checksum");
      }
      out.add(new Entry(name, text(i, "ImageName"), text(i, "Description"), text(i, "OSType"), text(i, "OSName"),
          text(i, "Platform"), text(i, "Architecture"), text(i, "Format"), url, checksum));
    }
    return new ImageCatalog(out, origin);
  }

  public List<Entry> entries() {
    return entries;
  }

  public Optional<Entry> find(String name) {
    return entries.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /** Where this catalog came from, for messages. */
  public String origin() {
    return origin;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
  }
}
