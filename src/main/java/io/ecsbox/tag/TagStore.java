package io.ecsbox.tag;

import io.ecsbox.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code tags} table: one row per (resource id, key). Every resource type's ids have their
 * own prefix (i-, d-, s-, m-, sg-, eni-, vpc-, vsw-, eip-, kp-), so the id alone names the resource;
 * the owner's store deletes a resource's tags with the resource ({@link #deleteOf}).
 */
public final class TagStore {
  private final Database db;

  public TagStore(Database db) {
    this.db = db;
  }

  /** The tags of each id that has any, in the order they were set. */
  public Map<String, Map<String, String>> of(Collection<String> ids) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    db.tx(c -> {
      for (String id : ids) {
        Map<String, String> t = of(c, id);
        if (!t.isEmpty()) {
          out.put(id, t);
        }
      }
      return null;
    });
    return out;
  }

  public Map<String, String> of(String id) {
    return db.tx(c -> of(c, id));
  }

  private static Map<String, String> of(Connection c, String id) throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String[] t : Database.query(c, "SELECT tag_key, tag_value FROM tags WHERE resource_id = ? ORDER BY rowid",
        rs -> new String[] {rs.getString(1), rs.getString(2)}, id)) {
      out.put(t[0], t[1]);
    }
    return out;
  }

  /** Replaces the tags of each resource in {@code tags}, all in one transaction. */
  public void replace(Map<String, Map<String, String>> tags) {
    db.tx(c -> {
      for (Map.Entry<String, Map<String, String>> e : tags.entrySet()) {
        Map<String, String> old = of(c, e.getKey());
        for (String k : old.keySet()) {
          if (!e.getValue().containsKey(k)) {
            Database.update(c, "DELETE FROM tags WHERE resource_id = ? AND tag_key = ?", e.getKey(), k);
          }
        }
        for (Map.Entry<String, String> t : e.getValue().entrySet()) {
          if (!old.containsKey(t.getKey())) {
            Database.update(c, "INSERT INTO tags (resource_id, tag_key, tag_value) VALUES (?,?,?)", e.getKey(),
                t.getKey(), t.getValue());
          } else if (!old.get(t.getKey()).equals(t.getValue())) {
            Database.update(c, "UPDATE tags SET tag_value = ? WHERE resource_id = ? AND tag_key = ?", t.getValue(),
                e.getKey(), t.getKey());
          }
        }
      }
      return null;
    });
  }

  /** Deletes every tag of resource {@code id}, in the caller's transaction (the resource's delete). */
  public static void deleteOf(Connection c, String id) throws SQLException {
    Database.update(c, "DELETE FROM tags WHERE resource_id = ?", id);
  }

  /** Inserts {@code tags} for a resource made in the caller's transaction. */
  public static void insert(Connection c, String id, Map<String, String> tags) throws SQLException {
    for (Map.Entry<String, String> t : tags.entrySet()) {
      Database.update(c, "INSERT INTO tags (resource_id, tag_key, tag_value) VALUES (?,?,?)", id, t.getKey(),
          t.getValue());
    }
  }
}
