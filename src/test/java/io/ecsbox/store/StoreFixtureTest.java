package io.ecsbox.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.compute.InstanceStore;
import io.ecsbox.network.NicStore;
import io.ecsbox.network.VpcStore;
import io.ecsbox.network.eip.EipStore;
import io.ecsbox.network.secgroup.SecurityGroupStore;
import io.ecsbox.storage.DiskStore;
import io.ecsbox.storage.ImageStore;
import io.ecsbox.storage.SnapshotStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store the previous release wrote opens with this build: {@code store-schema5.db} was made by
 * the build of commit 08acf19 (schema version 5: Database.open made its tables), then given one
 * row in each main table (an instance with its system disk, layer, snapshot, tag and event, a data
 * disk, the default VPC, vSwitch and security group with a rule, the instance's NIC, an EIP).
 * When a migration is added, this test upgrades that file: its rows must still read, and its
 * schema must become the one a new store gets. Make the next fixture when a release ships.
 */
class StoreFixtureTest {
  static final String FIXTURE = "store-schema5.db";
  static final int FIXTURE_VERSION = 5;

  @TempDir Path dir;

  private Path copyOfFixture() throws IOException {
    Path file = dir.resolve("ecsbox.db");
    try (InputStream in = StoreFixtureTest.class.getResourceAsStream(FIXTURE)) {
      Files.copy(in, file);
    }
    return file;
  }

  private static int userVersion(Path file) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      return s.executeQuery("PRAGMA user_version").getInt(1);
    }
  }

  @Test
  void thePreviousReleasesStoreOpensAndItsRowsRead() throws Exception {
    Path file = copyOfFixture();
    assertEquals(FIXTURE_VERSION, userVersion(file), "the fixture is what the previous release wrote");
    try (Database db = Database.open(file)) {
      assertEquals(List.of(Schema.size()), db.query("PRAGMA user_version", rs -> rs.getInt(1)), "migrated");

      var instance = new InstanceStore(db).find("i-fixture00000000001").orElseThrow();
      assertEquals("web-1", instance.name());
      assertEquals("acc-fixture", instance.accountId());
      var system = new DiskStore(db).find("d-fixture00000000001").orElseThrow();
      assertEquals("i-fixture00000000001", system.instanceId());
      assertEquals("instances/i-fixture00000000001/system.qcow2", system.file());
      assertEquals(5, new DiskStore(db).find("d-fixture00000000002").orElseThrow().sizeGiB());
      var layer = db.tx(c -> DiskStore.layer(c, system.file())).orElseThrow();
      assertEquals("images/system/ecsbox-tiny-x64.qcow2", layer.parent());
      assertEquals("tiny test image; with a semicolon",
          new ImageStore(db).find("ecsbox-tiny-x64").orElseThrow().description());
      assertEquals("before-upgrade", new SnapshotStore(db).find("s-fixture00000000001").orElseThrow().name());

      var vpc = new VpcStore(db).findVpc("vpc-fixture000000001").orElseThrow();
      assertEquals("172.16.0.0/12", vpc.cidr().toString());
      assertTrue(vpc.isDefault());
      assertEquals("vpc-fixture000000001", new VpcStore(db).findVSwitch("vsw-fixture000000001").orElseThrow().vpcId());
      var nic = new NicStore(db).find("eni-fixture000000001").orElseThrow();
      assertEquals("172.16.0.10", nic.privateIp());
      assertEquals("i-fixture00000000001", nic.instanceId());
      var group = db.tx(c -> SecurityGroupStore.findGroup(c, "sg-fixture0000000001")).orElseThrow();
      assertTrue(group.isDefault() && group.innerAccept(), group.toString());
      assertEquals("100.64.0.10", new EipStore(db).find("eip-fixture000000001").orElseThrow().ip());
      assertEquals(List.of("env=fixture"), db.query(
          "SELECT tag_key || '=' || tag_value FROM tags WHERE resource_id = ?", rs -> rs.getString(1),
          "i-fixture00000000001"));
    }
  }

  @Test
  void theMigratedStoreHasTheSchemaOfANewOne() throws Exception {
    String schema = "SELECT type || ' ' || name || ': ' || sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        + " ORDER BY name";
    List<String> upgraded;
    try (Database db = Database.open(copyOfFixture())) {
      upgraded = db.query(schema, rs -> rs.getString(1));
    }
    try (Database db = Database.open(dir.resolve("new.db"))) {
      assertEquals(db.query(schema, rs -> rs.getString(1)), upgraded);
    }
  }

  @Test
  void aStoreNewerThanThisBinaryIsRefusedWithAMessageAndLeftUntouched() throws Exception {
    Path file = copyOfFixture();
    int newer = Schema.size() + 1;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      s.execute("PRAGMA user_version = " + newer);
      // out of WAL mode (a user's sqlite3 may leave it so): switching it back would rewrite the header
      s.execute("PRAGMA journal_mode=DELETE");
    }
    byte[] before = Files.readAllBytes(file);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Database.open(file));
    assertTrue(e.getMessage().contains("schema version " + newer + ", written by a newer ecsbox")
        && e.getMessage().contains("knows versions up to " + Schema.size()), e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(file), "untouched");
  }
}
