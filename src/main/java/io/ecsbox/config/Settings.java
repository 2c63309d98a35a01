package io.ecsbox.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every setting the daemon reads, in the order the README lists them. Defaults and accepted
 * values are those of the readers this replaces (Daemon, DaemonOptions, Accel, Credentials,
 * Scheduler.ratio, EipConfig.fromEnv, NetworkScope.tagFor, cli.HostPort, logback.xml).
 */
public final class Settings {
  /** A constant, so the CLI can name the default without loading every setting. */
  public static final String DEFAULT_DATA_DIR_TEXT = "/var/lib/ecsbox";
  public static final Path DEFAULT_DATA_DIR = Path.of(DEFAULT_DATA_DIR_TEXT);
  public static final String DEFAULT_LIBVIRT_URI = "qemu:///system";
  private static final String WHOLE_INT = " to 2147483647";

  public static final Setting<Path> DATA_DIR = new Setting<>("ECSBOX_DATA_DIR", "--data-dir", DEFAULT_DATA_DIR,
      "`/var/lib/ecsbox`", "a directory path",
      "State (the SQLite store), images, disks, instance files and admin.credentials.",
      false, Values::path, DaemonConfig::dataDir);
  public static final Setting<DaemonConfig.Listen> LISTEN = new Setting<>("ECSBOX_LISTEN", "--listen",
      new DaemonConfig.Listen("127.0.0.1", 18080), "`127.0.0.1:18080`",
      "HOST:PORT with a port of 0-65535 (0: any free port), an IPv6 host in brackets (e.g. 127.0.0.1:18080 or [::1]:18080)",
      "Address the ECS API listens on.", false, Values::listen, DaemonConfig::listen);
  public static final Setting<DaemonConfig.Listen> METRICS_LISTEN = new Setting<>("ECSBOX_METRICS_LISTEN",
      "--metrics-listen", null, "unset: no metrics",
      "HOST:PORT with a port of 0-65535 (0: any free port), an IPv6 host in brackets (e.g. 127.0.0.1:19090)",
      "Address that serves Prometheus metrics at /metrics (API calls, instances, host operations, JVM).", false,
      Values::listen, DaemonConfig::metricsListen);
  public static final Setting<DaemonConfig.Listen> CONSOLE_LISTEN = new Setting<>("ECSBOX_CONSOLE_LISTEN", null, null,
      "the API's host, its port + 1 (any free port when the API's port is 0)",
      "HOST:PORT with a port of 0-65535 (0: any free port), an IPv6 host in brackets (e.g. 127.0.0.1:18081)",
      "Address of the consoles' WebSocket proxy (the VNC and serial console URLs); TLS when the API has TLS.",
      false, Values::listen, DaemonConfig::consoleListen);
  public static final Setting<TlsMode> TLS = new Setting<>("ECSBOX_TLS", "--tls", TlsMode.AUTO, "`auto`",
      "auto, self-signed or off (any case)",
      "HTTPS for the API. auto: the ECSBOX_TLS_CERT/KEY files when given, else a self-signed certificate"
          + " (made at first start in DATA_DIR/tls/) when ECSBOX_LISTEN is not a loopback address (unless"
          + " ECSBOX_ALLOW_PLAIN_HTTP), else plain HTTP; self-signed: that certificate on any address; off: plain"
          + " HTTP (off loopback only with ECSBOX_ALLOW_PLAIN_HTTP).", false, TlsMode::parse, c -> c.tls().mode());
  public static final Setting<Path> TLS_CERT = new Setting<>("ECSBOX_TLS_CERT", "--tls-cert", null, "unset",
      "a PEM certificate file (the chain, leaf first), set together with ECSBOX_TLS_KEY",
      "The API's HTTPS certificate.", false, Values::path, c -> c.tls().cert());
  public static final Setting<Path> TLS_KEY = new Setting<>("ECSBOX_TLS_KEY", "--tls-key", null, "unset",
      "a PEM PKCS#8 RSA or EC private key file (BEGIN PRIVATE KEY), set together with ECSBOX_TLS_CERT",
      "The private key of ECSBOX_TLS_CERT.", false, Values::path, c -> c.tls().key());
  public static final Setting<Boolean> ALLOW_PLAIN_HTTP = new Setting<>("ECSBOX_ALLOW_PLAIN_HTTP",
      "--insecure-http", false, "`false`", "true or false",
      "Insists on plain HTTP on a non-loopback address when no certificate files are given (ECSBOX_TLS auto or"
          + " off): keys and signatures cross the network in the clear.", false,
      Values::bool, c -> c.tls().plainAllowed());
  public static final Setting<Integer> API_RATE = new Setting<>("ECSBOX_API_RATE", null, 100, "`100`",
      "a whole number from 0" + WHOLE_INT + " (0: no throttling)",
      "API calls a second each account may make on average; beyond it and the burst, ECS's Throttling error.",
      false, v -> Values.wholeInt(v, 0), c -> c.api().ratePerSecond());
  public static final Setting<Integer> API_BURST = new Setting<>("ECSBOX_API_BURST", null, 200, "`200`",
      "a whole number from 1" + WHOLE_INT, "API calls each account may make at once before ECSBOX_API_RATE applies.",
      false, v -> Values.wholeInt(v, 1), c -> c.api().burst());
  public static final Setting<String> LIBVIRT_URI = new Setting<>("ECSBOX_LIBVIRT_URI", "--libvirt-uri",
      DEFAULT_LIBVIRT_URI, "`qemu:///system`", "a libvirt connection URI or alias (e.g. qemu:///system)",
      "The libvirt connection guests run under.", false, v -> v, c -> c.hypervisor().libvirtUri());
  public static final Setting<List<String>> ZONES = new Setting<>("ECSBOX_ZONES", null, List.of("local-1a"),
      "`local-1a`", "zone ids separated by commas, at least one, each 1-63 of a-z, 0-9 and '-' not starting with '-'",
      "The region's zones, all on this host; the first is the default.", false, Values::zones,
      c -> String.join(",", c.zones()));
  public static final Setting<AccelMode> ACCEL = new Setting<>("ECSBOX_ACCEL", null, null,
      "what `/etc/ecsbox/accel` says, else `auto`", "auto, kvm or tcg (any case)",
      "KVM or TCG for guests; kvm stops the daemon when libvirt offers no KVM.", false,
      v -> Values.oneOf(AccelMode.class, v), c -> c.hypervisor().accel());
  public static final Setting<Integer> WORKERS = new Setting<>("ECSBOX_WORKERS", null, 8, "`8`",
      "a whole number from 1" + WHOLE_INT, "How many host operations run at once.", false,
      v -> Values.wholeInt(v, 1), DaemonConfig::workers);
  public static final Setting<Double> CPU_OVERCOMMIT = new Setting<>("ECSBOX_CPU_OVERCOMMIT", null, 64.0, "`64`",
      "a number greater than 0 (e.g. 64 or 1.5)",
      "Instances are admitted while their vCPUs fit the host's CPUs times this.", false, Values::positive,
      c -> c.overcommit().cpu());
  public static final Setting<Double> MEMORY_OVERCOMMIT = new Setting<>("ECSBOX_MEMORY_OVERCOMMIT", null, 1.0,
      "`1` (no overcommit, as ECS)", "a number greater than 0 (e.g. 1, or 4 for a lab of small idle guests)",
      "Instances are admitted while their memory fits the host's memory (less the reserve) times this; above 1,"
          + " a start also needs the memory the host has available now.", false, Values::positive,
      c -> c.overcommit().memory());
  public static final Setting<Long> MEMORY_RESERVE_MIB = new Setting<>("ECSBOX_MEMORY_RESERVE_MIB", null, null,
      "1024 MiB or 5% of the host's memory, the larger", "a whole number of MiB, at least 0",
      "Memory kept for the host itself (kernel, libvirt, the daemon); guests are admitted against the rest.",
      false, v -> Values.whole(v, 0, Long.MAX_VALUE), c -> c.overcommit().memoryReserveMiB());
  public static final Setting<Long> POOL_CAPACITY_GIB = new Setting<>("ECSBOX_POOL_CAPACITY_GIB", null,
      128L * 1024, "`131072` (128 TiB)", "a whole number of GiB, at least 1",
      "What the storage pool promises at most (disks are thin); beyond it, disks are refused (NoStock).", false,
      v -> Values.whole(v, 1, Long.MAX_VALUE), c -> c.storage().poolCapacityGiB());
  public static final Setting<Integer> SNAPSHOTS_PER_DISK = new Setting<>("ECSBOX_SNAPSHOTS_PER_DISK", null, 64,
      "`64`", "a whole number from 0" + WHOLE_INT + " (0: no manual snapshots)",
      "Manual snapshots a disk may have; beyond it, QuotaExceed.Snapshot.", false, v -> Values.wholeInt(v, 0),
      c -> c.storage().snapshotsPerDisk());
  public static final Setting<Integer> AUTO_SNAPSHOTS_PER_DISK = new Setting<>("ECSBOX_AUTO_SNAPSHOTS_PER_DISK",
      null, 64, "`64`", "a whole number from 1" + WHOLE_INT,
      "Automatic snapshots a disk keeps; a new one deletes the oldest beyond it.", false,
      v -> Values.wholeInt(v, 1), c -> c.storage().autoSnapshotsPerDisk());
  public static final Setting<Integer> MAX_CHAIN_DEPTH = new Setting<>("ECSBOX_MAX_CHAIN_DEPTH", null, 16, "`16`",
      "a whole number from 2" + WHOLE_INT,
      "A disk whose layer chain is deeper is flattened before a guest next opens it.", false,
      v -> Values.wholeInt(v, 2), c -> c.storage().maxChainDepth());
  public static final Setting<Integer> VSWITCHES_PER_VPC = new Setting<>("ECSBOX_VSWITCHES_PER_VPC", null, 24,
      "`24`", "a whole number from 1" + WHOLE_INT, "vSwitches a VPC may have; beyond it, QuotaExceeded.VSwitch.",
      false, v -> Values.wholeInt(v, 1), c -> c.network().vSwitchesPerVpc());
  public static final Setting<String> NETWORK_TAG = new Setting<>("ECSBOX_NETWORK_TAG", null, null,
      "`main` for `/var/lib/ecsbox`, else derived from the data dir's path", "1-12 of a-z and 0-9",
      "Scope of this daemon's host network objects; a daemon removes stale objects of its own scope only.",
      false, Values::tag, c -> c.network().tag());
  public static final Setting<String> EIP_CIDR = new Setting<>("ECSBOX_EIP_CIDR", null, null,
      "unset: EIPs are off", "an IPv4 block from /20 to /30 without host bits (e.g. 198.51.100.0/24)",
      "The public range for EIPs and NAT public IPs.", false, v -> Values.eipBlock(v).toString(),
      c -> c.network().eip().map(DaemonConfig.Eip::cidr));
  public static final Setting<String> EIP_UPLINK = new Setting<>("ECSBOX_EIP_UPLINK", null, null, "unset",
      "the name of a Linux bridge, 1-15 of A-Z, a-z, 0-9, '_', '.' and '-', set together with ECSBOX_EIP_CIDR",
      "The existing host bridge that carries the public range.", false, Values::bridge,
      c -> c.network().eip().map(DaemonConfig.Eip::uplink));
  public static final Setting<String> EIP_GATEWAY = new Setting<>("ECSBOX_EIP_GATEWAY", null, null,
      "the range's first usable address",
      "an IPv4 address (e.g. 198.51.100.1), not the network or broadcast address of ECSBOX_EIP_CIDR",
      "Next hop on the uplink for the vRouters; set only with ECSBOX_EIP_CIDR.", false,
      v -> Values.format(Values.address(v)),
      c -> c.network().eip().map(DaemonConfig.Eip::gateway));
  public static final Setting<LogLevel> LOG_LEVEL = new Setting<>("ECSBOX_LOG_LEVEL", null, LogLevel.INFO,
      "`INFO`", "TRACE, DEBUG, INFO, WARN, ERROR, OFF or ALL (any case)", "The daemon's log level.", false,
      v -> Values.oneOf(LogLevel.class, v), DaemonConfig::logLevel);
  public static final Setting<String> ACCESS_KEY_ID = new Setting<>("ECSBOX_ACCESS_KEY_ID", null, null,
      "unset: generated", "any text, set together with ECSBOX_ACCESS_KEY_SECRET",
      "The admin's AccessKeyId, read at first start only (then in admin.credentials).", true, v -> v,
      c -> c.bootstrapKey().map(DaemonConfig.AccessKey::id));
  public static final Setting<String> ACCESS_KEY_SECRET = new Setting<>("ECSBOX_ACCESS_KEY_SECRET", null, null,
      "unset: generated", "any text, set together with ECSBOX_ACCESS_KEY_ID",
      "The admin's AccessKeySecret, read at first start only.", true, v -> v,
      c -> c.bootstrapKey().map(DaemonConfig.AccessKey::secret));

