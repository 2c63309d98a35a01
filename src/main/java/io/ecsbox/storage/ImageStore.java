package io.ecsbox.storage;

import io.ecsbox.tag.TagStore;

import io.ecsbox.store.Database;
import java.time.Clock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Rows of the {@code images} table and its {@code image_shares}. A deleted image keeps its row
 * ({@code deleted = 1}) until nothing uses its file; {@link #find} and {@link #all} never
 * return such rows. Also answers which instances, disks and layers still use an image.
 */
public final class ImageStore {
  private static final String COLS =
      "image_id, account_id, owner_alias, name, description, status, progress, os_type, os_name,"
          + " platform, architecture, format, size_gib, file, sha256, source, error,"
          + " supports_cloudinit, created";
  private static final String SET_ALL = "account_id = excluded.account_id, owner_alias = excluded.owner_alias,"
      + " name = excluded.name, description = excluded.description, status = excluded.status,"
      + " progress = excluded.progress, os_type = excluded.os_type, os_name = excluded.os_name,"
      + " platform = excluded.platform, architecture = excluded.architecture, format = excluded.format,"
      + " size_gib = excluded.size_gib, file = excluded.file, sha256 = excluded.sha256,"
      + " source = excluded.source, error = excluded.error,"
      + " supports_cloudinit = excluded.supports_cloudinit, created = excluded.created";

  /** One account an image is shared with. */
  public record Share(String accountId, Instant created) {}

  /** What still needs image files: backing files of layers, and images instances or disks came from. */
  public record References(Set<String> layerParents, Set<String> imagesInUse) {}

  private final Database db;
  private final Clock clock;

  public ImageStore(Database db) {
    this(db, Clock.systemUTC());
  }

  /** {@code clock} stamps the times the store records. */
  public ImageStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Inserts the row, or updates every column of it; its deleted flag and shares stay as they are. */
  public void put(Image i) {
    db.update("INSERT INTO images (" + COLS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
            + " ON CONFLICT(image_id) DO UPDATE SET " + SET_ALL,
        i.id(), i.accountId(), i.ownerAlias(), i.name(), i.description(), i.status(), i.progress(),
        i.osType(), i.osName(), i.platform(), i.architecture(), i.format(), i.sizeGiB(), i.file(),
        i.sha256(), i.source(), i.error(), i.supportsCloudinit() ? 1 : 0, i.created().toString());
  }

  /** The image unless it is deleted. */
  public Optional<Image> find(String id) {
    return db.query("SELECT " + COLS + " FROM images WHERE image_id = ? AND deleted = 0", ImageStore::row, id)
        .stream().findFirst();
  }

  /** The image, deleted or not. */
  public Optional<Image> findIncludingDeleted(String id) {
    return db.query("SELECT " + COLS + " FROM images WHERE image_id = ?", ImageStore::row, id).stream().findFirst();
  }

  /** Every image that is not deleted. */
  public List<Image> all() {
    return db.query("SELECT " + COLS + " FROM images WHERE deleted = 0 ORDER BY owner_alias DESC, created, image_id",
        ImageStore::row);
  }

  /** The deleted images whose rows are still kept. */
  public List<Image> deleted() {
    return db.query("SELECT " + COLS + " FROM images WHERE deleted = 1 ORDER BY created, image_id", ImageStore::row);
  }

  /** Records what a captured image was made from (CreateImage). */
  public void setOrigin(String id, String snapshotId, String instanceId) {
    db.update("UPDATE images SET source_snapshot_id = ?, source_instance_id = ? WHERE image_id = ?",
        snapshotId, instanceId, id);
  }

  public void setProgress(String id, int progress) {
    db.update("UPDATE images SET progress = ? WHERE image_id = ?", progress, id);
  }

  /** Sets the name and/or description; null leaves a field as it is. */
  public void updateAttributes(String id, String name, String description) {
    db.update("UPDATE images SET name = COALESCE(?, name), description = COALESCE(?, description)"
        + " WHERE image_id = ?", name, description, id);
  }

  /** Hides the image from the API and ends its shares; the row stays for the garbage collector. */
  public void markDeleted(String id) {
    db.tx(c -> {
      TagStore.deleteOf(c, id);
      Database.update(c, "UPDATE images SET deleted = 1 WHERE image_id = ?", id);
      return Database.update(c, "DELETE FROM image_shares WHERE image_id = ?", id);
    });
  }

  /** Brings back a deleted image (a system image whose manifest came back). */
  public void undelete(String id) {
    db.update("UPDATE images SET deleted = 0 WHERE image_id = ?", id);
  }

  /** Removes the row and its shares for good. */
  public void delete(String id) {
    db.tx(c -> {
      Database.update(c, "DELETE FROM image_shares WHERE image_id = ?", id);
      return Database.update(c, "DELETE FROM images WHERE image_id = ?", id);
    });
  }

  // ---- sharing

  public List<Share> shares(String imageId) {
    return db.query("SELECT account_id, created FROM image_shares WHERE image_id = ? ORDER BY created, account_id",
        rs -> new Share(rs.getString(1), Instant.parse(rs.getString(2))), imageId);
  }

  /** Ids of the images shared with {@code accountId}. */
  public Set<String> sharedWith(String accountId) {
    return new HashSet<>(db.query("SELECT image_id FROM image_shares WHERE account_id = ?",
        rs -> rs.getString(1), accountId));
  }

  /** Ids of the images shared with anyone. */
  public Set<String> sharedImages() {
    return new HashSet<>(db.query("SELECT DISTINCT image_id FROM image_shares", rs -> rs.getString(1)));
  }

  public boolean isSharedWith(String imageId, String accountId) {
    return !db.query("SELECT 1 FROM image_shares WHERE image_id = ? AND account_id = ?", rs -> 1, imageId, accountId)
        .isEmpty();
  }

  /**
   * Adds and removes accounts in one transaction. Returns false, changing nothing, when the
   * image would then be shared with more than {@code max} accounts.
   */
  public boolean modifyShares(String imageId, Collection<String> add, Collection<String> remove, int max) {
    return db.tx(c -> {
      Set<String> after = new LinkedHashSet<>(Database.query(c,
          "SELECT account_id FROM image_shares WHERE image_id = ?", rs -> rs.getString(1), imageId));
      after.addAll(add);
      after.removeAll(remove);
      if (after.size() > max) {
        return false;
      }
      String now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
      for (String a : remove) {
        Database.update(c, "DELETE FROM image_shares WHERE image_id = ? AND account_id = ?", imageId, a);
      }
      for (String a : add) {
        Database.update(c, "INSERT OR IGNORE INTO image_shares (image_id, account_id, created) VALUES (?,?,?)",
            imageId, a, now);
      }
      return true;
    });
  }

  public boolean accountExists(String accountId) {
    return !db.query("SELECT 1 FROM accounts WHERE account_id = ?", rs -> 1, accountId).isEmpty();
  }

  // ---- who uses an image

  /** Instances and disks (not being deleted) made from the image: what DeleteImage refuses on. */
  public List<String> users(String imageId) {
    return db.tx(c -> {
      List<String> ids = new java.util.ArrayList<>(Database.query(c,
          "SELECT instance_id FROM instances WHERE image_id = ? AND deleting = 0 ORDER BY instance_id",
          rs -> rs.getString(1), imageId));
      ids.addAll(Database.query(c, "SELECT disk_id FROM disks WHERE image_id = ? AND deleting = 0"
          + " AND (instance_id IS NULL OR instance_id NOT IN (SELECT instance_id FROM instances"
          + " WHERE image_id = ? AND deleting = 0)) ORDER BY disk_id", rs -> rs.getString(1), imageId, imageId));
      return ids;
    });
  }

  /** True when an instance or disk of {@code accountId} was made from the image (even one being deleted). */
  public boolean usedBy(String accountId, String imageId) {
    return !db.query("SELECT 1 FROM instances WHERE image_id = ? AND account_id = ?"
        + " UNION ALL SELECT 1 FROM disks WHERE image_id = ? AND account_id = ? LIMIT 1",
        rs -> 1, imageId, accountId, imageId, accountId).isEmpty();
  }

  /** One consistent view of everything that keeps image files alive. */
  public References references() {
    return db.tx(c -> new References(
        strings(c, "SELECT DISTINCT parent FROM layers WHERE parent IS NOT NULL"),
        strings(c, "SELECT image_id FROM instances UNION SELECT image_id FROM disks WHERE image_id IS NOT NULL")));
  }

  private static Set<String> strings(Connection c, String sql) throws SQLException {
    return new HashSet<>(Database.query(c, sql, rs -> rs.getString(1)));
  }

  private static Image row(ResultSet rs) throws SQLException {
    return new Image(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
        rs.getString(5), rs.getString(6), rs.getInt(7), rs.getString(8), rs.getString(9),
        rs.getString(10), rs.getString(11), rs.getString(12), rs.getInt(13), rs.getString(14),
        rs.getString(15), rs.getString(16), rs.getString(17), rs.getInt(18) == 1,
        Instant.parse(rs.getString(19)));
  }
}
