package io.ecsbox.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Small helpers for reading ECS JSON answers and writing JSON output. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** The items of an ECS list, e.g. {@code list(r, "Instances", "Instance")}; empty if absent. */
  public static List<JsonNode> list(JsonNode node, String wrapper, String item) {
    List<JsonNode> out = new ArrayList<>();
    JsonNode arr = node.path(wrapper).path(item);
    arr.forEach(out::add);
    return out;
  }

  /** A field as text, or null when it is missing or JSON null. */
  public static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** A JSON array string of ids, as ECS wants for {@code InstanceIds}. */
  public static String array(List<String> values) {
    try {
      return MAPPER.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Indented JSON text ending in a newline. */
  public static String pretty(JsonNode node) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Decodes ECS Base64 text (console output, user data) as UTF-8; null or empty gives "". */
  public static String decodeBase64(String b64) {
    if (b64 == null || b64.isEmpty()) {
      return "";
    }
    return new String(Base64.getMimeDecoder().decode(b64), StandardCharsets.UTF_8);
  }
}