  /** All of them, in README order. */
  public static final List<Setting<?>> ALL = List.of(DATA_DIR, LISTEN, METRICS_LISTEN, CONSOLE_LISTEN, TLS, TLS_CERT, TLS_KEY, ALLOW_PLAIN_HTTP, API_RATE, API_BURST, LIBVIRT_URI, ZONES, ACCEL, WORKERS,
      CPU_OVERCOMMIT, MEMORY_OVERCOMMIT, MEMORY_RESERVE_MIB, POOL_CAPACITY_GIB, SNAPSHOTS_PER_DISK, AUTO_SNAPSHOTS_PER_DISK,
      MAX_CHAIN_DEPTH, VSWITCHES_PER_VPC, NETWORK_TAG, EIP_CIDR, EIP_UPLINK, EIP_GATEWAY, LOG_LEVEL,
      ACCESS_KEY_ID, ACCESS_KEY_SECRET);

  // ECSBOX_* variables only the CLI (or its launcher script) reads
  private static final Set<String> CLIENT_ONLY = Set.of("ECSBOX_ENDPOINT", "ECSBOX_REGION_ID", "ECSBOX_CONFIG",
      "ECSBOX_IMAGE_CATALOG", "ECSBOX_JAVA_OPTS", "ECSBOX_PROFILE");

