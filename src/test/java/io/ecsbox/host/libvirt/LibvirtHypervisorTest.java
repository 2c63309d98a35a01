package io.ecsbox.host.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ecsbox.agent.GuestMemory;
import io.ecsbox.agent.PowerState;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.libvirt.DomainInfo.DomainState;
import org.libvirt.MemoryStatistic;
import org.libvirt.jna.virDomainMemoryStats;

class LibvirtHypervisorTest {
  @Test
  void mapsEveryLibvirtStateToAPowerState() {
    assertEquals(PowerState.RUNNING, LibvirtHypervisor.toPowerState(DomainState.VIR_DOMAIN_RUNNING));
    assertEquals(PowerState.RUNNING, LibvirtHypervisor.toPowerState(DomainState.VIR_DOMAIN_BLOCKED));
    assertEquals(PowerState.PAUSED, LibvirtHypervisor.toPowerState(DomainState.VIR_DOMAIN_PAUSED));
    assertEquals(PowerState.SHUTOFF, LibvirtHypervisor.toPowerState(DomainState.VIR_DOMAIN_SHUTOFF));
    assertEquals(PowerState.OTHER, LibvirtHypervisor.toPowerState(DomainState.VIR_DOMAIN_SHUTDOWN));
    assertEquals(PowerState.OTHER, LibvirtHypervisor.toPowerState(DomainState.VIR_DOMAIN_CRASHED));
    assertEquals(PowerState.OTHER, LibvirtHypervisor.toPowerState(DomainState.VIR_DOMAIN_NOSTATE));
  }

  @Test
  void readsTheBalloonsStatisticsAndLeavesWhatTheGuestDidNotReportUnknown() {
    GuestMemory m = LibvirtHypervisor.toGuestMemory(new MemoryStatistic[] {
        stat(6, 524288), stat(7, 150000), stat(4, 300000), stat(5, 480000), stat(8, 400000), stat(9, 1765000000),
        stat(10, 20000), stat(3, 99), stat(42, 1)});
    assertEquals(new GuestMemory(524288, 480000, 300000, 400000, 20000, 150000, Instant.ofEpochSecond(1765000000)),
        m);
    GuestMemory noDriver = LibvirtHypervisor.toGuestMemory(new MemoryStatistic[] {stat(6, 524288), stat(7, 150000)});
    assertEquals(new GuestMemory(524288, -1, -1, -1, -1, 150000, null), noDriver);
  }

  private static MemoryStatistic stat(int tag, long value) {
    MemoryStatistic s = new MemoryStatistic(new virDomainMemoryStats());
    s.setTag(tag);
    s.setValue(value);
    return s;
  }
}
