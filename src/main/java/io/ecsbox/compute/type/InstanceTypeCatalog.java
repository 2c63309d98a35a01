package io.ecsbox.compute.type;

import io.ecsbox.common.ServiceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The instance types this region sells. Immutable and thread-safe. Types that need hardware a host
 * lacks (GPU, FPGA, local disks, bare metal, RDMA) are still listed, as ECS lists sold-out types;
 * {@link #checkLaunchable} refuses them at launch.
 */
public final class InstanceTypeCatalog {
  private static final String RESOURCE = "instance-types.csv";
  /** Mainstream families an alternative is suggested from, best first. */
  private static final List<String> SUGGESTED_FAMILIES = List.of(
      "ecs.g6", "ecs.c6", "ecs.r6", "ecs.g7", "ecs.c7", "ecs.r7", "ecs.g5", "ecs.c5", "ecs.r5");

  private final List<Family> families;
  private final List<InstanceType> types;
  private final Map<String, InstanceType> byId;

  private InstanceTypeCatalog(List<Family> families, List<InstanceType> types) {
    this.families = List.copyOf(families);
    this.types = List.copyOf(types);
    this.byId = new LinkedHashMap<>();
    Set<String> familyIds = new HashSet<>();
    for (Family family : families) {
      if (!familyIds.add(family.id())) {
        throw new IllegalArgumentException("duplicate family " + family.id());
      }
    }
    for (InstanceType type : types) {
      if (byId.put(type.id(), type) != null) {
        throw new IllegalArgumentException("duplicate instance type " + type.id());
      }
      if (!familyIds.contains(type.family())) {
        throw new IllegalArgumentException(type.id() + ": unknown family " + type.family());
      }
    }
  }

  /** A catalog of exactly these families and types (for tests and custom regions). */
  public static InstanceTypeCatalog of(List<Family> families, List<InstanceType> types) {
    return new InstanceTypeCatalog(families, types);
  }

  /** The built-in catalog, read once from {@code instance-types.csv} next to this class. */
  public static InstanceTypeCatalog builtIn() {
    return BuiltIn.CATALOG;
  }

  private static final class BuiltIn {
    static final InstanceTypeCatalog CATALOG = load();

    private static InstanceTypeCatalog load() {
      try (InputStream in = InstanceTypeCatalog.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + RESOURCE);
        }
        InstanceTypeCsv.Table table = InstanceTypeCsv.read(new InputStreamReader(in, StandardCharsets.UTF_8));
        return new InstanceTypeCatalog(table.families(), table.types());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + RESOURCE, e);
      }
    }
  }

  /** Every type, grouped by family in catalog order. */
  public List<InstanceType> all() {
    return types;
  }

  public Optional<InstanceType> find(String id) {
    return Optional.ofNullable(id == null ? null : byId.get(id));
  }

  /** The type, or {@link TypeError#NOT_FOUND}. */
  public InstanceType require(String id) {
    return find(id).orElseThrow(() -> new ServiceException(TypeError.NOT_FOUND,
        "The specified InstanceType does not exist."));
  }

  /** Every family with its generation, in catalog order. */
  public List<Family> families() {
    return families;
  }

  /** The types of {@code familyId} (e.g. {@code ecs.g6}), smallest first; empty if unknown. */
  public List<InstanceType> byFamily(String familyId) {
    return types.stream().filter(t -> t.family().equals(familyId))
        .sorted(Comparator.comparingInt(InstanceType::vcpus).thenComparingDouble(InstanceType::memoryGiB))
        .toList();
  }

  /** The type with the fewest vCPUs, then the least memory, among those any host can run. */
  public InstanceType smallest() {
    return types.stream().filter(InstanceType::isPlain)
        .min(Comparator.comparingInt(InstanceType::vcpus).thenComparingDouble(InstanceType::memoryGiB))
        .orElseThrow(() -> new IllegalStateException("catalog has no type without special hardware"));
  }

  /**
   * Refuses {@code type} if {@code host} lacks hardware it needs: HTTP 403
   * {@code InstanceType.NotSupported}, naming the hardware and a plain type of about the same size.
   */
  public void checkLaunchable(InstanceType type, HostCapabilities host) {
    List<Requirement> missing = type.requirements().stream()
        .filter(r -> !host.satisfies(r, type)).toList();
    if (missing.isEmpty()) {
      return;
    }
    String needs = missing.stream().map(r -> r.describe(type)).collect(Collectors.joining(" and "));
    String without = missing.stream().map(Requirement::label).collect(Collectors.joining(" or "));
    String example = suggestAlternative(type).map(t -> " (e.g. " + t.id() + ")").orElse("");
    throw new ServiceException(TypeError.NOT_SUPPORTED, type.id() + " needs " + needs
        + ", which no host in this region has. Choose a type without " + without + example + ".");
  }

  /** A plain type from a mainstream family closest to {@code type} in vCPUs, then memory. */
  public Optional<InstanceType> suggestAlternative(InstanceType type) {
    Comparator<InstanceType> closest = Comparator
        .comparingInt((InstanceType t) -> Math.abs(t.vcpus() - type.vcpus()))
        .thenComparingDouble(t -> Math.abs(t.memoryGiB() - type.memoryGiB()))
        .thenComparingInt(t -> SUGGESTED_FAMILIES.indexOf(t.family()));
    return types.stream()
        .filter(t -> SUGGESTED_FAMILIES.contains(t.family()) && t.isPlain())
        .min(closest);
  }
}
