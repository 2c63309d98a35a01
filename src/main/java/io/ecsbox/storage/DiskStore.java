package io.ecsbox.storage;

import io.ecsbox.tag.TagStore;

import io.ecsbox.store.Database;
import java.time.Clock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Rows of the {@code disks} table and the {@code layers} tree of their qcow2 files. */
public final class DiskStore {
  static final String COLS = "disk_id, account_id, zone_id, name, description, type, category,"
      + " performance_level, size_gib, status, instance_id, device, image_id, source_snapshot_id,"
      + " delete_with_instance, delete_auto_snapshot, enable_auto_snapshot, auto_snapshot_policy_id,"
      + " portable, file, created, attached, detached, deleting";

  /** One qcow2 file: {@code parent} is its backing file (relative or absolute), null for none. */
  public record Layer(String file, String parent, String diskId) {}

  private final Database db;
  private final Clock clock;

  public DiskStore(Database db) {
    this(db, Clock.systemUTC());
  }

  /** {@code clock} stamps the times the store records. */
  public DiskStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  public Database db() {
    return db;
  }

  public static void insert(Connection c, Disk d) throws SQLException {
    Database.update(c, "INSERT INTO disks (" + COLS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        d.id(), d.accountId(), d.zoneId(), d.name(), d.description(), d.type(), d.category(),
        d.performanceLevel(), d.sizeGiB(), d.status().name(), d.instanceId(), d.device(), d.imageId(),
        d.sourceSnapshotId(), b(d.deleteWithInstance()), b(d.deleteAutoSnapshot()), b(d.enableAutoSnapshot()),
        d.autoSnapshotPolicyId(), b(d.portable()), d.file(), d.created().toString(), str(d.attached()),
        str(d.detached()), b(d.deleting()));
  }

  public Optional<Disk> find(String id) {
    return db.tx(c -> find(c, id));
  }

  public static Optional<Disk> find(Connection c, String id) throws SQLException {
    return Database.query(c, "SELECT " + COLS + " FROM disks WHERE disk_id = ?", DiskStore::row, id)
        .stream().findFirst();
  }

  /** Every disk, the ones being deleted included, oldest first. */
  public List<Disk> all() {
    return db.query("SELECT " + COLS + " FROM disks ORDER BY created, disk_id", DiskStore::row);
  }

  /** The disks attached (or attaching) to an instance, system disk first, then by device. */
  public static List<Disk> ofInstance(Connection c, String instanceId) throws SQLException {
    return Database.query(c, "SELECT " + COLS + " FROM disks WHERE instance_id = ? AND deleting = 0"
        + " ORDER BY device", DiskStore::row, instanceId);
  }

  public List<Disk> ofInstance(String instanceId) {
    return db.tx(c -> ofInstance(c, instanceId));
  }

  public void setStatus(String id, DiskStatus s) {
    db.update("UPDATE disks SET status = ? WHERE disk_id = ?", s.name(), id);
  }

  /**
   * Moves the status from one of {@code from} to {@code to}; false (and no change) when the
   * disk is gone, being deleted or in another state.
   */
  public static boolean transition(Connection c, String id, Collection<DiskStatus> from, DiskStatus to)
      throws SQLException {
    List<String> cur = Database.query(c, "SELECT status FROM disks WHERE disk_id = ? AND deleting = 0",
        rs -> rs.getString(1), id);
    if (cur.isEmpty() || !from.contains(DiskStatus.valueOf(cur.get(0)))) {
      return false;
    }
    Database.update(c, "UPDATE disks SET status = ? WHERE disk_id = ?", to.name(), id);
    return true;
  }

