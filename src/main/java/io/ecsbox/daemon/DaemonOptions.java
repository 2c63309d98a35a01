package io.ecsbox.daemon;

import java.nio.file.Path;

/**
 * How the daemon is started: {@code ecsbox daemon [--data-dir DIR] [--listen HOST:PORT]}.
 *
 * @param dataDir state, images, disks and logs live here (default /var/lib/ecsbox)
 * @param listenHost address the API binds to (default 127.0.0.1)
 * @param listenPort port the API binds to (default 18080)
 * @param libvirtUri libvirt connection (default qemu:///system)
 */
public record DaemonOptions(Path dataDir, String listenHost, int listenPort, String libvirtUri) {
  public static final Path DEFAULT_DATA_DIR = Path.of("/var/lib/ecsbox");
  public static final String DEFAULT_LISTEN = "127.0.0.1:18080";
  public static final String DEFAULT_LIBVIRT_URI = "qemu:///system";
}
