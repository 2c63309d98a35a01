package io.ecsbox.account;

import io.ecsbox.store.Database;
import io.ecsbox.common.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Accounts and their AccessKeys. The first account ever created (the daemon's bootstrap
 * admin, see {@code daemon/Credentials}) is the admin account.
 */
public final class AccountStore {
  private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  /** An AccessKey pair and the account it belongs to. */
  public record AccessKey(String accessKeyId, String secret, String accountId) {
    /** A new random key for {@code accountId}, shaped like Alibaba Cloud's (LTAI…, 30-character secret). */
    public static AccessKey generate(String accountId) {
      return new AccessKey("LTAI" + Ids.random(20, ALNUM), Ids.random(30, ALNUM), accountId);
    }
  }

  /** An account as listed: its keys counted, never their secrets. */
  public record Account(String accountId, String name, Instant created, int accessKeys) {}

  /** An AccessKey as listed, without its secret. */
  public record KeyInfo(String accessKeyId, String accountId, Instant created) {}

  private final Database db;
  private final Clock clock;

  public AccountStore(Database db) {
    this(db, Clock.systemUTC());
  }

  /** {@code clock} stamps the times the store records. */
  public AccountStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** A new account id: 16 digits, like Alibaba Cloud's. */
  public static String newAccountId() {
    return "1" + Ids.random(15, "0123456789");
  }

  public boolean isEmpty() {
    return db.query("SELECT COUNT(*) FROM accounts", rs -> rs.getInt(1)).get(0) == 0;
  }

  /** Creates the account and its first key in one transaction. */
  public void create(String accountId, String name, AccessKey key) {
    String now = now();
    db.tx(c -> {
      Database.update(c, "INSERT INTO accounts (account_id, name, created) VALUES (?,?,?)", accountId, name, now);
      Database.update(c, "INSERT INTO access_keys (access_key_id, secret, account_id, created) VALUES (?,?,?,?)",
          key.accessKeyId(), key.secret(), accountId, now);
      return null;
    });
  }

  /** Like {@link #create}, but only when no account has {@code name} yet; false (nothing made) otherwise. */
  public boolean createIfNameFree(String accountId, String name, AccessKey key) {
    String now = now();
    return db.tx(c -> {
      if (!Database.query(c, "SELECT 1 FROM accounts WHERE name = ?", rs -> 1, name).isEmpty()) {
        return false;
      }
      Database.update(c, "INSERT INTO accounts (account_id, name, created) VALUES (?,?,?)", accountId, name, now);
      Database.update(c, "INSERT INTO access_keys (access_key_id, secret, account_id, created) VALUES (?,?,?,?)",
          key.accessKeyId(), key.secret(), accountId, now);
      return true;
    });
  }

  /** The bootstrap admin: the account created first; empty before the daemon's first start. */
  public Optional<String> adminAccountId() {
    return db.query("SELECT account_id FROM accounts ORDER BY rowid LIMIT 1", rs -> rs.getString(1))
        .stream().findFirst();
  }

  /** Every account, oldest first. */
  public List<Account> all() {
    return db.query("SELECT a.account_id, a.name, a.created, COUNT(k.access_key_id) FROM accounts a"
        + " LEFT JOIN access_keys k ON k.account_id = a.account_id GROUP BY a.account_id ORDER BY a.rowid",
        rs -> new Account(rs.getString(1), rs.getString(2), Instant.parse(rs.getString(3)), rs.getInt(4)));
  }

  public Optional<Account> find(String accountId) {
    return all().stream().filter(a -> a.accountId().equals(accountId)).findFirst();
  }

  public void addKey(AccessKey key) {
    db.update("INSERT INTO access_keys (access_key_id, secret, account_id, created) VALUES (?,?,?,?)",
        key.accessKeyId(), key.secret(), key.accountId(), now());
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

  /** The account's keys without their secrets, oldest first. */
  public List<KeyInfo> keys(String accountId) {
    return db.query("SELECT access_key_id, account_id, created FROM access_keys WHERE account_id = ?"
        + " ORDER BY created, access_key_id",
        rs -> new KeyInfo(rs.getString(1), rs.getString(2), Instant.parse(rs.getString(3))), accountId);
  }

  /**
   * Deletes the key unless it is the last one of {@code keepOneFor} (the admin must keep a way
   * in). Returns false when it refused; deleting a missing key is not an error here.
   */
  public boolean deleteKey(String accessKeyId, String keepOneFor) {
    return db.tx(c -> {
      int left = Database.query(c, "SELECT COUNT(*) FROM access_keys WHERE account_id = ?"
          + " AND access_key_id <> ?", rs -> rs.getInt(1), keepOneFor, accessKeyId).get(0);
      boolean isTheirs = !Database.query(c, "SELECT 1 FROM access_keys WHERE access_key_id = ? AND account_id = ?",
          rs -> 1, accessKeyId, keepOneFor).isEmpty();
      if (isTheirs && left == 0) {
        return false;
      }
      Database.update(c, "DELETE FROM access_keys WHERE access_key_id = ?", accessKeyId);
      return true;
    });
  }

  private String now() {
    return clock.instant().toString();
  }
}
