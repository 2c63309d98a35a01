package io.ecsbox.compute.type;

/**
 * The special hardware a host can hand to guests: GPU and FPGA cards and physical local disks for
 * passthrough, whether guests may own the whole machine (bare metal), and an RDMA network.
 */
public record HostCapabilities(int gpus, int fpgas, int localDisks, boolean bareMetal, boolean rdma) {

  public HostCapabilities {
    if (gpus < 0 || fpgas < 0 || localDisks < 0) {
      throw new IllegalArgumentException("gpus, fpgas and localDisks must be >= 0");
    }
  }

  /** A plain KVM host: no passthrough hardware, no bare metal, no RDMA. */
  public static HostCapabilities none() {
    return new HostCapabilities(0, 0, 0, false, false);
  }

  /** True if this host has what {@code type} needs for {@code requirement}. */
  public boolean satisfies(Requirement requirement, InstanceType type) {
    return switch (requirement) {
      case GPU -> gpus >= type.gpu().amount();
      case FPGA -> fpgas >= type.fpga().amount();
      case LOCAL_DISK -> localDisks >= type.localStorage().amount();
      case BARE_METAL -> bareMetal;
      case RDMA -> rdma;
    };
  }
}
