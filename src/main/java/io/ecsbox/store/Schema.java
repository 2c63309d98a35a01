package io.ecsbox.store;

import java.sql.Statement;
import java.util.List;

/** Schema migrations, applied in order; the SQLite {@code user_version} is the applied count. */
final class Schema {
  private static final List<String> MIGRATIONS = List.of(
      """
      CREATE TABLE accounts (
        account_id TEXT PRIMARY KEY, name TEXT NOT NULL, created TEXT NOT NULL);
      CREATE TABLE access_keys (
        access_key_id TEXT PRIMARY KEY, secret TEXT NOT NULL,
        account_id TEXT NOT NULL REFERENCES accounts(account_id), created TEXT NOT NULL);
      CREATE TABLE images (
        image_id TEXT PRIMARY KEY, account_id TEXT, owner_alias TEXT NOT NULL,
        name TEXT NOT NULL, description TEXT NOT NULL DEFAULT '', status TEXT NOT NULL,
        progress INTEGER NOT NULL DEFAULT 0, os_type TEXT NOT NULL, os_name TEXT NOT NULL,
        platform TEXT NOT NULL, architecture TEXT NOT NULL, format TEXT NOT NULL,
        size_gib INTEGER NOT NULL, file TEXT, sha256 TEXT, source TEXT, error TEXT,
        supports_cloudinit INTEGER NOT NULL DEFAULT 1, created TEXT NOT NULL);
      CREATE TABLE instances (
        instance_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, name TEXT NOT NULL,
        host_name TEXT NOT NULL, description TEXT NOT NULL DEFAULT '', status TEXT NOT NULL,
        instance_type TEXT NOT NULL, vcpus INTEGER NOT NULL, memory_mib INTEGER NOT NULL,
        image_id TEXT NOT NULL, zone_id TEXT NOT NULL, system_disk_gib INTEGER NOT NULL,
        system_disk_category TEXT NOT NULL, user_data TEXT NOT NULL DEFAULT '',
        serial_number TEXT NOT NULL, created TEXT NOT NULL, started TEXT,
        deleting INTEGER NOT NULL DEFAULT 0, seq INTEGER NOT NULL DEFAULT 0);
      CREATE INDEX instances_account ON instances(account_id, created);
      CREATE TABLE tags (
        resource_id TEXT NOT NULL, tag_key TEXT NOT NULL, tag_value TEXT NOT NULL,
        PRIMARY KEY (resource_id, tag_key));
      CREATE TABLE client_tokens (
        account_id TEXT NOT NULL, action TEXT NOT NULL, token TEXT NOT NULL,
        params_hash TEXT NOT NULL, result TEXT NOT NULL, created TEXT NOT NULL,
        PRIMARY KEY (account_id, action, token));
      """);

  private Schema() {}

  static void migrate(Database db) {
    int applied = db.query("PRAGMA user_version", rs -> rs.getInt(1)).get(0);
    for (int i = applied; i < MIGRATIONS.size(); i++) {
      int version = i + 1;
      String sql = MIGRATIONS.get(i);
      db.tx(c -> {
        try (Statement s = c.createStatement()) {
          for (String stmt : sql.split(";")) {
            if (!stmt.isBlank()) {
              s.execute(stmt);
            }
          }
          s.execute("PRAGMA user_version = " + version);
        }
        return null;
      });
    }
  }
}
