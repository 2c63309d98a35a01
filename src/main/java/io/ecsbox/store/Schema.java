package io.ecsbox.store;

import java.sql.Statement;
import java.util.List;

/**
 * Schema migrations, applied in order, each in one transaction; the SQLite {@code user_version} is
 * the applied count. A migration is a list of single statements (never SQL split on ';', which
 * would cut a trigger body or a ';' in a default value).
 */
final class Schema {
  private static final List<List<String>> MIGRATIONS = List.of(
      List.of(
          """
          CREATE TABLE accounts (
            account_id TEXT PRIMARY KEY, name TEXT NOT NULL, created TEXT NOT NULL)\
          """,
          """
          CREATE TABLE access_keys (
            access_key_id TEXT PRIMARY KEY, secret TEXT NOT NULL,
            account_id TEXT NOT NULL REFERENCES accounts(account_id), created TEXT NOT NULL)\
          """,
          """
          CREATE TABLE images (
            image_id TEXT PRIMARY KEY, account_id TEXT, owner_alias TEXT NOT NULL,
            name TEXT NOT NULL, description TEXT NOT NULL DEFAULT '', status TEXT NOT NULL,
            progress INTEGER NOT NULL DEFAULT 0, os_type TEXT NOT NULL, os_name TEXT NOT NULL,
            platform TEXT NOT NULL, architecture TEXT NOT NULL, format TEXT NOT NULL,
            size_gib INTEGER NOT NULL, file TEXT, sha256 TEXT, source TEXT, error TEXT,
            supports_cloudinit INTEGER NOT NULL DEFAULT 1, created TEXT NOT NULL)\
          """,
          """
          CREATE TABLE instances (
            instance_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, name TEXT NOT NULL,
            host_name TEXT NOT NULL, description TEXT NOT NULL DEFAULT '', status TEXT NOT NULL,
            instance_type TEXT NOT NULL, vcpus INTEGER NOT NULL, memory_mib INTEGER NOT NULL,
            image_id TEXT NOT NULL, zone_id TEXT NOT NULL, system_disk_gib INTEGER NOT NULL,
            system_disk_category TEXT NOT NULL, user_data TEXT NOT NULL DEFAULT '',
            serial_number TEXT NOT NULL, created TEXT NOT NULL, started TEXT,
            deleting INTEGER NOT NULL DEFAULT 0, seq INTEGER NOT NULL DEFAULT 0)\
          """,
          "CREATE INDEX instances_account ON instances(account_id, created)",
          """
          CREATE TABLE tags (
            resource_id TEXT NOT NULL, tag_key TEXT NOT NULL, tag_value TEXT NOT NULL,
            PRIMARY KEY (resource_id, tag_key))\
          """,
          """
          CREATE TABLE client_tokens (
            account_id TEXT NOT NULL, action TEXT NOT NULL, token TEXT NOT NULL,
            params_hash TEXT NOT NULL, result TEXT NOT NULL, created TEXT NOT NULL,
            PRIMARY KEY (account_id, action, token))\
          """),
      // Storage: disks, their qcow2 layers (a tree: snapshots freeze layers), snapshots,
      // auto snapshot policies, image sharing. File paths are relative to the data dir.
      // Existing instances get their system disk row: d-<instance id suffix>.
      List.of(
          """
          CREATE TABLE disks (
            disk_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, zone_id TEXT NOT NULL,
            name TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '',
            type TEXT NOT NULL, category TEXT NOT NULL, performance_level TEXT NOT NULL DEFAULT '',
            size_gib INTEGER NOT NULL, status TEXT NOT NULL, instance_id TEXT, device TEXT,
            image_id TEXT, source_snapshot_id TEXT,
            delete_with_instance INTEGER NOT NULL, delete_auto_snapshot INTEGER NOT NULL DEFAULT 1,
            enable_auto_snapshot INTEGER NOT NULL DEFAULT 0, auto_snapshot_policy_id TEXT,
            portable INTEGER NOT NULL DEFAULT 1, file TEXT NOT NULL, created TEXT NOT NULL,
            attached TEXT, detached TEXT, deleting INTEGER NOT NULL DEFAULT 0)\
          """,
          "CREATE INDEX disks_instance ON disks(instance_id)",
          """
          CREATE TABLE layers (
            file TEXT PRIMARY KEY, parent TEXT, disk_id TEXT NOT NULL, created TEXT NOT NULL)\
          """,
          "CREATE INDEX layers_parent ON layers(parent)",
          """
          CREATE TABLE snapshots (
            snapshot_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, name TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT '', status TEXT NOT NULL, disk_id TEXT NOT NULL,
            disk_type TEXT NOT NULL, disk_size_gib INTEGER NOT NULL, disk_category TEXT NOT NULL,
            instance_id TEXT, snapshot_type TEXT NOT NULL, policy_id TEXT, retention_days INTEGER,
            file TEXT NOT NULL, next_file TEXT, created TEXT NOT NULL,
            deleting INTEGER NOT NULL DEFAULT 0)\
          """,
          "CREATE INDEX snapshots_disk ON snapshots(disk_id, created)",
          """
          CREATE TABLE auto_snapshot_policies (
            policy_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, name TEXT NOT NULL,
            time_points TEXT NOT NULL, repeat_weekdays TEXT NOT NULL, retention_days INTEGER NOT NULL,
            status TEXT NOT NULL DEFAULT 'Normal', created TEXT NOT NULL, last_run TEXT)\
          """,
          """
          CREATE TABLE image_shares (
            image_id TEXT NOT NULL, account_id TEXT NOT NULL, created TEXT NOT NULL,
            PRIMARY KEY (image_id, account_id))\
          """,
          "ALTER TABLE images ADD COLUMN source_snapshot_id TEXT",
          "ALTER TABLE images ADD COLUMN source_instance_id TEXT",
          "ALTER TABLE images ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0",
          """
          INSERT INTO disks (disk_id, account_id, zone_id, type, category, size_gib, status,
            instance_id, device, image_id, delete_with_instance, file, created, attached)
            SELECT 'd-' || substr(instance_id, 3), account_id, zone_id, 'system', system_disk_category,
            system_disk_gib, 'In_use', instance_id, '/dev/xvda', image_id, 1,
            'instances/' || instance_id || '/system.qcow2', created, created FROM instances\
          """,
          """
          INSERT INTO layers (file, parent, disk_id, created)
            SELECT 'instances/' || i.instance_id || '/system.qcow2', m.file,
            'd-' || substr(i.instance_id, 3), i.created
            FROM instances i LEFT JOIN images m ON m.image_id = i.image_id\
          """),
      // Networking: VPCs (each a vRouter netns on the host) and their vSwitches (bridges).
      List.of(
          """
          CREATE TABLE vpcs (
            vpc_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, name TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT '', cidr TEXT NOT NULL, vrouter_id TEXT NOT NULL,
            route_table_id TEXT NOT NULL, status TEXT NOT NULL, is_default INTEGER NOT NULL DEFAULT 0,
            created TEXT NOT NULL, deleting INTEGER NOT NULL DEFAULT 0)\
          """,
          """
          CREATE TABLE vswitches (
            vswitch_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, vpc_id TEXT NOT NULL,
            zone_id TEXT NOT NULL, name TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '',
            cidr TEXT NOT NULL, status TEXT NOT NULL, is_default INTEGER NOT NULL DEFAULT 0,
            created TEXT NOT NULL, deleting INTEGER NOT NULL DEFAULT 0)\
          """,
          "CREATE INDEX vswitches_vpc ON vswitches(vpc_id)"),
      // Networking: NICs (ENIs, the primary one of each instance too), security groups and
      // their rules, which NIC is in which group, elastic and NAT public IPs.
      List.of(
          """
          CREATE TABLE network_interfaces (
            eni_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, vpc_id TEXT NOT NULL,
            vswitch_id TEXT NOT NULL, zone_id TEXT NOT NULL, type TEXT NOT NULL, status TEXT NOT NULL,
            instance_id TEXT, device_index INTEGER, mac TEXT NOT NULL UNIQUE, private_ip TEXT NOT NULL,
            name TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '', created TEXT NOT NULL,
            UNIQUE (vswitch_id, private_ip))\
          """,
          "CREATE INDEX network_interfaces_instance ON network_interfaces(instance_id)",
          """
          CREATE TABLE security_groups (
            sg_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, vpc_id TEXT NOT NULL,
            name TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '', type TEXT NOT NULL,
            inner_access_policy TEXT NOT NULL, is_default INTEGER NOT NULL DEFAULT 0, created TEXT NOT NULL)\
          """,
          """
          CREATE TABLE sg_rules (
            rule_id TEXT PRIMARY KEY, sg_id TEXT NOT NULL, direction TEXT NOT NULL,
            ip_protocol TEXT NOT NULL, port_range TEXT NOT NULL, source_port_range TEXT NOT NULL DEFAULT '',
            cidr TEXT NOT NULL DEFAULT '', peer_group_id TEXT NOT NULL DEFAULT '', policy TEXT NOT NULL,
            priority INTEGER NOT NULL, nic_type TEXT NOT NULL DEFAULT 'intranet',
            description TEXT NOT NULL DEFAULT '', created TEXT NOT NULL)\
          """,
          "CREATE INDEX sg_rules_group ON sg_rules(sg_id)",
          """
          CREATE TABLE eni_security_groups (
            eni_id TEXT NOT NULL, sg_id TEXT NOT NULL, ordinal INTEGER NOT NULL, PRIMARY KEY (eni_id, sg_id))\
          """,
          "CREATE INDEX eni_security_groups_sg ON eni_security_groups(sg_id)",
          """
          CREATE TABLE eips (
            allocation_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, ip TEXT NOT NULL UNIQUE,
            bandwidth INTEGER NOT NULL, charge_type TEXT NOT NULL, status TEXT NOT NULL, kind TEXT NOT NULL,
            eni_id TEXT, instance_id TEXT, name TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL)\
          """,
          "ALTER TABLE instances ADD COLUMN metadata_http_tokens TEXT NOT NULL DEFAULT 'optional'",
          "ALTER TABLE instances ADD COLUMN metadata_http_endpoint TEXT NOT NULL DEFAULT 'enabled'"),
      // Why an instance is in its status when the host put it there (a failed start, a killed
      // guest), and the system events the API lists (DescribeInstanceHistoryEvents).
      List.of(
          "ALTER TABLE instances ADD COLUMN status_reason_code TEXT",
          "ALTER TABLE instances ADD COLUMN status_reason TEXT",
          "ALTER TABLE instances ADD COLUMN status_reason_time TEXT",
          """
          CREATE TABLE instance_events (
            event_id TEXT PRIMARY KEY, instance_id TEXT NOT NULL, account_id TEXT NOT NULL,
            event_type TEXT NOT NULL, cycle_status TEXT NOT NULL, reason TEXT NOT NULL,
            published TEXT NOT NULL, finished TEXT)\
          """,
          "CREATE INDEX instance_events_instance ON instance_events(instance_id, published)",
          "CREATE INDEX instance_events_account ON instance_events(account_id, published)"),
      List.of(
          """
          CREATE TABLE key_pairs (
            key_pair_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, name TEXT NOT NULL,
            fingerprint TEXT NOT NULL, public_key TEXT NOT NULL, created TEXT NOT NULL,
            UNIQUE (account_id, name))\
          """),
      // Guest access: the bound key pair and the root password (a SHA-512 crypt hash, never the
      // plaintext) apply at the next start; the booted_ columns hold what the guest got at its
      // last start, which the metadata service serves.
      List.of(
          "ALTER TABLE instances ADD COLUMN key_pair_name TEXT NOT NULL DEFAULT ''",
          "ALTER TABLE instances ADD COLUMN password_hash TEXT",
          "ALTER TABLE instances ADD COLUMN booted_public_keys TEXT NOT NULL DEFAULT ''",
          "ALTER TABLE instances ADD COLUMN booted_password_hash TEXT",
          "CREATE INDEX instances_key_pair ON instances(account_id, key_pair_name)"));

