package io.ecsbox.compute;

import io.ecsbox.agent.Volume;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * What instances need of storage: the disks of a launch, of a start and of a release. Storage
 * implements it; compute knows none of storage's classes.
 */
public interface InstanceDisks {
  /** A DataDisk.N of RunInstances as asked ({@code sizeGiB} null: the snapshot's size). */
  record DataDisk(Integer sizeGiB, String category, String performanceLevel, String snapshotId, String name,
      String description, boolean deleteWithInstance) {}

  /** The system disk of a launch, checked. */
  record SystemDisk(String imageId, int sizeGiB, String category, String performanceLevel) {}

  /**
   * Checks the image (available to the account) and the system disk a launch asks for
   * ({@code sizeGiB}, {@code category}, {@code performanceLevel} null: the defaults).
   */
  SystemDisk checkSystemDisk(String accountId, String imageId, Integer sizeGiB, String category,
      String performanceLevel);

  /** Checks a launch's data disks in its zone; returns them with their sizes filled in. Writes nothing. */
  List<DataDisk> checkDataDisks(String accountId, String zoneId, List<DataDisk> disks);

  /** Inserts, in the caller's launch transaction, the rows of one instance's disks; files come at its first start. */
  void insert(Connection c, String accountId, String instanceId, String zoneId, SystemDisk system,
      List<DataDisk> data, Instant now) throws SQLException;

  /** Before a start: the instance's disks as its host opens them, system disk first (long chains shortened first). */
  List<Volume> prepareStart(String instanceId);

  /** After the instance's domain is gone: its disks go with it or become Available. Idempotent. */
  void released(String instanceId);

  /** Removes the disk files an instance that no row owns left on the host (a crash). */
  void releaseOrphanFiles(String instanceId);
}
