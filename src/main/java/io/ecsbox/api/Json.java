package io.ecsbox.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Map;

/** Builders for ECS response JSON: lists always inside a one-key wrapper object. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DateTimeFormatter MINUTES =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Adds {@code "wrapper":{"item":[...]}} to parent and returns the array to fill. */
  public static ArrayNode list(ObjectNode parent, String wrapper, String item) {
    return parent.putObject(wrapper).putArray(item);
  }

  /** Adds {@code "wrapper":{"item":["a","b"]}}. */
  public static void strings(ObjectNode parent, String wrapper, String item, Collection<String> values) {
    ArrayNode a = list(parent, wrapper, item);
    values.forEach(a::add);
  }

  public static void tags(ObjectNode parent, Map<String, String> tags) {
    ArrayNode a = list(parent, "Tags", "Tag");
    tags.forEach((k, v) -> a.addObject().put("TagKey", k).put("TagValue", v));
  }

  /** Instance times are minute precision (ECS §5.4). */
  public static String minutes(Instant t) {
    return t == null ? "" : MINUTES.format(t);
  }

  public static String seconds(Instant t) {
    return t == null ? "" : SECONDS.format(t);
  }

  /** PageNumber/PageSize/TotalCount echoed as integers. */
  public static void paging(ObjectNode o, Page<?> p) {
    o.put("TotalCount", p.total()).put("PageNumber", p.number()).put("PageSize", p.size());
  }
}
