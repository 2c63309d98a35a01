package io.ecsbox.config;

import java.math.BigInteger;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Which settings of an environment and flags are bad, decided apart from the code under test
 * (regexes and the JDK's own parsers), for the random test. Names are flags when a flag is given.
 */
final class SettingsOracle {
  private static final String OCTET = "(0|[1-9][0-9]{0,2})";

  private final Map<String, String> env;
  private final DaemonConfig.Flags flags;
  private final Set<String> bad = new TreeSet<>();

  private SettingsOracle(Map<String, String> env, DaemonConfig.Flags flags) {
    this.env = env;
    this.flags = flags;
  }

  static Set<String> bad(Map<String, String> env, DaemonConfig.Flags flags) {
    SettingsOracle o = new SettingsOracle(env, flags);
    o.run();
    return o.bad;
  }

  /** The stripped value, null when unset or blank. */
  private String v(String name) {
    String x = env.get(name);
    return x == null || x.isBlank() ? null : x.strip();
  }

  private void check(String name, Predicate<String> good) {
    String x = v(name);
    if (x != null && !good.test(x)) {
      bad.add(name);
    }
  }

  /** A flag setting: the flag when given (blank is bad), else its variable. */
  private void checkFlag(String flag, String flagValue, String name, Predicate<String> good) {
    if (flagValue == null) {
      check(name, good);
    } else if (flagValue.isBlank() || !good.test(flagValue.strip())) {
      bad.add(flag);
    }
  }

  private void run() {
    checkFlag("--data-dir", flags.dataDir(), "ECSBOX_DATA_DIR", x -> x.indexOf('\0') < 0);
    checkFlag("--listen", flags.listen(), "ECSBOX_LISTEN", x -> x.matches("(?s)(\\[.*\\]|[^:]+):[+-]?[0-9]+")
        && within(x.substring(x.lastIndexOf(':') + 1), 0, 65535));
    checkFlag("--metrics-listen", flags.metricsListen(), "ECSBOX_METRICS_LISTEN", SettingsOracle::hostPort);
    check("ECSBOX_CONSOLE_LISTEN", SettingsOracle::hostPort);
    tls();
    check("ECSBOX_API_RATE", x -> within(x, 0, Integer.MAX_VALUE));
    check("ECSBOX_API_BURST", x -> within(x, 1, Integer.MAX_VALUE));
    checkFlag("--libvirt-uri", flags.libvirtUri(), "ECSBOX_LIBVIRT_URI", x -> true);
    check("ECSBOX_ZONES", x -> {
      var zones = java.util.Arrays.stream(x.split(",")).map(String::strip).filter(z -> !z.isEmpty()).toList();
      return !zones.isEmpty() && zones.stream().allMatch(z -> z.matches("[a-z0-9][a-z0-9-]{0,62}"));
    });
    check("ECSBOX_ACCEL", x -> x.matches("(?i)auto|kvm|tcg"));
    check("ECSBOX_WORKERS", x -> within(x, 1, Integer.MAX_VALUE));
    check("ECSBOX_CPU_OVERCOMMIT", SettingsOracle::positive);
    check("ECSBOX_MEMORY_OVERCOMMIT", SettingsOracle::positive);
    check("ECSBOX_MEMORY_RESERVE_MIB", x -> within(x, 0, Long.MAX_VALUE));
    check("ECSBOX_POOL_CAPACITY_GIB", x -> within(x, 1, Long.MAX_VALUE));
    check("ECSBOX_SNAPSHOTS_PER_DISK", x -> within(x, 0, Integer.MAX_VALUE));
    check("ECSBOX_AUTO_SNAPSHOTS_PER_DISK", x -> within(x, 1, Integer.MAX_VALUE));
    check("ECSBOX_MAX_CHAIN_DEPTH", x -> within(x, 2, Integer.MAX_VALUE));
    check("ECSBOX_VSWITCHES_PER_VPC", x -> within(x, 1, Integer.MAX_VALUE));
    check("ECSBOX_NETWORK_TAG", x -> x.matches("[a-z0-9]{1,12}"));
    check("ECSBOX_LOG_LEVEL", x -> x.matches("(?i)trace|debug|info|warn|error|off|all"));
    eip();
    String id = v("ECSBOX_ACCESS_KEY_ID");
    String secret = v("ECSBOX_ACCESS_KEY_SECRET");
    if ((id == null) != (secret == null)) {
      bad.add(id == null ? "ECSBOX_ACCESS_KEY_ID" : "ECSBOX_ACCESS_KEY_SECRET");
    }
  }

  private void tls() {
    check("ECSBOX_TLS", x -> x.matches("(?i)auto|self-signed|off"));
    check("ECSBOX_TLS_CERT", x -> x.indexOf('\0') < 0);
    check("ECSBOX_TLS_KEY", x -> x.indexOf('\0') < 0);
    check("ECSBOX_ALLOW_PLAIN_HTTP", x -> x.matches("(?i)true|false"));
    String cert = v("ECSBOX_TLS_CERT");
    String key = v("ECSBOX_TLS_KEY");
    String mode = v("ECSBOX_TLS");
    if ((cert == null) != (key == null)) {
      bad.add(cert == null ? "ECSBOX_TLS_CERT" : "ECSBOX_TLS_KEY");
      return;
    }
    boolean validMode = mode != null && mode.matches("(?i)auto|self-signed|off");
    if (cert != null && validMode && !mode.equalsIgnoreCase("auto")) {
      bad.add("ECSBOX_TLS");
    }
    String allow = v("ECSBOX_ALLOW_PLAIN_HTTP");
    if (cert == null && validMode && mode.equalsIgnoreCase("off") && !loopbackListen()
        && !(allow != null && allow.equalsIgnoreCase("true"))) {
      bad.add("ECSBOX_TLS");
    }
  }

  /** The listen host is 127.x, ::1, localhost or empty; a bad listen value means the default, loopback. */
  private boolean loopbackListen() {
    String listen = flags.listen() != null ? flags.listen() : v("ECSBOX_LISTEN");
    if (listen == null || bad.contains("--listen") || bad.contains("ECSBOX_LISTEN")) {
      return true;
    }
    String host = listen.strip().substring(0, listen.strip().lastIndexOf(':')).replaceAll("^\\[|\\]$", "");
    return host.isEmpty() || host.equalsIgnoreCase("localhost") || host.equals("::1") || host.startsWith("127.");
  }

  private static boolean hostPort(String x) {
    return x.matches("(?s)(\\[.*\\]|[^:]+):[+-]?[0-9]+") && within(x.substring(x.lastIndexOf(':') + 1), 0, 65535);
  }

  private void eip() {
    String cidr = v("ECSBOX_EIP_CIDR");
    String uplink = v("ECSBOX_EIP_UPLINK");
    String gateway = v("ECSBOX_EIP_GATEWAY");
    if (cidr == null) {
      if (uplink != null) {
        bad.add("ECSBOX_EIP_UPLINK");
      }
      if (gateway != null) {
        bad.add("ECSBOX_EIP_GATEWAY");
      }
      return;
    }
    long[] block = block(cidr);
    if (block == null) {
      bad.add("ECSBOX_EIP_CIDR");
    }
    if (uplink == null || !uplink.matches("[A-Za-z0-9_.-]{1,15}")) {
      bad.add("ECSBOX_EIP_UPLINK");
    }
    if (gateway != null) {
      long a = address(gateway);
      if (a < 0 || block != null && (a == block[0] || a == block[1])) {
        bad.add("ECSBOX_EIP_GATEWAY");
      }
    }
  }

  /** {network, broadcast} of a strict a.b.c.d/20-30 block without host bits, else null. */
  private static long[] block(String text) {
    String[] parts = text.split("/", -1);
    if (parts.length != 2 || !parts[1].matches("[0-9]{1,2}")) {
      return null;
    }
    long a = address(parts[0]);
    int prefix = Integer.parseInt(parts[1]);
    long size = 1L << (32 - prefix);
    if (a < 0 || prefix < 20 || prefix > 30 || a % size != 0) {
      return null;
    }
    return new long[] {a, a + size - 1};
  }

  /** A strict dotted quad as an unsigned value, else -1. */
  static long address(String text) {
    if (!text.matches(OCTET + "(\\." + OCTET + "){3}")) {
      return -1;
    }
    long a = 0;
    for (String p : text.split("\\.")) {
      if (Integer.parseInt(p) > 255) {
        return -1;
      }
      a = a * 256 + Integer.parseInt(p);
    }
    return a;
  }

  static boolean within(String x, long min, long max) {
    return x.matches("[+-]?[0-9]+") && new BigInteger(x).compareTo(BigInteger.valueOf(min)) >= 0
        && new BigInteger(x).compareTo(BigInteger.valueOf(max)) <= 0;
  }

  private static boolean positive(String x) {
    try {
      return Double.parseDouble(x) > 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
