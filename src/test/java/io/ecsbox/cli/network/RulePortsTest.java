package io.ecsbox.cli.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RulePortsTest {
  @Test
  void aSinglePortBecomesARangeOfOne() {
    assertEquals("22/22", RulePorts.portRange("tcp", "22"));
    assertEquals("-1/-1", RulePorts.portRange("icmp", "-1"));
  }

  @Test
  void rangesAndBadTextGoUnchangedSoTheDaemonJudgesThem() {
    assertEquals("8000/8100", RulePorts.portRange("tcp", " 8000/8100 "));
    assertEquals("80/22", RulePorts.portRange("tcp", "80/22"));
    assertEquals("ssh", RulePorts.portRange("udp", "ssh"));
  }

  @Test
  void noPortIsMinusOneForPortlessProtocolsAndMissingForTcpUdp() {
    assertEquals("-1/-1", RulePorts.portRange("icmp", null));
    assertEquals("-1/-1", RulePorts.portRange("all", ""));
    assertEquals("-1/-1", RulePorts.portRange("gre", null));
    assertNull(RulePorts.portRange("tcp", null));
    assertNull(RulePorts.portRange("UDP", " "));
  }
}
