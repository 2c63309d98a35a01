package io.ecsbox.storage;

import io.ecsbox.common.Ids;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * How disk layers are named: {@code volumes/<disk id>-<random>.qcow2} ({@code -flat-<random>} for
 * a layer that flattens a chain), relative to the data directory of the host that holds them
 * (the store keeps them so; an absolute name, e.g. of an image outside it, stays absolute).
 * Names derive from our ids only.
 */
public final class Volumes {
  private static final String FLAT = "flat-";
  private static final Pattern FLAT_NAME = Pattern.compile("volumes/d-[A-Za-z0-9]{1,62}-flat-[a-z0-9]{8}\\.qcow2");

  private Volumes() {}

  /** The store's name of a layer as the agent takes it; null stays null. */
  public static Path path(String file) {
    return file == null ? null : Path.of(file);
  }

  /** A fresh layer file name for the disk. */
  public static String newLayer(String diskId) {
    return layer(diskId, "");
  }

  /**
   * A fresh name for a layer that flattens the chain under the disk's active layer: no snapshot
   * owns it, its child needs it; the name says so to whoever checks the layer tree.
   */
  public static String newFlatLayer(String diskId) {
    return layer(diskId, FLAT);
  }

  /** True when the store's name is one {@link #newFlatLayer} made. */
  public static boolean flat(String file) {
    return file != null && FLAT_NAME.matcher(file).matches();
  }

  private static String layer(String diskId, String kind) {
    if (!diskId.matches("d-[A-Za-z0-9]{1,62}")) {
      throw new IllegalArgumentException("not a disk id: " + diskId);
    }
    return "volumes/" + diskId + "-" + kind + Ids.random(8, "abcdefghijklmnopqrstuvwxyz0123456789") + ".qcow2";
  }

  /** The store's name of a layer the agent named. */
  public static String name(Path file) {
    return file.normalize().toString();
  }
}
