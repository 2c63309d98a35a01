package io.ecsbox.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.cli.CliHarness;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.FakeApi;
import org.junit.jupiter.api.Test;

class BenchLoadCommandTest {
  @Test
  void badValuesAreRefusedBeforeAnythingStartsAndNameTheirOption() {
    CliHarness.Result clients = new CliHarness(new FakeApi()).run("bench", "load", "--clients", "0");
    assertEquals(ExitCodes.USAGE, clients.exit());
    assertTrue(clients.err().contains("--clients must be at least 1"), clients.err());
    CliHarness.Result max = new CliHarness(new FakeApi()).run("bench", "load", "--max-instances", "101");
    assertEquals(ExitCodes.USAGE, max.exit());
    assertTrue(max.err().contains("--max-instances must be 1 to 100"), max.err());
  }

  @Test
  void anEndpointOffLoopbackIsRefused() {
    CliHarness.Result r = new CliHarness(new FakeApi()).run("bench", "load", "--endpoint", "http://192.0.2.1:18080");
    assertEquals(ExitCodes.USAGE, r.exit());
    assertTrue(r.err().contains("--endpoint must be on loopback"), r.err());
  }
}
