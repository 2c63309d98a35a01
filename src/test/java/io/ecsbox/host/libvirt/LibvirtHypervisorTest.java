package io.ecsbox.host.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ecsbox.agent.PowerState;
import org.junit.jupiter.api.Test;
import org.libvirt.DomainInfo.DomainState;

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
}
