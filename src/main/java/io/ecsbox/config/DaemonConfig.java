package io.ecsbox.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The daemon's whole configuration, typed and checked: made once at start by {@link #load},
 * which reads every {@link Settings setting} and throws one {@link ConfigException} naming all
 * bad values. {@link #toString()} and {@link #describe()} never show secrets.
 *
 * @param dataDir      absolute and normalized
 * @param zones        at least one; the first is the default zone
 * @param workers      host operations at once
 * @param bootstrapKey the admin key to create at first start; empty: generate one
 * @param metricsListen where Prometheus metrics are served; empty: nowhere
 * @param consoleListen where the consoles' WebSocket proxy listens
 */
public record DaemonConfig(Path dataDir, Listen listen, Tls tls, Api api, Hypervisor hypervisor, List<String> zones,
    int workers, Overcommit overcommit, Storage storage, Network network, LogLevel logLevel,
    Optional<AccessKey> bootstrapKey, Optional<Listen> metricsListen, Listen consoleListen) {

  public DaemonConfig {
    Objects.requireNonNull(dataDir);
    Objects.requireNonNull(listen);
    Objects.requireNonNull(tls);
    Objects.requireNonNull(api);
    Objects.requireNonNull(hypervisor);
    zones = List.copyOf(zones);
    Objects.requireNonNull(overcommit);
    Objects.requireNonNull(storage);
    Objects.requireNonNull(network);
    Objects.requireNonNull(logLevel);
    Objects.requireNonNull(bootstrapKey);
    Objects.requireNonNull(metricsListen);
    Objects.requireNonNull(consoleListen);
  }

  /** The {@code ecsbox daemon} options as given, each null when not given. */
  public record Flags(String dataDir, String listen, String libvirtUri, String metricsListen, String tls, String tlsCert,
      String tlsKey, String insecureHttp) {
    public static final Flags NONE = new Flags(null, null, null);

    public Flags(String dataDir, String listen, String libvirtUri) {
      this(dataDir, listen, libvirtUri, null, null, null, null, null);
    }

    String value(String flag) {
      return switch (flag) {
        case "--data-dir" -> dataDir;
        case "--listen" -> listen;
        case "--libvirt-uri" -> libvirtUri;
        case "--metrics-listen" -> metricsListen;
        case "--tls" -> tls;
        case "--tls-cert" -> tlsCert;
        case "--tls-key" -> tlsKey;
        case "--insecure-http" -> insecureHttp;
        default -> throw new IllegalArgumentException(flag);
      };
    }
  }

  /** Where the API listens; {@code host} is an IPv6 address without brackets, or a name or IPv4 address. */
  public record Listen(String host, int port) {
    @Override
    public String toString() {
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
  }

  /**
   * Per-account throttling of API calls: a bucket of {@code burst} calls refilled at
   * {@code ratePerSecond}; a rate of 0 turns it off.
   */
  public record Api(int ratePerSecond, int burst) {}

  /**
   * @param accel ECSBOX_ACCEL; empty: {@code /etc/ecsbox/accel} decides, else auto (as today, an
   *     explicit AUTO skips that file)
   */
  public record Hypervisor(String libvirtUri, Optional<AccelMode> accel) {}

  /** @param memoryReserveMiB kept for the host; empty: 1024 MiB or 5% of its memory, the larger */
  public record Overcommit(double cpu, double memory, Optional<Long> memoryReserveMiB) {
    /** The reserve on a host of {@code hostMemoryMiB}. */
    public long reserveMiB(long hostMemoryMiB) {
      return memoryReserveMiB.orElse(Math.max(1024, hostMemoryMiB / 20));
    }
  }

  public record Storage(long poolCapacityGiB, int snapshotsPerDisk, int autoSnapshotsPerDisk, int maxChainDepth) {}

  /** @param tag the scope of host network objects: ECSBOX_NETWORK_TAG or the one derived from the data dir */
  public record Network(String tag, int vSwitchesPerVpc, Optional<Eip> eip) {}

  /**
   * EIPs are on: the public range, its bridge and the next hop, all checked.
   *
   * @param cidr    a /20 to /30 block, canonical ({@code 198.51.100.0/24})
   * @param gateway an IPv4 address, not the range's network or broadcast address (it may lie outside)
   */
  public record Eip(String cidr, String uplink, String gateway) {}

  /** The admin key for the first start. Its toString hides both parts. */
  public record AccessKey(String id, String secret) {
    @Override
    public String toString() {
      return "AccessKey[hidden]";
    }
  }

  /** The defaults: what an empty environment and no flags give. */
  public static DaemonConfig defaults() {
    return load(Map.of(), Flags.NONE);
  }

  /**
   * Reads every setting, {@code flags} before {@code env} before defaults; a blank variable is
   * unset. Throws ConfigException listing every bad value, in {@link Settings#ALL} order.
   */
  public static DaemonConfig load(Map<String, String> env, Flags flags) {
    return load(env, flags, ConfigFile.NONE);
  }

  /** As {@link #load(Map, Flags)}, with {@code file}'s values under those of the environment. */
  public static DaemonConfig load(Map<String, String> env, Flags flags, ConfigFile file) {
    return read(new Reader(env, flags, file));
  }

  /** One effective setting for {@code ecsbox config show}: its value as shown (secrets masked) and where it came from. */
  public record Shown(Setting<?> setting, String value, String source) {}

  /**
   * Every setting's effective value and its source, in {@link Settings#ALL} order; throws
   * ConfigException as {@link #load} does.
   */
  public static List<Shown> show(Map<String, String> env, Flags flags, ConfigFile file) {
    Reader r = new Reader(env, flags, file);
    DaemonConfig c = read(r);
    return Settings.ALL.stream().map(s -> new Shown(s, c.shownValue(s), r.source(s))).toList();
  }

  private static DaemonConfig read(Reader r) {
    Path dataDir = r.get(Settings.DATA_DIR);
    Listen listen = r.get(Settings.LISTEN);
    Optional<Listen> metricsListen = r.optional(Settings.METRICS_LISTEN);
    Listen consoleListen = r.optional(Settings.CONSOLE_LISTEN).orElse(new Listen(listen.host(),
        listen.port() == 0 || listen.port() == 65535 ? 0 : listen.port() + 1));
    Tls tls = Tls.decide(r, isLoopback(listen.host()), listen.toString());
    Api api = new Api(r.get(Settings.API_RATE), r.get(Settings.API_BURST));
    Hypervisor hypervisor = new Hypervisor(r.get(Settings.LIBVIRT_URI), r.optional(Settings.ACCEL));
    List<String> zones = r.get(Settings.ZONES);
    int workers = r.get(Settings.WORKERS);
    Overcommit overcommit = new Overcommit(r.get(Settings.CPU_OVERCOMMIT), r.get(Settings.MEMORY_OVERCOMMIT),
        r.optional(Settings.MEMORY_RESERVE_MIB));
    Storage storage = new Storage(r.get(Settings.POOL_CAPACITY_GIB), r.get(Settings.SNAPSHOTS_PER_DISK),
        r.get(Settings.AUTO_SNAPSHOTS_PER_DISK), r.get(Settings.MAX_CHAIN_DEPTH));
    String tag = r.optional(Settings.NETWORK_TAG).orElseGet(() -> Values.derivedTag(dataDir));
    Network network = new Network(tag, r.get(Settings.VSWITCHES_PER_VPC), eip(r));
    LogLevel logLevel = r.get(Settings.LOG_LEVEL);
    Optional<AccessKey> key = bootstrapKey(r);
    r.throwIfAny();
    return new DaemonConfig(dataDir, listen, tls, api, hypervisor, zones, workers, overcommit, storage, network, logLevel, key,
        metricsListen, consoleListen);
  }

  // without a DNS lookup: an IP literal by its value, of names only localhost ("" binds there too)
  static boolean isLoopback(String host) {
    if (host.isEmpty() || host.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!host.contains(":") && !host.matches("[0-9.]+")) {
      return false;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  // EipConfig.fromEnv's rules: the range turns EIPs on and needs the uplink; neither other one goes alone
  private static Optional<Eip> eip(Reader r) {
    if (!r.isSet(Settings.EIP_CIDR)) {
      for (Setting<String> s : List.of(Settings.EIP_UPLINK, Settings.EIP_GATEWAY)) {
        if (r.isSet(s)) {
          r.reject(s, "no value while ECSBOX_EIP_CIDR is unset (set ECSBOX_EIP_CIDR to the public range,"
              + " e.g. 198.51.100.0/24, or unset " + s.env() + ")");
        }
      }
      return Optional.empty();
    }
    Optional<String> cidr = r.optional(Settings.EIP_CIDR);
    Optional<String> uplink = r.optional(Settings.EIP_UPLINK);
    if (!r.isSet(Settings.EIP_UPLINK)) {
      r.missing(Settings.EIP_UPLINK, Settings.EIP_UPLINK.accepts());
    }
    Optional<String> gateway = r.optional(Settings.EIP_GATEWAY);
    if (cidr.isEmpty()) {
      return Optional.empty();
    }
    Values.Block block = Values.eipBlock(cidr.get());
    if (gateway.isPresent()) {
      int gw = Values.address(gateway.get());
      if (gw == block.network() || gw == block.last()) {
        r.reject(Settings.EIP_GATEWAY, Settings.EIP_GATEWAY.accepts() + " (" + block + ")");
        return Optional.empty();
      }
    }
    return uplink.map(u -> new Eip(cidr.get(), u, gateway.orElseGet(() -> Values.format(block.network() + 1))));
  }

  // Credentials.bootstrap uses the pair only when both are set; one alone is a mistake, not a request
  private static Optional<AccessKey> bootstrapKey(Reader r) {
    Optional<String> id = r.optional(Settings.ACCESS_KEY_ID);
    Optional<String> secret = r.optional(Settings.ACCESS_KEY_SECRET);
    if (id.isPresent() != secret.isPresent()) {
      Setting<String> unset = id.isPresent() ? Settings.ACCESS_KEY_SECRET : Settings.ACCESS_KEY_ID;
      r.missing(unset, unset.accepts());
      return Optional.empty();
    }
    return id.map(i -> new AccessKey(i, secret.orElseThrow()));
  }

  /** One line per setting, {@code NAME = value}; secrets show only whether they are set. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    for (Setting<?> s : Settings.ALL) {
      String name = s.env() + (s.flag() == null ? "" : " (" + s.flag() + ")");
      sb.append(name).append(" = ").append(shownValue(s)).append('\n');
    }
    return sb.toString();
  }

  /** The value of {@code s} as printed: {@code (unset)}, {@code (set, hidden)} for a secret, else the value. */
  private String shownValue(Setting<?> s) {
    Object v = s.shown().apply(this);
    if (v instanceof Optional<?> o) {
      if (o.isEmpty()) {
        return "(unset)";
      }
      v = o.get();
    }
    return s.secret() ? "(set, hidden)" : String.valueOf(v);
  }

  @Override
  public String toString() {
    return "DaemonConfig:\n" + describe();
  }
}
