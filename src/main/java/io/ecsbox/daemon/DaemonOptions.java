package io.ecsbox.daemon;

import java.nio.file.Path;

/**
 * How the daemon is started: {@code ecsbox daemon [--data-dir DIR] [--listen HOST:PORT]}.
 *
 * @param dataDir state, images, disks and logs live here (default /var/lib/ecsbox)
 * @param listenHost address the API binds to (default 127.0.0.1)
 * @param listenPort port the API binds to (default 18080)
 * @param libvirtUri libvirt connection (default qemu:///system)
 * @param zones the region's zones, all on this host; the first is the default (from
 *     {@code ECSBOX_ZONES}, comma-separated, else {@code local-1a})
 */
public record DaemonOptions(Path dataDir, String listenHost, int listenPort, String libvirtUri,
    java.util.List<String> zones) {
  public DaemonOptions {
    zones = zones == null || zones.isEmpty() ? zonesFrom(System.getenv("ECSBOX_ZONES")) : java.util.List.copyOf(zones);
    for (String z : zones) {
      if (!z.matches("[a-z0-9][a-z0-9-]{0,62}")) {
        throw new IllegalArgumentException("not a zone id: " + z);
      }
    }
  }

  public DaemonOptions(Path dataDir, String listenHost, int listenPort, String libvirtUri) {
    this(dataDir, listenHost, listenPort, libvirtUri, null);
  }

  static java.util.List<String> zonesFrom(String env) {
    if (env == null || env.isBlank()) {
      return java.util.List.of("local-1a");
    }
    return java.util.Arrays.stream(env.split(",")).map(String::strip).filter(z -> !z.isEmpty()).distinct().toList();
  }

  public static final Path DEFAULT_DATA_DIR = Path.of("/var/lib/ecsbox");
  public static final String DEFAULT_LISTEN = "127.0.0.1:18080";
  public static final String DEFAULT_LIBVIRT_URI = "qemu:///system";
}
