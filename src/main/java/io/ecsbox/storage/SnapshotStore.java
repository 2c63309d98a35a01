package io.ecsbox.storage;

import io.ecsbox.tag.TagStore;

import io.ecsbox.store.Database;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Rows of the {@code snapshots} table. */
public final class SnapshotStore {
  private static final String COLS = "snapshot_id, account_id, name, description, status, disk_id, disk_type,"
      + " disk_size_gib, disk_category, instance_id, snapshot_type, policy_id, retention_days, file, next_file,"
      + " created, deleting";

  private final Database db;

  public SnapshotStore(Database db) {
    this.db = db;
  }

  public static void insert(Connection c, Snapshot s) throws SQLException {
    Database.update(c, "INSERT INTO snapshots (" + COLS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        s.id(), s.accountId(), s.name(), s.description(), s.status(), s.diskId(), s.diskType(),
        s.diskSizeGiB(), s.diskCategory(), s.instanceId(), s.type(), s.policyId(), s.retentionDays(),
        s.file(), s.nextFile(), s.created().toString(), DiskStore.b(s.deleting()));
  }

  public Optional<Snapshot> find(String id) {
    return db.tx(c -> find(c, id));
  }

  public static Optional<Snapshot> find(Connection c, String id) throws SQLException {
    return Database.query(c, "SELECT " + COLS + " FROM snapshots WHERE snapshot_id = ?", SnapshotStore::row, id)
        .stream().findFirst();
  }

  /** Every snapshot, the ones being deleted included, oldest first. */
  public List<Snapshot> all() {
    return db.query("SELECT " + COLS + " FROM snapshots ORDER BY created, rowid", SnapshotStore::row);
  }

  public static List<Snapshot> ofDisk(Connection c, String diskId) throws SQLException {
    return Database.query(c, "SELECT " + COLS + " FROM snapshots WHERE disk_id = ? AND deleting = 0"
        + " ORDER BY created, rowid", SnapshotStore::row, diskId);
  }

  /** The snapshots whose frozen layer is this file. */
  public static List<Snapshot> ofFile(Connection c, String file) throws SQLException {
    return Database.query(c, "SELECT " + COLS + " FROM snapshots WHERE file = ?", SnapshotStore::row, file);
  }

  public static void accomplished(Connection c, String id) throws SQLException {
    Database.update(c, "UPDATE snapshots SET status = 'accomplished', next_file = NULL WHERE snapshot_id = ?", id);
  }

  public static void setFile(Connection c, String id, String file) throws SQLException {
    Database.update(c, "UPDATE snapshots SET file = ? WHERE snapshot_id = ?", file, id);
  }

  public static void markDeleting(Connection c, String id) throws SQLException {
    Database.update(c, "UPDATE snapshots SET deleting = 1 WHERE snapshot_id = ?", id);
  }

  public static void delete(Connection c, String id) throws SQLException {
    Database.update(c, "DELETE FROM tags WHERE resource_id = ?", id);
    TagStore.deleteOf(c, id);
    Database.update(c, "DELETE FROM snapshots WHERE snapshot_id = ?", id);
  }

  /** Images made from the snapshot that still exist. */
  public static List<String> imagesOf(Connection c, String snapshotId) throws SQLException {
    return Database.query(c, "SELECT image_id FROM images WHERE source_snapshot_id = ? AND deleted = 0",
        rs -> rs.getString(1), snapshotId);
  }

  /** Disks created from the snapshot that still exist. */
  public static List<String> disksOf(Connection c, String snapshotId) throws SQLException {
    return Database.query(c, "SELECT disk_id FROM disks WHERE source_snapshot_id = ? AND deleting = 0",
        rs -> rs.getString(1), snapshotId);
  }

  private static Snapshot row(ResultSet rs) throws SQLException {
    int retention = rs.getInt(13);
    Integer ret = rs.wasNull() ? null : retention;
    return new Snapshot(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getString(6), rs.getString(7), rs.getInt(8), rs.getString(9), rs.getString(10), rs.getString(11),
        rs.getString(12), ret, rs.getString(14), rs.getString(15), Instant.parse(rs.getString(16)),
        rs.getInt(17) == 1);
  }
}
