package io.ecsbox.cli.config;

import io.ecsbox.config.ConfigFile;
import io.ecsbox.config.DaemonConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that choose the daemon's configuration: {@code ecsbox daemon} and {@code ecsbox config show} share them. */
public final class DaemonFlags {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Config file of NAME=value lines, the names of the ECSBOX_* variables (default: "
          + "/etc/ecsbox/ecsbox.conf when it exists).")
  Path config;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Where state, images, disks and logs live (default: ECSBOX_DATA_DIR, else /var/lib/ecsbox).")
  String dataDir;

  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      description = "Address the API listens on (default: ECSBOX_LISTEN, else 127.0.0.1:18080).")
  String listen;

  @Option(
      names = "--libvirt-uri",
      paramLabel = "URI",
      description = "libvirt connection to use (default: ECSBOX_LIBVIRT_URI, else qemu:///system).")
  String libvirtUri;

  @Option(
      names = "--metrics-listen",
      paramLabel = "HOST:PORT",
      description = "Serve Prometheus metrics at http://HOST:PORT/metrics (default: ECSBOX_METRICS_LISTEN, else off).")
  String metricsListen;

  @Option(
      names = "--tls",
      paramLabel = "MODE",
      description = "HTTPS for the API: auto, self-signed or off (default: ECSBOX_TLS, else auto: the"
          + " --tls-cert/--tls-key files, else a self-signed certificate off loopback, else plain HTTP).")
  String tls;

  @Option(
      names = "--tls-cert",
      paramLabel = "FILE",
      description = "PEM certificate (chain) for HTTPS, with --tls-key (default: ECSBOX_TLS_CERT).")
  String tlsCert;

  @Option(
      names = "--tls-key",
      paramLabel = "FILE",
      description = "PEM PKCS#8 private key (RSA or EC) of --tls-cert (default: ECSBOX_TLS_KEY).")
  String tlsKey;

  @Option(
      names = "--insecure-http",
      description = "Plain HTTP on a non-loopback address, without certificate files (default:"
          + " ECSBOX_ALLOW_PLAIN_HTTP, else false: HTTPS there).")
  boolean insecureHttp;

  private ConfigFile file;

  public DaemonConfig.Flags flags() {
    return new DaemonConfig.Flags(dataDir, listen, libvirtUri, metricsListen, tls, tlsCert, tlsKey,
        insecureHttp ? "true" : null);
  }

  /** The config file, read once; throws ConfigException when it is bad or an explicit one is missing. */
  public ConfigFile file() {
    if (file == null) {
      file = ConfigFile.load(config, ConfigFile.DEFAULT);
    }
    return file;
  }
}
