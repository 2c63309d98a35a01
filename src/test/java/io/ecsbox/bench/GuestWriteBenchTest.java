package io.ecsbox.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.bench.SnapshotBenchResult.GuestWrites;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuestWriteBenchTest {
  private static final ObjectMapper M = new ObjectMapper();

  /** A fake daemon: disks are In_use on the second look, the console fills on the second read. */
  private static final class FakeDaemon implements BenchTicker {
    final List<String> calls = new ArrayList<>();
    String console = String.join("\n", "ECSBOX-BENCH fresh=vdb history=vdc",
        "ECSBOX-IO dev=vdb op=write bytes=268435456 ms=2000 mbps=128.00",
        "ECSBOX-IO dev=vdc op=write bytes=268435456 ms=2500 mbps=102.40",
        "ECSBOX-BENCH done", "");
    String userData;
    int diskLooks;
    int consoleReads;
    boolean deleted;
    long now;

    JsonNode call(String action, Map<String, String> p) {
      calls.add(action);
      ObjectNode out = M.createObjectNode();
      switch (action) {
        case "CreateInstance" -> {
          userData = new String(Base64.getDecoder().decode(p.get("UserData")), StandardCharsets.UTF_8);
          out.put("InstanceId", "i-bench");
        }
        case "DescribeDisks" -> out.putObject("Disks").putArray("Disk").addObject()
            .put("Status", ++diskLooks % 2 == 0 ? "In_use" : "Attaching").put("Throughput", 4000);
        case "GetInstanceConsoleOutput" -> out.put("ConsoleOutput", Base64.getEncoder().encodeToString(
            (++consoleReads < 2 ? "booting\n" : console).getBytes(StandardCharsets.UTF_8)));
        case "DeleteInstance" -> deleted = true;
        case "DescribeInstances" -> out.put("TotalCount", deleted ? 0 : 1);
        case "AttachDisk", "StartInstance" -> { }
        default -> throw new IllegalArgumentException(action);
      }
      return out;
    }

    @Override
    public long nanos() {
      return now;
    }

    @Override
    public void pause(long millis) {
      now += millis * 1_000_000;
    }
  }

  @Test
  void bootsOneGuestReadsItsRatesAndDeletesIt() throws Exception {
    FakeDaemon d = new FakeDaemon();
    List<String> tracked = new ArrayList<>();
    GuestWrites g = new GuestWriteBench(d::call, d, tracked::add)
        .run("d-fresh", "d-old", "ecsbox-tiny-x64", "ecs.t5-lc2m1.nano", 256, 1, false, 60);
    assertEquals(List.of("i-bench"), tracked);
    assertEquals(List.of(128.0), g.freshMiBps());
    assertEquals(List.of(102.4), g.historyMiBps());
    assertEquals(0.8, g.ratio(), 1e-9);
    assertEquals("tcg", g.accel());
    assertEquals(4000, g.limitMBps());
    assertTrue(d.userData.contains("F=$(dev d-fresh)"));
    assertTrue(d.deleted);
    assertTrue(d.calls.indexOf("StartInstance") > d.calls.lastIndexOf("AttachDisk"));
  }

  @Test
  void aGuestWithoutTheProbeFailsWithTheFixAndIsStillDeleted() {
    FakeDaemon d = new FakeDaemon();
    d.console = "ECSBOX-BENCH error=no-ecsbox-io\n";
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> new GuestWriteBench(d::call, d, id -> { })
        .run("d-fresh", "d-old", "ecsbox-tiny-x64", "ecs.t5-lc2m1.nano", 256, 1, false, 60));
    assertTrue(e.getMessage().contains("build-tiny.sh"), e.getMessage());
    assertTrue(d.deleted);
  }

  @Test
  void missingWriteLinesAreAnError() {
    FakeDaemon d = new FakeDaemon();
    assertThrows(IllegalStateException.class, () -> new GuestWriteBench(d::call, d, id -> { })
        .run("d-fresh", "d-old", "ecsbox-tiny-x64", "ecs.t5-lc2m1.nano", 256, 2, false, 60));
    assertTrue(d.deleted);
  }
}
