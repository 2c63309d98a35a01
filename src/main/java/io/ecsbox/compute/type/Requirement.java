package io.ecsbox.compute.type;

/**
 * Host hardware an instance type needs beyond vCPUs and memory. A type with no requirement runs
 * on any KVM host; the others are listed by the catalog but refused at launch unless the host
 * has the hardware (see {@link InstanceTypeCatalog#checkLaunchable}).
 */
public enum Requirement {
  GPU("GPU"),
  FPGA("FPGA"),
  /** Physical local SSD/HDD disks handed to the guest (d*, i* families). */
  LOCAL_DISK("local disks"),
  BARE_METAL("bare metal"),
  /** A RoCE/RDMA network between hosts (scc families). */
  RDMA("RDMA");

  private final String label;

  Requirement(String label) {
    this.label = label;
  }

  /** Short name for "choose a type without …". */
  public String label() {
    return label;
  }

  /** What {@code type} needs of this hardware, e.g. "1 x NVIDIA T4 GPU". */
  public String describe(InstanceType type) {
    return switch (this) {
      case GPU -> type.gpu().amount() + " x " + type.gpu().spec() + " GPU";
      case FPGA -> type.fpga().amount() + " x " + type.fpga().spec() + " FPGA";
      case LOCAL_DISK -> {
        InstanceType.LocalStorage disk = type.localStorage();
        String kind = disk.category().contains("hdd") ? "HDD" : "SSD";
        yield disk.amount() + " x " + disk.capacityGiB() + " GiB local " + kind + " disk"
            + (disk.amount() == 1 ? "" : "s");
      }
      case BARE_METAL -> "a bare-metal host";
      case RDMA -> "an RDMA (RoCE) network";
    };
  }
}
