package io.ecsbox.compute.type;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One ECS instance type, with the figures DescribeInstanceTypes reports. {@code memoryGiB} is the
 * API's {@code MemorySize} (GiB, may be fractional); DescribeInstances wants {@link #memoryMiB()}.
 *
 * @param id           e.g. {@code ecs.g6.large}
 * @param family       e.g. {@code ecs.g6}
 * @param generation   e.g. {@code ecs-5}
 * @param category     {@code InstanceCategory}, e.g. "General-purpose", "GPU", "ECS Bare Metal"
 * @param diskQuantity how many disks (system + data) the type can attach
 * @param bareMetal    the guest owns a whole physical machine
 * @param rdma         the type sits on a RoCE/RDMA cluster network (scc)
 */
public record InstanceType(
    String id,
    String family,
    String generation,
    FamilyLevel familyLevel,
    String category,
    String cpuArchitecture,
    int vcpus,
    double memoryGiB,
    int diskQuantity,
    boolean bareMetal,
    boolean rdma,
    Network network,
    Gpu gpu,
    Fpga fpga,
    LocalStorage localStorage,
    Credit credit) {

  public InstanceType {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(generation, "generation");
    Objects.requireNonNull(familyLevel, "familyLevel");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(cpuArchitecture, "cpuArchitecture");
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(gpu, "gpu");
    Objects.requireNonNull(fpga, "fpga");
    Objects.requireNonNull(localStorage, "localStorage");
    Objects.requireNonNull(credit, "credit");
    InstanceTypeName name = InstanceTypeName.parse(id)
        .orElseThrow(() -> new IllegalArgumentException("not an ecs.<family>.<size> id: " + id));
    if (!name.familyId().equals(family)) {
      throw new IllegalArgumentException(id + " is not in family " + family);
    }
    if (vcpus <= 0 || memoryGiB <= 0 || diskQuantity <= 0) {
      throw new IllegalArgumentException(id + ": vcpus, memoryGiB and diskQuantity must be > 0");
    }
  }

  /** Memory in MiB, as DescribeInstances' {@code Memory} and the libvirt domain want it. */
  public long memoryMiB() {
    return Math.round(memoryGiB * 1024);
  }

  /** The host hardware this type needs; empty for a type any KVM host can run. */
  public Set<Requirement> requirements() {
    Set<Requirement> needs = EnumSet.noneOf(Requirement.class);
    if (gpu.amount() > 0) {
      needs.add(Requirement.GPU);
    }
    if (fpga.amount() > 0) {
      needs.add(Requirement.FPGA);
    }
    if (localStorage.amount() > 0) {
      needs.add(Requirement.LOCAL_DISK);
    }
    if (bareMetal) {
      needs.add(Requirement.BARE_METAL);
    }
    if (rdma) {
      needs.add(Requirement.RDMA);
    }
    return needs;
  }

  /** True if any KVM host can run this type. */
  public boolean isPlain() {
    return requirements().isEmpty();
  }

  /** True for CPU-credit types (t5, t6). */
  public boolean isBurstable() {
    return familyLevel == FamilyLevel.CREDIT_ENTRY_LEVEL;
  }

  /** Network limits: ENIs, private IPs per ENI, bandwidth in Kbit/s, packets per second. */
  public record Network(
      int eniQuantity,
      int eniPrivateIpAddressQuantity,
      long bandwidthRxKbps,
      long bandwidthTxKbps,
      long ppsRx,
      long ppsTx) {}

  /** GPU cards: {@code spec} like "NVIDIA T4", {@code memoryGiB} per card. */
  public record Gpu(int amount, String spec, double memoryGiB) {
    public static final Gpu NONE = new Gpu(0, "", 0);
  }

  /** FPGA cards, {@code spec} like "Xilinx VU9P". */
  public record Fpga(int amount, String spec) {
    public static final Fpga NONE = new Fpga(0, "");
  }

  /**
   * Physical local disks: {@code capacityGiB} per disk, {@code category} like
   * {@code local_ssd_pro} or {@code local_hdd_pro}.
   */
  public record LocalStorage(int amount, long capacityGiB, String category) {
    public static final LocalStorage NONE = new LocalStorage(0, 0, "");
  }

  /**
   * Burstable credits: {@code baselineCredit} is the baseline performance of all vCPUs together
   * in percent (e.g. 2 vCPUs at 25% = 50); {@code initialCredit} the credits given at creation.
   */
  public record Credit(int baselineCredit, int initialCredit) {
    public static final Credit NONE = new Credit(0, 0);
  }
}
