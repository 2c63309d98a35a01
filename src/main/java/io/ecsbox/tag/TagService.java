package io.ecsbox.tag;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tags on every taggable resource, per account: a caller tags, untags and lists only the
 * resources of its own account; an id of another account's resource is not found. A call that
 * is refused changes nothing.
 */
public final class TagService {
  /** The ids of one account's resources of one type. */
  @FunctionalInterface
  public interface Owned {
    Collection<String> ids(String accountId);
  }

  /** One tag of one resource, as ListTagResources answers it. */
  public record Tagged(String resourceId, ResourceType type, String key, String value) {}

  private final TagStore store;
  private final Map<ResourceType, Owned> owners;

  /** @param owners how to find each type's resources; a type without an entry is not taggable */
  public TagService(TagStore store, Map<ResourceType, Owned> owners) {
    this.store = store;
    this.owners = new EnumMap<>(owners);
  }

  /** The type named {@code name}, or TagError.RESOURCE_TYPE_NOT_FOUND. */
  public ResourceType type(String name) {
    return ResourceType.parse(name).filter(owners::containsKey).orElseThrow(() -> TagError.typeNotFound(name));
  }

  /** The tags of one resource (empty when it has none). */
  public Map<String, String> of(String id) {
    return store.of(id);
  }

  /** Adds {@code tags} to every resource, overwriting the value of a key it has; all or nothing. */
  public void tag(String accountId, ResourceType type, List<String> ids, Map<String, String> tags) {
    requireOwned(accountId, type, ids);
    Map<String, Map<String, String>> now = store.of(ids);
    Map<String, Map<String, String>> next = new LinkedHashMap<>();
    for (String id : ids) {
      next.put(id, Tags.merge(id, now.getOrDefault(id, Map.of()), tags));
    }
    store.replace(next);
  }

  /** Removes {@code keys} (every tag when {@code all}) from every resource. */
  public void untag(String accountId, ResourceType type, List<String> ids, List<String> keys, boolean all) {
    requireOwned(accountId, type, ids);
    Map<String, Map<String, String>> now = store.of(ids);
    Map<String, Map<String, String>> next = new LinkedHashMap<>();
    for (String id : ids) {
      Map<String, String> have = now.getOrDefault(id, Map.of());
      next.put(id, all ? Map.of() : Tags.remove(have, keys));
    }
    store.replace(next);
  }

  /**
   * The tags of {@code ids} (every resource of the type in the account when empty) whose
   * resource matches every tag of {@code filter} (a key with an empty value: any value).
   */
  public List<Tagged> list(String accountId, ResourceType type, List<String> ids, Map<String, String> filter) {
    Collection<String> scope = ids.isEmpty() ? owners.get(type).ids(accountId) : requireOwned(accountId, type, ids);
    List<Tagged> out = new ArrayList<>();
    store.of(scope).forEach((id, tags) -> {
      if (Tags.matches(tags, filter)) {
        tags.forEach((k, v) -> out.add(new Tagged(id, type, k, v)));
      }
    });
    return out;
  }

  private List<String> requireOwned(String accountId, ResourceType type, List<String> ids) {
    Set<String> own = new HashSet<>(owners.get(type).ids(accountId));
    for (String id : ids) {
      if (!own.contains(id)) {
        throw TagError.resourceNotFound(type, id);
      }
    }
    return ids;
  }
}
