package io.ecsbox.cli.common;

import io.ecsbox.client.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds ECS request parameters: skips absent values, numbers repeat lists from 1
 * ({@code InstanceId.1}, {@code Tag.1.Key}) and writes JSON-array filters.
 */
public final class Params {
  private final Map<String, String> map = new LinkedHashMap<>();

  /** Sets name=value unless value is null. */
  public Params put(String name, Object value) {
    if (value != null) {
      map.put(name, value.toString());
    }
    return this;
  }

  /** Sets name=true when flag is set; leaves it out otherwise. */
  public Params flag(String name, boolean flag) {
    if (flag) {
      map.put(name, "true");
    }
    return this;
  }

  /** {@code prefix.1=a, prefix.2=b, ...}. */
  public Params repeat(String prefix, List<String> values) {
    for (int i = 0; i < values.size(); i++) {
      map.put(prefix + "." + (i + 1), values.get(i));
    }
    return this;
  }

  /** {@code Tag.N.Key} and {@code Tag.N.Value} (the value only when the tag has one). */
  public Params tags(List<Tag> tags) {
    for (int i = 0; i < tags.size(); i++) {
      map.put("Tag." + (i + 1) + ".Key", tags.get(i).key());
      put("Tag." + (i + 1) + ".Value", tags.get(i).value());
    }
    return this;
  }

  /** name=["a","b"], the JSON-array form some ECS filters use. */
  public Params jsonArray(String name, List<String> values) {
    map.put(name, Json.array(values));
    return this;
  }

  public Map<String, String> toMap() {
    return new LinkedHashMap<>(map);
  }
}
