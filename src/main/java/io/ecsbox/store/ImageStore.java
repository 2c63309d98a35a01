package io.ecsbox.store;

import io.ecsbox.storage.Image;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Rows of the {@code images} table. */
public final class ImageStore {
  private static final String COLS =
      "image_id, account_id, owner_alias, name, description, status, progress, os_type, os_name,"
          + " platform, architecture, format, size_gib, file, sha256, source, error,"
          + " supports_cloudinit, created";

  private final Database db;

  public ImageStore(Database db) {
    this.db = db;
  }

  /** Inserts or replaces the image row. */
  public void put(Image i) {
    db.update("INSERT OR REPLACE INTO images (" + COLS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        i.id(), i.accountId(), i.ownerAlias(), i.name(), i.description(), i.status(), i.progress(),
        i.osType(), i.osName(), i.platform(), i.architecture(), i.format(), i.sizeGiB(), i.file(),
        i.sha256(), i.source(), i.error(), i.supportsCloudinit() ? 1 : 0, i.created().toString());
  }

  public Optional<Image> find(String id) {
    List<Image> l = db.query("SELECT " + COLS + " FROM images WHERE image_id = ?", ImageStore::row, id);
    return l.stream().findFirst();
  }

  public List<Image> all() {
    return db.query("SELECT " + COLS + " FROM images ORDER BY owner_alias DESC, created, image_id",
        ImageStore::row);
  }

  public void setProgress(String id, int progress) {
    db.update("UPDATE images SET progress = ? WHERE image_id = ?", progress, id);
  }

  public void delete(String id) {
    db.update("DELETE FROM images WHERE image_id = ?", id);
  }

  private static Image row(ResultSet rs) throws SQLException {
    return new Image(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
        rs.getString(5), rs.getString(6), rs.getInt(7), rs.getString(8), rs.getString(9),
        rs.getString(10), rs.getString(11), rs.getString(12), rs.getInt(13), rs.getString(14),
        rs.getString(15), rs.getString(16), rs.getString(17), rs.getInt(18) == 1,
        Instant.parse(rs.getString(19)));
  }
}
