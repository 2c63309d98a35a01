package io.ecsbox.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** ClientToken records: (account, action, token) → the hash of the parameters and the result. */
public final class ClientTokenStore {
  /** A remembered call. */
  public record Entry(String paramsHash, String result) {}

  private ClientTokenStore() {}

  public static Optional<Entry> find(Connection c, String account, String action, String token) throws SQLException {
    List<Entry> l = Database.query(c,
        "SELECT params_hash, result FROM client_tokens WHERE account_id = ? AND action = ? AND token = ?",
        rs -> new Entry(rs.getString(1), rs.getString(2)), account, action, token);
    return l.stream().findFirst();
  }

  public static void put(Connection c, String account, String action, String token, String paramsHash, String result,
      Instant now) throws SQLException {
    Database.update(c, "INSERT INTO client_tokens (account_id, action, token, params_hash, result, created)"
        + " VALUES (?,?,?,?,?,?)", account, action, token, paramsHash, result, now.toString());
  }
}