  private Schema() {}

  /** How many migrations there are (the user_version of an up-to-date store). */
  static int size() {
    return MIGRATIONS.size();
  }

  /** The statements of migration {@code index} (0-based), for upgrade tests. */
  static List<String> migration(int index) {
    return MIGRATIONS.get(index);
  }

  /**
   * Brings the store up to this binary's schema. A store a newer ecsbox wrote is refused
   * before anything is read or written: this binary would misread it or undo its changes.
   */
  static void migrate(Database db, java.nio.file.Path file) {
    int applied = db.query("PRAGMA user_version", rs -> rs.getInt(1)).get(0);
    refuseNewer(applied, file);
    for (int i = applied; i < MIGRATIONS.size(); i++) {
      int version = i + 1;
      List<String> statements = MIGRATIONS.get(i);
      db.tx(c -> {
        try (Statement s = c.createStatement()) {
          for (String stmt : statements) {
            s.execute(stmt);
          }
          s.execute("PRAGMA user_version = " + version);
        }
        return null;
      });
    }
  }

  /** A store whose schema version {@code applied} is newer than this binary's is refused. */
  static void refuseNewer(int applied, java.nio.file.Path file) {
    if (applied > MIGRATIONS.size()) {
      throw new IllegalStateException("the store " + file + " has schema version " + applied + ", written by a"
          + " newer ecsbox; this one knows versions up to " + MIGRATIONS.size() + ". Run the newer ecsbox,"
          + " or restore the backup taken before the upgrade; this ecsbox leaves the store untouched");
    }
  }
}