  public static void attach(Connection c, String id, String instanceId, String device, boolean deleteWithInstance,
      Instant now) throws SQLException {
    Database.update(c, "UPDATE disks SET status = 'Attaching', instance_id = ?, device = ?,"
        + " delete_with_instance = ?, attached = ? WHERE disk_id = ?", instanceId, device,
        b(deleteWithInstance), now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), id);
  }

  /** Back to Available and unattached; DeleteWithInstance becomes false, as ECS does. */
  public void detached(String id) {
    db.update("UPDATE disks SET status = 'Available', instance_id = NULL, device = NULL,"
        + " delete_with_instance = 0, detached = ? WHERE disk_id = ?",
        clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), id);
  }

  public static void setFile(Connection c, String id, String file) throws SQLException {
    Database.update(c, "UPDATE disks SET file = ? WHERE disk_id = ?", file, id);
  }

  public static void setSize(Connection c, String id, int sizeGiB) throws SQLException {
    Database.update(c, "UPDATE disks SET size_gib = ? WHERE disk_id = ?", sizeGiB, id);
  }

  /** Updates user-editable attributes; null leaves a field as it is. */
  public void updateAttributes(String id, String name, String description, Boolean deleteWithInstance,
      Boolean deleteAutoSnapshot) {
    db.update("UPDATE disks SET name = COALESCE(?, name), description = COALESCE(?, description),"
        + " delete_with_instance = COALESCE(?, delete_with_instance),"
        + " delete_auto_snapshot = COALESCE(?, delete_auto_snapshot) WHERE disk_id = ?",
        name, description, deleteWithInstance == null ? null : b(deleteWithInstance),
        deleteAutoSnapshot == null ? null : b(deleteAutoSnapshot), id);
  }

  public static void markDeleting(Connection c, String id) throws SQLException {
    Database.update(c, "UPDATE disks SET deleting = 1 WHERE disk_id = ?", id);
  }

  public static void delete(Connection c, String id) throws SQLException {
    Database.update(c, "DELETE FROM tags WHERE resource_id = ?", id);
    TagStore.deleteOf(c, id);
    Database.update(c, "DELETE FROM disks WHERE disk_id = ?", id);
  }

  /** Sum of the sizes of every disk not being deleted, in GiB (thin: what was promised). */
  public static long provisionedGiB(Connection c) throws SQLException {
    return Database.query(c, "SELECT COALESCE(SUM(size_gib), 0) FROM disks WHERE deleting = 0",
        rs -> rs.getLong(1)).get(0);
  }

  // ---- layers

  public static void insertLayer(Connection c, Layer l, Instant now) throws SQLException {
    Database.update(c, "INSERT OR REPLACE INTO layers (file, parent, disk_id, created) VALUES (?,?,?,?)",
        l.file(), l.parent(), l.diskId(), now.toString());
  }

  public static Optional<Layer> layer(Connection c, String file) throws SQLException {
    return Database.query(c, "SELECT file, parent, disk_id FROM layers WHERE file = ?", DiskStore::layerRow, file)
        .stream().findFirst();
  }

  public static List<Layer> children(Connection c, String file) throws SQLException {
    return Database.query(c, "SELECT file, parent, disk_id FROM layers WHERE parent = ? ORDER BY created",
        DiskStore::layerRow, file);
  }

  public static void setParent(Connection c, String file, String parent) throws SQLException {
    Database.update(c, "UPDATE layers SET parent = ? WHERE file = ?", parent, file);
  }

  public static void deleteLayer(Connection c, String file) throws SQLException {
    Database.update(c, "DELETE FROM layers WHERE file = ?", file);
  }

  /**
   * Removes, in the caller's transaction, the layer row of {@code file} when nothing needs it
   * (no child layer, no disk's active layer, no live snapshot), then the same for its parent,
   * and so on up the chain. Returns the files whose rows went: the caller deletes them after
   * the commit.
   */
  public static List<String> releaseUnused(Connection c, String file) throws SQLException {
    List<String> out = new java.util.ArrayList<>();
    String f = file;
    while (f != null) {
      Optional<Layer> l = layer(c, f);
      if (l.isEmpty() || needed(c, f)) {
        break;
      }
      deleteLayer(c, f);
      out.add(f);
      f = l.get().parent();
    }
    return out;
  }

  /** True while a child layer, a disk's active layer or a snapshot (not a failed one) is this file. */
  private static boolean needed(Connection c, String file) throws SQLException {
    return !children(c, file).isEmpty()
        || !Database.query(c, "SELECT 1 FROM disks WHERE file = ?", rs -> 1, file).isEmpty()
        || !Database.query(c, "SELECT 1 FROM snapshots WHERE file = ? AND status <> 'failed'", rs -> 1, file)
            .isEmpty();
  }

  public List<Layer> layers() {
    return db.query("SELECT file, parent, disk_id FROM layers ORDER BY created", DiskStore::layerRow);
  }

  private static Layer layerRow(ResultSet rs) throws SQLException {
    return new Layer(rs.getString(1), rs.getString(2), rs.getString(3));
  }

  static Disk row(ResultSet rs) throws SQLException {
    return new Disk(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9), DiskStatus.valueOf(rs.getString(10)),
        rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14), rs.getInt(15) == 1,
        rs.getInt(16) == 1, rs.getInt(17) == 1, rs.getString(18), rs.getInt(19) == 1, rs.getString(20),
        Instant.parse(rs.getString(21)), inst(rs.getString(22)), inst(rs.getString(23)), rs.getInt(24) == 1);
  }

  static Integer b(boolean v) {
    return v ? 1 : 0;
  }

  static String str(Instant i) {
    return i == null ? null : i.toString();
  }

  static Instant inst(String s) {
    return s == null ? null : Instant.parse(s);
  }
}
