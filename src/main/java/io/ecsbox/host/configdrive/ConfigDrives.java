package io.ecsbox.host.configdrive;

import java.nio.file.Path;

/**
 * Writes NoCloud config drives: an ISO 9660 image labelled {@code cidata} holding
 * {@code meta-data} and {@code user-data}, as cloud-init and the tiny image read them.
 */
public interface ConfigDrives {
  /**
   * Writes the drive to {@code iso} (replacing it atomically).
   *
   * @param metaData the meta-data file (YAML: {@code instance-id}, {@code local-hostname})
   * @param userData the decoded user data, possibly empty
   */
  default void write(Path iso, String metaData, byte[] userData) {
    write(iso, metaData, userData, null);
  }

  /**
   * Writes the drive to {@code iso} (replacing it atomically), with a NoCloud
   * {@code network-config} file when {@code networkConfig} is not null.
   */
  void write(Path iso, String metaData, byte[] userData, String networkConfig);

  /**
   * Deletes the drive at {@code iso} and whatever a write interrupted by a crash left beside
   * it (its part file, its staging directory holding the user data). Idempotent.
   */
  void remove(Path iso);
}
