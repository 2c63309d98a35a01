package io.ecsbox.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Accounts and their AccessKeys. */
public final class AccountStore {
  /** An AccessKey pair and the account it belongs to. */
  public record AccessKey(String accessKeyId, String secret, String accountId) {}

  private final Database db;

  public AccountStore(Database db) {
    this.db = db;
  }

  public boolean isEmpty() {
    return db.query("SELECT COUNT(*) FROM accounts", rs -> rs.getInt(1)).get(0) == 0;
  }

  /** Creates the account and its first key in one transaction. */
  public void create(String accountId, String name, AccessKey key) {
    String now = Instant.now().toString();
    db.tx(c -> {
      Database.update(c, "INSERT INTO accounts (account_id, name, created) VALUES (?,?,?)", accountId, name, now);
      Database.update(c, "INSERT INTO access_keys (access_key_id, secret, account_id, created) VALUES (?,?,?,?)",
          key.accessKeyId(), key.secret(), accountId, now);
      return null;
    });
  }

  public Optional<AccessKey> key(String accessKeyId) {
    List<AccessKey> l = db.query("SELECT access_key_id, secret, account_id FROM access_keys WHERE access_key_id = ?",
        rs -> new AccessKey(rs.getString(1), rs.getString(2), rs.getString(3)), accessKeyId);
    return l.stream().findFirst();
  }

  public Optional<AccessKey> firstKey(String accountId) {
    List<AccessKey> l = db.query(
        "SELECT access_key_id, secret, account_id FROM access_keys WHERE account_id = ? ORDER BY created LIMIT 1",
        rs -> new AccessKey(rs.getString(1), rs.getString(2), rs.getString(3)), accountId);
    return l.stream().findFirst();
  }
}
