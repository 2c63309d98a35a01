package io.ecsbox.compute.type;

import io.ecsbox.TestErrors;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ecsbox.api.errors.EcsException;
import org.junit.jupiter.api.Test;

class LaunchCheckTest {
  private static final InstanceTypeCatalog CATALOG = InstanceTypeCatalog.builtIn();

  private static EcsException refused(String id, HostCapabilities host) {
    return TestErrors.thrown(() -> CATALOG.checkLaunchable(CATALOG.require(id), host));
  }

  @Test
  void plainTypesLaunchOnAPlainHost() {
    CATALOG.all().stream().filter(InstanceType::isPlain)
        .forEach(t -> assertDoesNotThrow(() -> CATALOG.checkLaunchable(t, HostCapabilities.none()), t.id()));
  }

  @Test
  void everySpecialTypeIsRefusedOnAPlainHost() {
    CATALOG.all().stream().filter(t -> !t.isPlain()).forEach(t -> {
      EcsException e = TestErrors.thrown(
          () -> CATALOG.checkLaunchable(t, HostCapabilities.none()), t.id());
      assertEquals(403, e.httpStatus());
      assertEquals("InstanceType.NotSupported", e.code());
    });
  }

  @Test
  void gpuRefusalNamesTheCardAndAnAlternative() {
    EcsException e = refused("ecs.gn6i-c4g1.xlarge", HostCapabilities.none());
    assertEquals("ecs.gn6i-c4g1.xlarge needs 1 x NVIDIA T4 GPU, which no host in this region has."
        + " Choose a type without GPU (e.g. ecs.g6.xlarge).", e.getMessage());
  }

  @Test
  void otherHardwareIsNamed() {
    assertEquals("ecs.d1ne.2xlarge needs 4 x 5500 GiB local HDD disks, which no host in this region has."
        + " Choose a type without local disks (e.g. ecs.g6.2xlarge).",
        refused("ecs.d1ne.2xlarge", HostCapabilities.none()).getMessage());
    assertEquals("ecs.f3-c4f1.xlarge needs 1 x Xilinx VU9P FPGA, which no host in this region has."
        + " Choose a type without FPGA (e.g. ecs.g6.xlarge).",
        refused("ecs.f3-c4f1.xlarge", HostCapabilities.none()).getMessage());
    assertEquals("ecs.ebmg6.26xlarge needs a bare-metal host, which no host in this region has."
        + " Choose a type without bare metal (e.g. ecs.g6.26xlarge).",
        refused("ecs.ebmg6.26xlarge", HostCapabilities.none()).getMessage());
    assertEquals("ecs.sccg7.32xlarge needs a bare-metal host and an RDMA (RoCE) network, which no host in"
        + " this region has. Choose a type without bare metal or RDMA (e.g. ecs.g7.32xlarge).",
        refused("ecs.sccg7.32xlarge", HostCapabilities.none()).getMessage());
  }

  @Test
  void aHostWithTheHardwareAcceptsAndOnlyMissingPartsAreNamed() {
    var gpuHost = new HostCapabilities(1, 0, 0, false, false);
    assertDoesNotThrow(() -> CATALOG.checkLaunchable(CATALOG.require("ecs.gn6i-c4g1.xlarge"), gpuHost));
    EcsException tooFew = refused("ecs.gn6i-c24g1.12xlarge", gpuHost);
    assertEquals("InstanceType.NotSupported", tooFew.code());
    var bareMetalHost = new HostCapabilities(0, 0, 0, true, false);
    assertDoesNotThrow(() -> CATALOG.checkLaunchable(CATALOG.require("ecs.ebmr6.26xlarge"), bareMetalHost));
    EcsException scc = refused("ecs.sccg7.32xlarge", bareMetalHost);
    assertEquals("ecs.sccg7.32xlarge needs an RDMA (RoCE) network, which no host in this region has."
        + " Choose a type without RDMA (e.g. ecs.g7.32xlarge).", scc.getMessage());
  }
}
