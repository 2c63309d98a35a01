package io.ecsbox.compute.type;

import io.ecsbox.common.Condition;

/** What the instance type catalog refuses. */
public enum TypeError implements Condition {
  NOT_FOUND,
  /** A type whose hardware (GPU, FPGA, local disks, bare metal, RDMA) this host does not offer. */
  NOT_SUPPORTED
}