  private Settings() {}

  /** {@code ECSBOX_*} names in {@code env} that no setting and no CLI variable has: likely typos, worth a warning. */
  public static List<String> unrecognized(Map<String, String> env) {
    Set<String> known = ALL.stream().map(Setting::env).collect(java.util.stream.Collectors.toSet());
    return env.keySet().stream().filter(k -> k.startsWith("ECSBOX_"))
        .filter(k -> !known.contains(k) && !CLIENT_ONLY.contains(k)).sorted().toList();
  }

  /** The README's table: one row per setting, name (and flag), default, what it accepts, what it does. */
  public static String markdownTable() {
    StringBuilder sb = new StringBuilder("| Variable | Default | Accepts | Description |\n|---|---|---|---|\n");
    for (Setting<?> s : ALL) {
      String name = Stream.of(s.env(), s.flag()).filter(n -> n != null).map(n -> "`" + n + "`")
          .reduce((a, b) -> a + ", " + b).orElseThrow();
      String description = s.description() + (s.secret() ? " Secret: never printed." : "");
      sb.append("| ").append(name).append(" | ").append(cell(s.defaultText())).append(" | ").append(cell(s.accepts()))
          .append(" | ").append(cell(description)).append(" |\n");
    }
    return sb.toString();
  }

  /**
   * A config file with every setting commented out: what it does, what it accepts and its
   * default, then {@code #NAME=} (with the default where it is a plain value). Uncommenting
   * a line with a value sets the default explicitly.
   */
  public static String configTemplate() {
    StringBuilder sb = new StringBuilder("""
        # ecsbox daemon settings: NAME=value, the names of the ECSBOX_* environment variables.
        # Precedence: `ecsbox daemon` flags > environment > this file > defaults.
        # `ecsbox config show` prints the effective values and where each comes from.
        # systemd's EnvironmentFile= reads this file too, so the launcher's ECSBOX_JAVA_OPTS and
        # MALLOC_ARENA_MAX may be set here as well.
        """);
    for (Setting<?> s : ALL) {
      sb.append("\n# ").append(s.description()).append(s.secret() ? " Secret: keep this file mode 0600." : "")
          .append("\n# Accepts ").append(s.accepts()).append(".\n# Default: ")
          .append(s.defaultText().replace("`", "")).append("\n#").append(s.env()).append('=')
          .append(s.defaultValue() == null ? "" : plain(s.defaultValue())).append('\n');
    }
    return sb.toString();
  }

  private static String plain(Object value) {
    if (value instanceof List<?> l) {
      return String.join(",", l.stream().map(String::valueOf).toList());
    }
    if (value instanceof Double d && d == Math.rint(d)) {
      return String.valueOf(d.longValue());
    }
    return String.valueOf(value);
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
