package io.ecsbox.host.configdrive;

import java.nio.file.Path;
import java.util.List;

/**
 * Pure builders of the ISO-making argument lists for a NoCloud drive: volume label
 * {@code cidata}, Joliet and Rock Ridge names (so {@code meta-data} keeps its dash).
 */
public final class IsoArgs {
  /** The volume label cloud-init's NoCloud datasource looks for. */
  public static final String LABEL = "cidata";

  /** The tools that can write the ISO, in order of preference. */
  public enum Tool {
    XORRISO("xorriso"),
    GENISOIMAGE("genisoimage");

    private final String binary;

    Tool(String binary) {
      this.binary = binary;
    }

    public String binary() {
      return binary;
    }
  }

  private IsoArgs() {}

  /** The argv that writes {@code stageDir}'s contents to {@code iso} with {@code tool}. */
  public static List<String> mkisofs(Tool tool, Path iso, Path stageDir) {
    if (!iso.isAbsolute() || !stageDir.isAbsolute()) {
      throw new IllegalArgumentException("paths must be absolute: " + iso + ", " + stageDir);
    }
    String out = iso.toString();
    String dir = stageDir.toString();
    return switch (tool) {
      case XORRISO -> List.of("xorriso", "-as", "mkisofs", "-quiet", "-V", LABEL, "-J", "-r",
          "-o", out, dir);
      case GENISOIMAGE -> List.of("genisoimage", "-quiet", "-V", LABEL, "-J", "-r", "-o", out, dir);
    };
  }
}
