package io.ecsbox.store;

import io.ecsbox.storage.DiskStore;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store written by the foundation release (schema 1) opens with its instances' system disks. */
class SchemaUpgradeTest {
  @TempDir Path dir;

  @Test
  void anInstanceOfTheFirstSchemaGetsItsSystemDiskAndLayer() throws Exception {
    Path file = dir.resolve("old.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      for (String sql : Schema.migration(0)) {
        s.execute(sql);
      }
      s.execute("PRAGMA user_version = 1");
      s.execute("INSERT INTO images (image_id, owner_alias, name, status, os_type, os_name, platform, architecture,"
          + " format, size_gib, file, created) VALUES ('tiny', 'system', 'tiny', 'Available', 'linux', 'l', 'p',"
          + " 'x86_64', 'qcow2', 1, '/var/lib/ecsbox/images/store/abc.qcow2', '2026-11-28T17:00:00Z')");
      s.execute("INSERT INTO instances (instance_id, account_id, name, host_name, status, instance_type, vcpus,"
          + " memory_mib, image_id, zone_id, system_disk_gib, system_disk_category, serial_number, created)"
          + " VALUES ('i-old0000000000000001', 'acc', 'old', 'old', 'Running', 'ecs.t5-lc2m1.nano', 1, 512,"
          + " 'tiny', 'local-1a', 20, 'cloud_efficiency', 'sn', '2026-11-28T17:00:00Z')");
    }
    try (Database db = Database.open(file)) {
      assertEquals(List.of(Schema.size()), db.query("PRAGMA user_version", rs -> rs.getInt(1)), "fully upgraded");
      DiskStore disks = new DiskStore(db);
      var d = disks.find("d-old0000000000000001").orElseThrow();
      assertEquals("system", d.type());
      assertEquals("i-old0000000000000001", d.instanceId());
      assertEquals("/dev/xvda", d.device());
      assertEquals("instances/i-old0000000000000001/system.qcow2", d.file(), "the file stays where it was");
      assertEquals(20, d.sizeGiB());
      var layer = db.tx(c -> DiskStore.layer(c, d.file())).orElseThrow();
      assertEquals("/var/lib/ecsbox/images/store/abc.qcow2", layer.parent(), "its backing is the image");
    }
  }

  @Test
  void aStoreANewerEcsboxWroteIsRefusedAndLeftUntouched() throws Exception {
    Path file = dir.resolve("newer.db");
    try (Database db = Database.open(file)) {
      db.update("INSERT INTO accounts (account_id, name, created) VALUES ('acc', 'a', '2026-12-07T00:00:00Z')");
    }
    int newer = Schema.size() + 1;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      s.execute("PRAGMA user_version = " + newer);
    }
    byte[] before = java.nio.file.Files.readAllBytes(file);
    IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> Database.open(file));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("newer ecsbox")
        && e.getMessage().contains("schema version " + newer), e.getMessage());
    org.junit.jupiter.api.Assertions.assertArrayEquals(before, java.nio.file.Files.readAllBytes(file), "untouched");
  }
}
