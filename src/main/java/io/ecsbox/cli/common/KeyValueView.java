package io.ecsbox.cli.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Renders one ECS object as aligned {@code Key: value} lines. Nested objects become dotted
 * keys; ECS list wrappers of plain values ({@code {"IpAddress":["10.0.0.2"]}}) become a
 * comma-separated value; lists of objects get an index ({@code Tags.Tag[0].TagKey}).
 */
public final class KeyValueView {
  /** Keys up to this long (VpcAttributes.PrivateIpAddress and the like) have their values aligned; a longer key gets one space. */
  static final int MAX_ALIGNED_KEY = 32;

  private KeyValueView() {}

  public static String render(JsonNode node) {
    List<String[]> lines = new ArrayList<>();
    flatten("", node, lines);
    // values align after the keys, but a few long nested keys do not push every value far right
    int width = Math.min(MAX_ALIGNED_KEY, lines.stream().mapToInt(l -> l[0].length()).max().orElse(0));
    StringBuilder sb = new StringBuilder();
    for (String[] l : lines) {
      sb.append(l[0]).append(':').append(" ".repeat(Math.max(0, width - l[0].length()) + 1));
      sb.append(l[1]).append('\n');
    }
    return sb.toString();
  }

  private static void flatten(String prefix, JsonNode node, List<String[]> out) {
    if (node.isObject()) {
      JsonNode wrapped = wrappedScalars(node);
      if (wrapped != null) {
        out.add(new String[] {prefix, join(wrapped)});
        return;
      }
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
      }
    } else if (node.isArray()) {
      if (allScalars(node)) {
        out.add(new String[] {prefix, join(node)});
        return;
      }
      for (int i = 0; i < node.size(); i++) {
        flatten(prefix + "[" + i + "]", node.get(i), out);
      }
    } else {
      out.add(new String[] {prefix, node.isNull() ? "" : node.asText()});
    }
  }

  /** The array inside a one-key wrapper of plain values, or null. */
  private static JsonNode wrappedScalars(JsonNode obj) {
    if (obj.size() != 1) {
      return null;
    }
    JsonNode inner = obj.elements().next();
    return inner.isArray() && allScalars(inner) ? inner : null;
  }

  private static boolean allScalars(JsonNode arr) {
    for (JsonNode n : arr) {
      if (n.isContainerNode()) {
        return false;
      }
    }
    return true;
  }

  private static String join(JsonNode arr) {
    List<String> parts = new ArrayList<>();
    arr.forEach(n -> parts.add(n.asText()));
    return String.join(", ", parts);
  }
}
