package io.ecsbox.host.qemuimg;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pure parsers of what qemu-img prints: {@code info --output=json} and {@code -p} progress. */
public final class QemuImgOutput {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PROGRESS = Pattern.compile("\\((\\d{1,3})(?:\\.\\d+)?/100%\\)");

  private static final Set<String> SAFE_FORMATS = Set.of("raw", "qcow2", "vmdk", "vpc", "vhdx");
  private static final Set<String> SAFE_VMDK = Set.of("monolithicSparse", "streamOptimized");

  private QemuImgOutput() {}

  /**
   * Parses {@code qemu-img info --output=json}. The backing file is the full (resolved)
   * name when qemu-img gives one, else the name as recorded, else null.
   *
   * @throws IllegalArgumentException if the text is not such JSON
   */
  public static DiskImages.Info parseInfo(String json) {
    JsonNode n;
    try {
      n = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("qemu-img info printed no JSON: " + e.getOriginalMessage());
    }
    if (n == null || !n.path("format").isTextual() || !n.path("virtual-size").canConvertToLong()) {
      throw new IllegalArgumentException("qemu-img info JSON lacks format/virtual-size: " + json);
    }
    String backing = text(n, "full-backing-filename");
    if (backing == null) {
      backing = text(n, "backing-filename");
    }
    return new DiskImages.Info(n.get("format").asText(), n.get("virtual-size").asLong(),
        n.path("actual-size").asLong(0), backing);
  }

  /**
   * Parses {@code info} JSON of a file of unknown origin and returns it only if it is
   * self-contained: no backing file, no qcow2 external data file, no vmdk descriptor
   * pointing at other files, and a format from a short list (raw, qcow2, vmdk, vpc, vhdx).
   *
   * @throws IllegalArgumentException naming what makes the file unsafe
   */
  public static DiskImages.Info parseSelfContained(String json) {
    DiskImages.Info info = parseInfo(json);
    JsonNode data;
    try {
      data = JSON.readTree(json).path("format-specific").path("data");
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e.getOriginalMessage());
    }
    if (!SAFE_FORMATS.contains(info.format())) {
      throw new IllegalArgumentException("image format " + info.format() + " is not accepted");
    }
    if (info.backingFile() != null) {
      throw new IllegalArgumentException("image has a backing file: " + info.backingFile());
    }
    if (data.hasNonNull("data-file")) {
      throw new IllegalArgumentException("image has an external data file: " + data.get("data-file"));
    }
    String vmdkType = data.path("create-type").asText("");
    if (info.format().equals("vmdk") && !SAFE_VMDK.contains(vmdkType)) {
      throw new IllegalArgumentException("vmdk of type " + vmdkType + " may point at other files");
    }
    return info;
  }

  /** The whole percent in a progress line such as {@code "    (12.34/100%)"}, if any. */
  public static OptionalLong parsePercent(String line) {
    Matcher m = PROGRESS.matcher(line);
    OptionalLong last = OptionalLong.empty();
    while (m.find()) { // a chunk may hold several updates; the last one wins
      last = OptionalLong.of(Math.min(100, Long.parseLong(m.group(1))));
    }
    return last;
  }

  /**
   * A line consumer that passes each new, higher percent to {@code percent}, so the
   * caller sees an increasing sequence without repeats.
   */
  public static Consumer<String> progressReporter(LongConsumer percent) {
    long[] last = {-1};
    return line -> parsePercent(line).ifPresent(p -> {
      if (p > last[0]) {
        last[0] = p;
        percent.accept(p);
      }
    });
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isTextual() && !v.asText().isEmpty() ? v.asText() : null;
  }

  /**
   * True when a {@code qemu-img map --output=json} answer shows clusters allocated in the file
   * itself (depth 0): data, or zeroes written there ({@code "present": true, "data": false}),
   * which hide what its backing file holds just as data does. A range the file leaves to nothing
   * is {@code "present": false}; without that field (an older qemu-img) a depth-0 range counts.
   */
  public static boolean holdsData(String mapJson) {
    try {
      for (JsonNode range : JSON.readTree(mapJson)) {
        if (range.path("depth").asInt(-1) == 0
            && (range.path("data").asBoolean(false) || range.path("present").asBoolean(true))) {
          return true;
        }
      }
      return false;
    } catch (java.io.IOException e) {
      throw new IllegalStateException("qemu-img map printed no JSON: " + e.getMessage(), e);
    }
  }
}
