package io.ecsbox.cli.disk;

/** ESSD performance levels: higher levels allow more IOPS and throughput for a size. */
public enum PerformanceLevel {
  PL0,
  PL1,
  PL2,
  PL3
}
