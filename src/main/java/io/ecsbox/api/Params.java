package io.ecsbox.api;

import io.ecsbox.api.errors.EcsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed access to one request's parameters with ECS conventions: 1-based repeat lists
 * ({@code InstanceId.1}), dotted structs, JSON-array filters, and ECS errors naming the
 * parameter on bad input.
 */
public final class Params {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, String> values;

  public Params(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  public Map<String, String> asMap() {
    return values;
  }

  /** The value, or empty when absent or blank. */
  public Optional<String> get(String name) {
    String v = values.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
  }

  public String getOrNull(String name) {
    return get(name).orElse(null);
  }

  public String require(String name) {
    return get(name).orElseThrow(() -> EcsException.missing(name));
  }

  public boolean has(String name) {
    return get(name).isPresent();
  }

  public int intValue(String name, int dflt, int min, int max) {
    Optional<String> v = get(name);
    if (v.isEmpty()) {
      return dflt;
    }
    return parseInt(name, v.get(), min, max);
  }

  public Integer intOrNull(String name, int min, int max) {
    return get(name).map(v -> parseInt(name, v, min, max)).orElse(null);
  }

  private static int parseInt(String name, String v, int min, int max) {
    int n;
    try {
      n = Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw EcsException.badRequest("InvalidParameter." + name.replace(".", ""),
          "The specified parameter \"" + name + "\" is not a valid integer: " + v);
    }
    if (n < min || n > max) {
      throw EcsException.badRequest("InvalidParameter." + name.replace(".", ""),
          "The specified parameter \"" + name + "\" must be between " + min + " and " + max + ", got " + n + ".");
    }
    return n;
  }

  public boolean bool(String name, boolean dflt) {
    Optional<String> v = get(name);
    if (v.isEmpty()) {
      return dflt;
    }
    return switch (v.get().toLowerCase()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw EcsException.invalid(name, "use true or false, got " + v.get());
    };
  }

  /** The values of {@code prefix.1}, {@code prefix.2}, ... in order (gaps end the list). */
  public List<String> list(String prefix, int max) {
    List<String> out = new ArrayList<>();
    for (int n = 1; n <= max + 1; n++) {
      Optional<String> v = get(prefix + "." + n);
      if (v.isEmpty()) {
        break;
      }
      if (n > max) {
        throw EcsException.invalid(prefix, "at most " + max + " values");
      }
      out.add(v.get());
    }
    return out;
  }

  /**
   * A JSON-array filter such as {@code InstanceIds=["i-a","i-b"]}: empty when the parameter is
   * absent; an empty list when it is {@code []} (a real filter that matches nothing).
   */
  public Optional<List<String>> jsonArray(String name, int max) {
    Optional<String> v = get(name);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      JsonNode n = JSON.readTree(v.get());
      if (n == null || !n.isArray()) {
        throw new IOException("not an array");
      }
      List<String> out = new ArrayList<>();
      n.forEach(e -> out.add(e.asText()));
      if (out.size() > max) {
        throw EcsException.invalid(name, "at most " + max + " values");
      }
      return Optional.of(out);
    } catch (IOException e) {
      throw EcsException.badRequest("InvalidParameter." + name,
          "The specified parameter \"" + name + "\" is not a JSON array of strings, e.g. [\"i-1\",\"i-2\"].");
    }
  }

  /** {@code Tag.N.Key} / {@code Tag.N.Value} pairs in order. */
  public Map<String, String> tags(int max) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int n = 1; n <= max + 1; n++) {
      Optional<String> k = get("Tag." + n + ".Key");
      if (k.isEmpty()) {
        if (values.containsKey("Tag." + n + ".Value")) {
          throw EcsException.missing("Tag." + n + ".Key");
        }
        break;
      }
      if (n > max) {
        throw EcsException.badRequest("InvalidTagCount", "At most " + max + " tags per resource.");
      }
      String v = values.getOrDefault("Tag." + n + ".Value", "");
      if (!io.ecsbox.common.Validation.tagKey(k.get())) {
        throw EcsException.badRequest("InvalidTagKey.Malformed", "The specified Tag." + n + ".Key is not valid.");
      }
      if (!io.ecsbox.common.Validation.tagValue(v)) {
        throw EcsException.badRequest("InvalidTagValue.Malformed", "The specified Tag." + n + ".Value is not valid.");
      }
      out.put(k.get(), v);
    }
    return out;
  }
}
