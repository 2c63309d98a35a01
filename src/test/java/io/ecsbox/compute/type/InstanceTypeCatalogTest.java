package io.ecsbox.compute.type;

import io.ecsbox.TestErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.api.errors.EcsException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InstanceTypeCatalogTest {
  private static final InstanceTypeCatalog CATALOG = InstanceTypeCatalog.builtIn();
  /**
   * Sizes where ECS keeps the family ratio exactly. Whole-host sizes (10x, 13x, 20x, 26xlarge)
   * follow the physical machine's memory instead: g6.13xlarge is 52:192, hfc6.10xlarge 40:96.
   */
  private static final Set<String> EXACT_SIZES =
      Set.of("large", "xlarge", "2xlarge", "3xlarge", "4xlarge", "6xlarge", "8xlarge", "16xlarge", "32xlarge");

  @ParameterizedTest
  @CsvSource({
      "ecs.g5.large, 2, 8", "ecs.c5.large, 2, 4", "ecs.r5.large, 2, 16", "ecs.g6.xlarge, 4, 16",
      "ecs.t5-lc2m1.nano, 1, 0.5", "ecs.t5-lc1m1.small, 1, 1", "ecs.t5-lc1m2.small, 1, 2",
      "ecs.t5-c1m1.large, 2, 2", "ecs.t5-c1m2.large, 2, 4", "ecs.t5-c1m4.large, 2, 8",
      "ecs.t6-c4m1.large, 2, 0.5", "ecs.t6-c2m1.large, 2, 1", "ecs.t6-c1m1.large, 2, 2",
      "ecs.t6-c1m2.large, 2, 4", "ecs.t6-c1m4.large, 2, 8", "ecs.ebmg6.26xlarge, 104, 384",
      "ecs.sccg7.32xlarge, 128, 512", "ecs.gn6i-c4g1.xlarge, 4, 15"})
  void documentedSizes(String id, int vcpus, double memoryGiB) {
    InstanceType type = CATALOG.require(id);
    assertEquals(vcpus, type.vcpus(), id);
    assertEquals(memoryGiB, type.memoryGiB(), 1e-9, id);
  }

  @ParameterizedTest
  @CsvSource({"g, 4", "c, 2", "r, 8", "hfg, 4", "hfc, 2"})
  void familyRatiosHold(String letter, int gibPerVcpu) {
    List<String> families = CATALOG.families().stream().map(Family::id)
        .filter(f -> f.matches("ecs\\." + letter + "[5-7]")).toList();
    assertFalse(families.isEmpty(), letter);
    for (String family : families) {
      for (InstanceType t : CATALOG.byFamily(family)) {
        double ratio = t.memoryGiB() / t.vcpus();
        String size = InstanceTypeName.parse(t.id()).orElseThrow().size();
        double tolerance = EXACT_SIZES.contains(size) ? 1e-9 : 0.25 * gibPerVcpu;
        assertEquals(gibPerVcpu, ratio, tolerance, t.id());
      }
    }
  }

  @Test
  void everyIdParsesIntoAKnownFamilyAndMatchesTheSizeLadder() {
    Set<String> familyIds = CATALOG.families().stream().map(Family::id).collect(Collectors.toSet());
    for (InstanceType t : CATALOG.all()) {
      InstanceTypeName name = InstanceTypeName.parse(t.id()).orElseThrow(() -> new AssertionError(t.id()));
      assertEquals(t.family(), name.familyId(), t.id());
      assertTrue(familyIds.contains(t.family()), t.id());
      assertEquals(name.ladderVcpus().orElseThrow(), t.vcpus(), t.id() + " vCPUs vs size name");
    }
  }

  @Test
  void idsAreUniqueAndGenerationsPresent() {
    Set<String> seen = new HashSet<>();
    for (InstanceType t : CATALOG.all()) {
      assertTrue(seen.add(t.id()), "duplicate " + t.id());
      assertTrue(t.generation().matches("ecs-[1-6]"), t.id() + " generation " + t.generation());
      assertEquals("X86", t.cpuArchitecture());
    }
    for (Family f : CATALOG.families()) {
      assertTrue(f.generation().matches("ecs-[1-6]"), f.id());
      assertFalse(CATALOG.byFamily(f.id()).isEmpty(), f.id() + " has no types");
    }
    assertEquals("ecs-4", generation("ecs.g5"));
    assertEquals("ecs-4", generation("ecs.c5"));
    assertEquals("ecs-4", generation("ecs.r5"));
    assertEquals("ecs-5", generation("ecs.g6"));
    assertEquals("ecs-5", generation("ecs.r6"));
    assertEquals("ecs-6", generation("ecs.g7"));
    assertEquals("ecs-6", generation("ecs.c7"));
  }

  private static String generation(String familyId) {
    return CATALOG.families().stream().filter(f -> f.id().equals(familyId)).findFirst()
        .orElseThrow(() -> new AssertionError(familyId)).generation();
  }

  @Test
  void everyRequiredFamilyIsPresent() {
    Set<String> ids = CATALOG.families().stream().map(Family::id).collect(Collectors.toSet());
    for (String f : List.of("t5", "t6", "g5", "g6", "g7", "c5", "c6", "c7", "r5", "r6", "r7", "hfc6", "hfc7",
        "hfg6", "hfg7", "d1ne", "d2s", "i2", "i3", "gn6i", "gn6v", "gn7i", "f3", "ebmg6", "ebmc6", "ebmr6",
        "sccg7")) {
      assertTrue(ids.contains("ecs." + f), "missing family ecs." + f);
    }
  }

  @Test
  void lookups() {
    assertTrue(CATALOG.find("ecs.g6.large").isPresent());
    assertTrue(CATALOG.find("ecs.g6.huge").isEmpty());
    assertTrue(CATALOG.find(null).isEmpty());
    EcsException e = TestErrors.thrown(() -> CATALOG.require("ecs.nope.large"));
    assertEquals(404, e.httpStatus());
    assertEquals("InvalidInstanceType.NotFound", e.code());
    assertEquals("The specified InstanceType does not exist.", e.getMessage());
    List<InstanceType> g6 = CATALOG.byFamily("ecs.g6");
    assertEquals("ecs.g6.large", g6.get(0).id());
    assertTrue(g6.stream().allMatch(t -> t.family().equals("ecs.g6")));
    assertTrue(CATALOG.byFamily("ecs.zz9").isEmpty());
  }

  @Test
  void smallestNeedsNothingSpecial() {
    InstanceType smallest = CATALOG.smallest();
    assertEquals("ecs.t5-lc2m1.nano", smallest.id());
    assertTrue(smallest.isPlain());
    assertEquals(1, smallest.vcpus());
    assertEquals(512, smallest.memoryMiB());
  }

  @Test
  void specialFamiliesCarryTheirHardware() {
    for (InstanceType t : CATALOG.all()) {
      Set<Requirement> needs = t.requirements();
      String f = t.family();
      assertEquals(f.startsWith("ecs.gn"), needs.contains(Requirement.GPU), t.id());
      assertEquals(f.startsWith("ecs.f3"), needs.contains(Requirement.FPGA), t.id());
      assertEquals(f.matches("ecs\\.(d|i)\\d.*"), needs.contains(Requirement.LOCAL_DISK), t.id());
      assertEquals(f.startsWith("ecs.ebm") || f.startsWith("ecs.scc"), t.bareMetal(), t.id());
      assertEquals(f.startsWith("ecs.scc"), needs.contains(Requirement.RDMA), t.id());
    }
    InstanceType t4 = CATALOG.require("ecs.gn6i-c4g1.xlarge");
    assertEquals(1, t4.gpu().amount());
    assertEquals("NVIDIA T4", t4.gpu().spec());
    assertEquals("NVIDIA V100", CATALOG.require("ecs.gn6v-c8g1.2xlarge").gpu().spec());
    assertEquals("Xilinx VU9P", CATALOG.require("ecs.f3-c4f1.xlarge").fpga().spec());
    InstanceType.LocalStorage hdd = CATALOG.require("ecs.d1ne.2xlarge").localStorage();
    assertEquals(new InstanceType.LocalStorage(4, 5500, "local_hdd_pro"), hdd);
    assertEquals("local_ssd_pro", CATALOG.require("ecs.i2.xlarge").localStorage().category());
  }

  @Test
  void levelsCategoriesAndCredits() {
    InstanceType nano = CATALOG.require("ecs.t5-lc2m1.nano");
    assertEquals(FamilyLevel.CREDIT_ENTRY_LEVEL, nano.familyLevel());
    assertEquals("Burstable", nano.category());
    assertEquals(new InstanceType.Credit(20, 30), nano.credit());
    assertEquals(new InstanceType.Credit(50, 60), CATALOG.require("ecs.t5-c1m1.large").credit());
    InstanceType g6 = CATALOG.require("ecs.g6.large");
    assertEquals(FamilyLevel.ENTERPRISE_LEVEL, g6.familyLevel());
    assertEquals("General-purpose", g6.category());
    assertEquals(InstanceType.Credit.NONE, g6.credit());
    assertEquals(new InstanceType.Network(2, 6, 1_024_000, 1_024_000, 300_000, 300_000), g6.network());
    assertEquals(8192, g6.memoryMiB());
    assertEquals("Compute-optimized", CATALOG.require("ecs.c6.large").category());
    assertEquals("Memory-optimized", CATALOG.require("ecs.r6.large").category());
    assertTrue(CATALOG.all().stream().allMatch(t -> t.isBurstable() == t.family().matches("ecs\\.t[56]")));
  }
}
