package io.ecsbox.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceLeaksTest {
  @TempDir Path dir;

  @Test
  void namesEachLeftoverOfTheInstancesAsked() throws Exception {
    Files.createDirectories(dir.resolve("instances/i-2"));
    try (Database db = Database.open(dir.resolve("ecsbox.db"))) {
      db.update("INSERT INTO instances (instance_id, account_id, name, host_name, status, instance_type, vcpus,"
          + " memory_mib, image_id, zone_id, system_disk_gib, system_disk_category, serial_number, created)"
          + " VALUES ('i-3', 'a', 'n', 'h', 'Stopped', 't', 1, 512, 'm', 'z', 20, 'cloud', 's', 'now')");
      db.update("INSERT INTO layers (file, parent, disk_id, created) VALUES ('instances/i-3/system.qcow2', NULL,"
          + " 'd-3', 'now')");
      InstanceLeaks leaks = new InstanceLeaks(() -> Set.of("i-1", "i-9"), dir, db);
      assertEquals(List.of("domain i-1", "dir " + dir.resolve("instances/i-2"), "row instances i-3",
          "row layers instances/i-3/"), leaks.of(List.of("i-1", "i-2", "i-3", "i-4")));
      assertTrue(leaks.checksRows());
    }
  }

  @Test
  void waitsUntilNothingRemainsAndSaysHowLongItTook() throws Exception {
    AtomicInteger checks = new AtomicInteger();
    InstanceLeaks leaks = new InstanceLeaks(() -> checks.incrementAndGet() < 3 ? Set.of("i-1") : Set.of(), dir, null);
    InstanceLeaks.Clean c = leaks.awaitNone(List.of("i-1"), new FakeTicker(0), 60_000);
    assertEquals(List.of(), c.left());
    assertEquals(2.0, c.seconds());
    InstanceLeaks stuck = new InstanceLeaks(() -> Set.of("i-1"), dir, null);
    InstanceLeaks.Clean s = stuck.awaitNone(List.of("i-1"), new FakeTicker(0), 5_000);
    assertEquals(List.of("domain i-1"), s.left());
    assertTrue(Double.isNaN(s.seconds()));
  }
}
