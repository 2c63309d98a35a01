package io.ecsbox.storage;

import io.ecsbox.common.Ids;
import java.nio.file.Path;

/**
 * How disk layers are named: {@code volumes/<disk id>-<random>.qcow2}, relative to the data
 * directory of the host that holds them (the store keeps them so; an absolute name, e.g. of an
 * image outside it, stays absolute). Names derive from our ids only.
 */
public final class Volumes {
  private Volumes() {}

  /** The store's name of a layer as the agent takes it; null stays null. */
  public static Path path(String file) {
    return file == null ? null : Path.of(file);
  }

  /** A fresh layer file name for the disk. */
  public static String newLayer(String diskId) {
    if (!diskId.matches("d-[A-Za-z0-9]{1,62}")) {
      throw new IllegalArgumentException("not a disk id: " + diskId);
    }
    return "volumes/" + diskId + "-" + Ids.random(8, "abcdefghijklmnopqrstuvwxyz0123456789") + ".qcow2";
  }

  /** The store's name of a layer the agent named. */
  public static String name(Path file) {
    return file.normalize().toString();
  }
}
