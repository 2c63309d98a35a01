package io.ecsbox.cli.disk;

/** The disk categories ecsbox offers; each sets the disk's IOPS and throughput limits. */
public enum DiskCategory {
  cloud_efficiency,
  cloud_ssd,
  cloud_essd
}
