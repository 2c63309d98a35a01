package io.ecsbox.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The daemon's state: one SQLite file (WAL mode) with a versioned schema. One connection,
 * used under this object's lock: SQLite has one writer anyway, and our transactions are
 * short. {@link #tx} runs a unit of work atomically.
 */
public final class Database implements AutoCloseable {
  private final Connection conn;

  /** A unit of work inside a transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Maps one result row. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private Database(Connection conn) {
    this.conn = conn;
  }

  /** Opens (creating if needed) the database at {@code file} and migrates its schema. */
  public static Database open(Path file) {
    try {
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement s = c.createStatement()) {
        // Before anything writes: journal_mode=WAL rewrites the header of a store in rollback mode,
        // and a store a newer ecsbox wrote is left untouched.
        try (var rs = s.executeQuery("PRAGMA user_version")) {
          Schema.refuseNewer(rs.getInt(1), file);
        } catch (RuntimeException e) {
          c.close();
          throw e;
        }
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=NORMAL");
        s.execute("PRAGMA foreign_keys=ON");
        s.execute("PRAGMA busy_timeout=5000");
      }
      Database db = new Database(c);
      try {
        Schema.migrate(db, file);
      } catch (RuntimeException e) {
        db.close();
        throw e;
      }
      return db;
    } catch (SQLException e) {
      throw new StoreException("cannot open database " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
   * A {@code tx} inside another on the same thread joins the outer one (a service that opens
   * its own transaction may be called from inside another's), so only the outermost commits.
   */
  private boolean inTx; // guarded by this; only the thread in tx sees it true

  public synchronized <T> T tx(Work<T> work) {
    if (inTx) {
      try {
        return work.run(conn);
      } catch (SQLException e) {
        throw new StoreException(e.getMessage(), e);
      }
    }
    inTx = true;
    try {
      conn.setAutoCommit(false);
      try {
        T result = work.run(conn);
        conn.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        conn.rollback();
        throw e;
      } finally {
        conn.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException(e.getMessage(), e);
    } finally {
      inTx = false;
    }
  }

  /** Runs one statement with positional arguments; returns the update count. */
  public int update(String sql, Object... args) {
    return tx(c -> update(c, sql, args));
  }

  public static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      return ps.executeUpdate();
    }
  }

  public <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
    return tx(c -> query(c, sql, mapper, args));
  }

  public static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... args)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(mapper.map(rs));
        }
        return out;
      }
    }
  }

  private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      ps.setObject(i + 1, args[i]);
    }
  }

  @Override
  public synchronized void close() {
    try {
      conn.close();
    } catch (SQLException e) {
      throw new StoreException(e.getMessage(), e);
    }
  }
}
