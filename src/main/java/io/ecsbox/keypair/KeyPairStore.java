package io.ecsbox.keypair;

import io.ecsbox.store.Database;
import io.ecsbox.tag.TagStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code key_pairs} table: one row per key pair, unique by (account, name). */
public final class KeyPairStore {
  private static final String COLS = "key_pair_id, account_id, name, fingerprint, public_key, created";
  private final Database db;

  public KeyPairStore(Database db) {
    this.db = db;
  }

  /** Every key pair of the account, by name. */
  public List<KeyPair> list(String accountId) {
    return db.query("SELECT " + COLS + " FROM key_pairs WHERE account_id = ? ORDER BY name", KeyPairStore::row,
        accountId);
  }

  public Optional<KeyPair> byName(String accountId, String name) {
    return db.tx(c -> find(c, accountId, name));
  }

  /** The account's key pair of that name, in the caller's transaction. */
  public static Optional<KeyPair> find(Connection c, String accountId, String name) throws SQLException {
    return Database.query(c, "SELECT " + COLS + " FROM key_pairs WHERE account_id = ? AND name = ?",
        KeyPairStore::row, accountId, name).stream().findFirst();
  }

  /** Inserts {@code k}; refused (NAME_TAKEN, QUOTA_EXCEEDED) when the name is taken or the account holds {@code max}. */
  public void insert(KeyPair k, int max) {
    db.tx(c -> {
      if (!Database.query(c, "SELECT 1 FROM key_pairs WHERE account_id = ? AND name = ?", rs -> 1, k.accountId(),
          k.name()).isEmpty()) {
        throw KeyPairError.taken(k.name());
      }
      int have = Database.query(c, "SELECT COUNT(*) FROM key_pairs WHERE account_id = ?", rs -> rs.getInt(1),
          k.accountId()).get(0);
      if (have >= max) {
        throw KeyPairError.quota();
      }
      Database.update(c, "INSERT INTO key_pairs (" + COLS + ") VALUES (?,?,?,?,?,?)", k.id(), k.accountId(),
          k.name(), k.fingerprint(), k.publicKey(), k.created().toString());
      return null;
    });
  }

  /**
   * Deletes every named key pair with its tags, all or nothing: an unknown name, or one bound to
   * an instance (as ECS: detach it first), deletes none.
   */
  public void delete(String accountId, List<String> names) {
    db.tx(c -> {
      for (String n : names) {
        List<String> id = Database.query(c, "SELECT key_pair_id FROM key_pairs WHERE account_id = ? AND name = ?",
            rs -> rs.getString(1), accountId, n);
        if (id.isEmpty()) {
          throw KeyPairError.notFound(n);
        }
        List<String> bound = Database.query(c, "SELECT instance_id FROM instances WHERE account_id = ?"
            + " AND key_pair_name = ? ORDER BY instance_id LIMIT 1", rs -> rs.getString(1), accountId, n);
        if (!bound.isEmpty()) {
          throw KeyPairError.inUse(n, bound.get(0));
        }
        TagStore.deleteOf(c, id.get(0));
        Database.update(c, "DELETE FROM key_pairs WHERE key_pair_id = ?", id.get(0));
      }
      return null;
    });
  }

  private static KeyPair row(ResultSet rs) throws SQLException {
    return new KeyPair(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        Instant.parse(rs.getString(6)));
  }
}
