package io.ecsbox.storage;

import io.ecsbox.common.Ids;
import java.nio.file.Path;

/**
 * Where disk layers live: {@code DATA_DIR/volumes/<disk id>-<random>.qcow2}. The store keeps
 * paths relative to the data dir (absolute ones, e.g. of an image outside it, stay absolute).
 * Names derive from our ids only.
 */
public record Volumes(Path dataDir) {
  public Volumes {
    dataDir = dataDir.toAbsolutePath().normalize();
  }

  public Path resolve(String file) {
    return file == null ? null : dataDir.resolve(file);
  }

  /** A fresh layer file name for the disk, relative to the data dir. */
  public String newLayer(String diskId) {
    if (!diskId.matches("d-[A-Za-z0-9]{1,62}")) {
      throw new IllegalArgumentException("not a disk id: " + diskId);
    }
    return "volumes/" + diskId + "-" + Ids.random(8, "abcdefghijklmnopqrstuvwxyz0123456789") + ".qcow2";
  }

  /** The store's name of a file: relative when inside the data dir. */
  public String relative(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    return abs.startsWith(dataDir) ? dataDir.relativize(abs).toString() : abs.toString();
  }
}
