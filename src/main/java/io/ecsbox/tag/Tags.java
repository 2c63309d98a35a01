package io.ecsbox.tag;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The tag rules, without storage: merging, removing, matching a filter. */
public final class Tags {
  /** ECS: one resource carries at most 20 tags. */
  public static final int MAX_PER_RESOURCE = 20;

  private Tags() {}

  /**
   * The tags of resource {@code id} after {@code add}: a key it has gets the new value.
   *
   * @throws io.ecsbox.common.ServiceException TOO_MANY_TAGS past {@link #MAX_PER_RESOURCE}
   */
  public static Map<String, String> merge(String id, Map<String, String> have, Map<String, String> add) {
    Map<String, String> out = new LinkedHashMap<>(have);
    out.putAll(add);
    if (out.size() > MAX_PER_RESOURCE) {
      throw TagError.tooMany(id, out.size());
    }
    return out;
  }

  /** The tags without {@code keys}. */
  public static Map<String, String> remove(Map<String, String> have, Collection<String> keys) {
    Map<String, String> out = new LinkedHashMap<>(have);
    out.keySet().removeAll(keys);
    return out;
  }

  /** Whether {@code have} has every key of {@code want}, with its value where the filter gives one. */
  public static boolean matches(Map<String, String> have, Map<String, String> want) {
    for (Map.Entry<String, String> w : want.entrySet()) {
      String v = have.get(w.getKey());
      if (v == null || !w.getValue().isEmpty() && !w.getValue().equals(v)) {
        return false;
      }
    }
    return true;
  }
}
