package io.ecsbox.cli;

import io.ecsbox.config.ConfigException;
import io.ecsbox.config.DaemonConfig;
import io.ecsbox.daemon.Daemon;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ecsbox daemon}: runs the API server, scheduler and local agent until stopped. */
@Command(
    name = "daemon",
    mixinStandardHelpOptions = true,
    description = {
      "Run the ecsbox daemon in the foreground: the ECS API, the scheduler and the agent"
          + " that drives libvirt on this host. Stops on SIGTERM or Ctrl-C; running guests"
          + " keep running.",
      "Needs libvirtd (see 'ecsbox doctor'). Every setting is checked at start; a bad one stops"
          + " the daemon naming it (exit code 2). Settings: README.md, section Settings."
    })
public final class DaemonCommand implements Callable<Integer> {
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

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    DaemonConfig config;
    try {
      config = DaemonConfig.load(System.getenv(), new DaemonConfig.Flags(dataDir, listen, libvirtUri,
          tls, tlsCert, tlsKey, insecureHttp ? "true" : null));
    } catch (ConfigException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Invalid configuration:\n" + e.getMessage());
    }
    return Daemon.run(config);
  }
}
