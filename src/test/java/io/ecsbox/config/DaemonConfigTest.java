package io.ecsbox.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.config.DaemonConfig.Flags;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** DaemonConfig.load: defaults, each setting's good and bad values, precedence, problems together, secrets. */
class DaemonConfigTest {
  private static final Flags NO_FLAGS = Flags.NONE;

  private static DaemonConfig load(Map<String, String> env) {
    return DaemonConfig.load(env, NO_FLAGS);
  }

  private static ConfigException error(Map<String, String> env, Flags flags) {
    return assertThrows(ConfigException.class, () -> DaemonConfig.load(env, flags));
  }

  @Test
  void anEmptyEnvironmentGivesTodaysDefaults() {
    DaemonConfig c = DaemonConfig.defaults();
    assertEquals(Path.of("/var/lib/ecsbox"), c.dataDir());
    assertEquals(new DaemonConfig.Listen("127.0.0.1", 18080), c.listen());
    assertEquals("127.0.0.1:18080", c.listen().toString());
    assertEquals(new DaemonConfig.Api(100, 200), c.api());
    assertEquals(new DaemonConfig.Hypervisor("qemu:///system", Optional.empty()), c.hypervisor());
    assertEquals(List.of("local-1a"), c.zones());
    assertEquals(8, c.workers());
    assertEquals(new DaemonConfig.Overcommit(64.0, 1.0, Optional.empty()), c.overcommit());
    assertEquals(new DaemonConfig.Storage(131072L, 64, 64, 16), c.storage());
    assertEquals(new DaemonConfig.Network("main", 24, Optional.empty()), c.network());
    assertEquals(LogLevel.INFO, c.logLevel());
    assertEquals(Optional.empty(), c.bootstrapKey());
    assertEquals(c, load(Settings.ALL.stream().collect(Collectors.toMap(Setting::env, s -> " \t"))),
        "blank variables are unset");
  }

  @Test
  void valuesAreTyped() {
    DaemonConfig c = load(Map.ofEntries(Map.entry("ECSBOX_DATA_DIR", "/srv/ecs/../ecsbox"),
        Map.entry("ECSBOX_LISTEN", "[::1]:9000"), Map.entry("ECSBOX_LIBVIRT_URI", "test:///default"),
        Map.entry("ECSBOX_API_RATE", "0"), Map.entry("ECSBOX_API_BURST", " 5"),
        Map.entry("ECSBOX_ZONES", " z-b , z-a,,z-b "), Map.entry("ECSBOX_ACCEL", "TCG"),
        Map.entry("ECSBOX_WORKERS", " 3 "), Map.entry("ECSBOX_CPU_OVERCOMMIT", "1.5"),
        Map.entry("ECSBOX_MEMORY_OVERCOMMIT", "2"), Map.entry("ECSBOX_POOL_CAPACITY_GIB", "9000000000"),
        Map.entry("ECSBOX_SNAPSHOTS_PER_DISK", "0"), Map.entry("ECSBOX_AUTO_SNAPSHOTS_PER_DISK", "1"),
        Map.entry("ECSBOX_MAX_CHAIN_DEPTH", "2"), Map.entry("ECSBOX_VSWITCHES_PER_VPC", "+5"),
        Map.entry("ECSBOX_EIP_CIDR", "203.0.113.0/30"), Map.entry("ECSBOX_EIP_UPLINK", "br-pub"),
        Map.entry("ECSBOX_LOG_LEVEL", "warn"), Map.entry("ECSBOX_ACCESS_KEY_ID", "LTAIx"),
        Map.entry("ECSBOX_ACCESS_KEY_SECRET", "s3")));
    assertEquals(Path.of("/srv/ecsbox"), c.dataDir());
    assertEquals(new DaemonConfig.Listen("::1", 9000), c.listen());
    assertEquals("[::1]:9000", c.listen().toString());
    assertEquals(new DaemonConfig.Api(0, 5), c.api());
    assertEquals(new DaemonConfig.Hypervisor("test:///default", Optional.of(AccelMode.TCG)), c.hypervisor());
    assertEquals(List.of("z-b", "z-a"), c.zones());
    assertEquals(3, c.workers());
    assertEquals(new DaemonConfig.Overcommit(1.5, 2.0, Optional.empty()), c.overcommit());
    assertEquals(new DaemonConfig.Storage(9_000_000_000L, 0, 1, 2), c.storage());
    assertEquals(5, c.network().vSwitchesPerVpc());
    assertTrue(c.network().tag().matches("d[a-z2-7]{11}"), c.network().tag());
    assertEquals(Optional.of(new DaemonConfig.Eip("203.0.113.0/30", "br-pub", "203.0.113.1")), c.network().eip());
    assertEquals(LogLevel.WARN, c.logLevel());
    assertEquals(Optional.of(new DaemonConfig.AccessKey("LTAIx", "s3")), c.bootstrapKey());
  }

  @Test
  void theNetworkTagIsMainForTheDefaultDirElseDerivedFromThePathUnlessSet() {
    assertEquals("main", DaemonConfig.load(Map.of(), new Flags("/var/lib/./ecsbox/", null, null)).network().tag());
    String a = DaemonConfig.load(Map.of(), new Flags("/tmp/a", null, null)).network().tag();
    String b = DaemonConfig.load(Map.of(), new Flags("/tmp/b", null, null)).network().tag();
    assertFalse(a.equals(b), a);
    assertEquals(a, DaemonConfig.load(Map.of(), new Flags("/tmp//a/", null, null)).network().tag());
    assertEquals("lab7", DaemonConfig.load(Map.of("ECSBOX_NETWORK_TAG", "lab7"), new Flags("/tmp/a", null, null))
        .network().tag());
  }

  // ---- every setting, good and bad

  /** One value of one setting, with the other settings it needs. */
  record Row(String name, String value, boolean good, Map<String, String> context) {
    Map<String, String> env() {
      Map<String, String> env = new HashMap<>(context);
      env.put(name, value);
      return env;
    }

    @Override
    public String toString() {
      return name + "=" + value + (good ? " ok" : " bad") + (context.isEmpty() ? "" : " with " + context.keySet());
    }
  }

  private static final Map<String, String> EIP = Map.of("ECSBOX_EIP_CIDR", "198.51.100.0/24",
      "ECSBOX_EIP_UPLINK", "br0");

  private static Stream<Row> rows(String name, Map<String, String> context, List<String> good, List<String> bad) {
    Map<String, String> ctx = new HashMap<>(context);
    ctx.remove(name);
    return Stream.concat(good.stream().map(v -> new Row(name, v, true, ctx)),
        bad.stream().map(v -> new Row(name, v, false, ctx)));
  }

  private static Stream<Row> rows(String name, List<String> good, List<String> bad) {
    return rows(name, Map.of(), good, bad);
  }

  static Stream<Row> table() {
    List<String> wholeBad = List.of("x", "1.5", "1e3", "0x10", "8 8", "2147483648", "99999999999999999999");
    return Stream.of(
        rows("ECSBOX_DATA_DIR", List.of("/srv/x", "relative/dir", "/"), List.of("/a\0b")),
        rows("ECSBOX_LISTEN", List.of("0.0.0.0:1", "localhost:65535", "[::]:80", "[]:80", "h:+80", "h:0080", "h:0"),
            List.of("18080", ":80", "h:", "h:65536", "::1:80", "h:x", "h:-1", "h:1.0")),
        rows("ECSBOX_METRICS_LISTEN", List.of("127.0.0.1:19090", "[::1]:0", "metrics.local:9100"),
            List.of("19090", "h:", "h:65536", "::1:80", "h:x")),
        rows("ECSBOX_CONSOLE_LISTEN", List.of("127.0.0.1:18081", "[::1]:0", "lab.local:6080"),
            List.of("18081", "h:", "h:65536", "::1:80", "h:x")),
        rows("ECSBOX_TLS", List.of("auto", "Self-Signed", "OFF"), List.of("yes", "self signed", "on")),
        rows("ECSBOX_TLS_CERT", Map.of("ECSBOX_TLS_KEY", "/k.pem"), List.of("/etc/c.pem", "c.pem"), List.of("/a\0b")),
        rows("ECSBOX_TLS_KEY", Map.of("ECSBOX_TLS_CERT", "/c.pem"), List.of("/etc/k.pem", "k.pem"), List.of("/a\0b")),
        rows("ECSBOX_ALLOW_PLAIN_HTTP", List.of("true", "FALSE"), List.of("1", "yes", "on")),
        rows("ECSBOX_API_RATE", List.of("0", "100", "2147483647"), concat(wholeBad, "-1")),
        rows("ECSBOX_API_BURST", List.of("1", "+200"), concat(wholeBad, "0", "-1")),
        rows("ECSBOX_LIBVIRT_URI", List.of("qemu:///system", "qemu+ssh://root@h/system", "myalias"), List.of()),
        rows("ECSBOX_ZONES", List.of("a", "local-1a,local-1b", "0-z", "z" + "-".repeat(62)),
            List.of(",", " , ,", "-a", "A1", "a_b", "a," + "z".repeat(64), "a b")),
        rows("ECSBOX_ACCEL", List.of("auto", "KVM", "Tcg"), List.of("kvm2", "yes", "k vm")),
        rows("ECSBOX_WORKERS", List.of("1", "+8", "2147483647"), concat(wholeBad, "0", "-1")),
        rows("ECSBOX_CPU_OVERCOMMIT", List.of("64", "1.5", ".5", "1e3", "Infinity", "4d"),
            List.of("0", "-1", "NaN", "x", "1,5", "0.0")),
        rows("ECSBOX_MEMORY_OVERCOMMIT", List.of("4", "0.25"), List.of("0", "-Infinity", "four")),
        rows("ECSBOX_MEMORY_RESERVE_MIB", List.of("0", "2048"), List.of("-1", "1.5", "1GiB")),
        rows("ECSBOX_POOL_CAPACITY_GIB", List.of("1", "131072", "9223372036854775807"),
            List.of("0", "-5", "9223372036854775808", "1.5", "128TiB")),
        rows("ECSBOX_SNAPSHOTS_PER_DISK", List.of("0", "64", "2147483647"), concat(wholeBad, "-1")),
        rows("ECSBOX_AUTO_SNAPSHOTS_PER_DISK", List.of("1", "64"), concat(wholeBad, "0", "-1")),
        rows("ECSBOX_MAX_CHAIN_DEPTH", List.of("2", "16", "1000"), concat(wholeBad, "1", "0", "-3")),
        rows("ECSBOX_VSWITCHES_PER_VPC", List.of("1", "24", "+7"), concat(wholeBad, "0")),
        rows("ECSBOX_NETWORK_TAG", List.of("main", "a", "abc123def456"),
            List.of("Main", "abc123def4567", "a-b", "ab c")),
        rows("ECSBOX_EIP_CIDR", EIP, List.of("198.51.96.0/20", "198.51.100.0/30", "198.51.100.252/30", "0.0.0.0/24"),
            List.of("198.51.100.0/19", "198.51.100.0/31", "198.51.100.1/24", "198.51.100.0", "198.51.100.0/024",
                "198.051.100.0/24", "256.0.0.0/24", "198.51.100.0/2x", "x")),
        rows("ECSBOX_EIP_UPLINK", EIP, List.of("br0", "A_b.c-D", "x".repeat(15)),
            List.of("br 0", "x".repeat(16), "br/0", "br:0")),
        rows("ECSBOX_EIP_GATEWAY", EIP, List.of("198.51.100.1", "198.51.100.254", "192.0.2.1"),
            List.of("198.51.100.0", "198.51.100.255", "198.51.100.256", "010.0.0.1", "x", "198.51.100.1/32")),
        rows("ECSBOX_LOG_LEVEL", List.of("TRACE", "debug", "Info", "warn", "ERROR", "off", "all"),
            List.of("WARNING", "verbose", "ınfo", "5")),
        rows("ECSBOX_ACCESS_KEY_ID", Map.of("ECSBOX_ACCESS_KEY_SECRET", "s"), List.of("LTAI123", "any text"),
            List.of()),
        rows("ECSBOX_ACCESS_KEY_SECRET", Map.of("ECSBOX_ACCESS_KEY_ID", "i"), List.of("s3cret", "with space"),
            List.of()))
        .flatMap(s -> s);
  }

  private static List<String> concat(List<String> a, String... more) {
    return Stream.concat(a.stream(), Stream.of(more)).toList();
  }

  @ParameterizedTest
  @MethodSource("table")
  void eachValueIsTakenOrNamedWithWhatItAccepts(Row row) {
    Setting<?> s = Settings.ALL.stream().filter(x -> x.env().equals(row.name())).findFirst().orElseThrow();
    if (row.good()) {
      DaemonConfig.load(row.env(), NO_FLAGS);
      return;
    }
    ConfigException e = error(row.env(), NO_FLAGS);
    assertEquals(List.of(row.name()), e.names());
    assertTrue(e.getMessage().contains(row.name() + ": got " + Reader.quote(row.value()) + "; expected "
        + s.accepts()), e.getMessage());
  }

  @Test
  void theTableCoversEverySetting() {
    Set<String> good = table().filter(Row::good).map(Row::name).collect(Collectors.toSet());
    Set<String> bad = table().filter(r -> !r.good()).map(Row::name).collect(Collectors.toSet());
    for (Setting<?> s : Settings.ALL) {
      assertTrue(good.contains(s.env()), s + " has no good value in the table");
      boolean anyTextGoes = s == Settings.LIBVIRT_URI || s.secret(); // bad only by the rules below
      assertEquals(!anyTextGoes, bad.contains(s.env()), s + " bad values in the table");
    }
  }

  @Test
  void theEipSettingsGoTogether() {
    assertEquals(List.of("ECSBOX_EIP_UPLINK"), error(Map.of("ECSBOX_EIP_CIDR", "198.51.100.0/24"), NO_FLAGS).names());
    assertEquals(List.of("ECSBOX_EIP_UPLINK", "ECSBOX_EIP_GATEWAY"),
        error(Map.of("ECSBOX_EIP_UPLINK", "br0", "ECSBOX_EIP_GATEWAY", "x"), NO_FLAGS).names());
    assertEquals(List.of("ECSBOX_EIP_CIDR", "ECSBOX_EIP_UPLINK"),
        error(Map.of("ECSBOX_EIP_CIDR", "bad"), NO_FLAGS).names(), "a bad range still needs its uplink");
    String m = error(Map.of("ECSBOX_EIP_GATEWAY", "198.51.100.1"), NO_FLAGS).getMessage();
    assertTrue(m.contains("ECSBOX_EIP_GATEWAY: got '198.51.100.1'; expected no value while ECSBOX_EIP_CIDR is unset"),
        m);
    m = error(Map.of("ECSBOX_EIP_CIDR", "198.51.100.0/24"), NO_FLAGS).getMessage();
    assertTrue(m.contains("ECSBOX_EIP_UPLINK: got nothing; expected the name of a Linux bridge"), m);
    m = error(Map.of("ECSBOX_EIP_CIDR", "198.51.100.0/24", "ECSBOX_EIP_UPLINK", "br0",
        "ECSBOX_EIP_GATEWAY", "198.51.100.255"), NO_FLAGS).getMessage();
    assertTrue(m.endsWith("broadcast address of ECSBOX_EIP_CIDR (198.51.100.0/24)"), m);
  }

  @Test
  void oneHalfOfTheAccessKeyIsAMistake() {
    assertEquals(List.of("ECSBOX_ACCESS_KEY_SECRET"),
        error(Map.of("ECSBOX_ACCESS_KEY_ID", "LTAIabc"), NO_FLAGS).names());
    ConfigException e = error(Map.of("ECSBOX_ACCESS_KEY_SECRET", "hunter2", "ECSBOX_ACCESS_KEY_ID", " "), NO_FLAGS);
    assertEquals(List.of("ECSBOX_ACCESS_KEY_ID"), e.names());
    assertEquals("1 daemon setting is not valid:\n  ECSBOX_ACCESS_KEY_ID: got nothing; expected any text, set together"
        + " with ECSBOX_ACCESS_KEY_SECRET", e.getMessage());
  }

  // ---- random input

  private static final String ALPHABET = "0123456789abcfgikmotvxyzAKMV.:/,-_+[] \t\n\0\u00a0\u2003\u0131eEINf";

  private static String randomText(java.util.Random r) {
    StringBuilder sb = new StringBuilder();
    for (int i = r.nextInt(16); i > 0; i--) {
      sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  /**
   * With odds {@code chaos} in 8: random text, a table value (good or bad, maybe padded) or a
   * blank; else a good table value when {@code on}, else absent.
   */
  private static String randomValue(java.util.Random r, int chaos, boolean on, List<String> good, List<String> any) {
    if (r.nextInt(8) >= chaos) {
      return on && !good.isEmpty() ? good.get(r.nextInt(good.size())) : null;
    }
    return switch (r.nextInt(4)) {
      case 0 -> randomText(r);
      case 1 -> any.isEmpty() ? randomText(r) : any.get(r.nextInt(any.size()));
      case 2 -> any.isEmpty() ? " " : " " + any.get(r.nextInt(any.size())) + "\t";
      default -> r.nextBoolean() ? " " : "";
    };
  }

  /** Settings that are set together share one coin: the EIP ones (the gateway optional) and the key pair. */
  private static String group(Setting<?> s) {
    return s.env().startsWith("ECSBOX_EIP_") ? "eip" : s.env().startsWith("ECSBOX_ACCESS_KEY_") ? "key"
        : s.env().startsWith("ECSBOX_TLS_") ? "tls" : s.env();
  }

  @Test
  void randomInputGivesAValidConfigOrNamesExactlyTheBadSettings() {
    Map<String, List<String>> good = table().filter(Row::good).collect(Collectors.groupingBy(Row::name,
        Collectors.mapping(Row::value, Collectors.toList())));
    Map<String, List<String>> any = table().collect(Collectors.groupingBy(Row::name,
        Collectors.mapping(Row::value, Collectors.toList())));
    int failed = 0;
    for (long seed = 1; seed <= 4000; seed++) {
      // Random's first draws barely differ for neighbouring seeds: spread them
      java.util.Random r = new java.util.Random(new java.util.SplittableRandom(seed).nextLong());
      int chaos = r.nextInt(4); // 0: only good values or none ... 3: about 3 in 8 settings disturbed
      Map<String, String> env = new HashMap<>();
      Map<String, Boolean> on = new HashMap<>();
      for (Setting<?> s : Settings.ALL) {
        boolean set = on.computeIfAbsent(group(s), g -> r.nextBoolean())
            && (s != Settings.EIP_GATEWAY || r.nextBoolean());
        String v = randomValue(r, chaos, set, good.get(s.env()), any.get(s.env()));
        if (v != null) {
          env.put(s.env(), v);
        }
      }
      Flags flags = r.nextBoolean() ? NO_FLAGS : new Flags(
          randomValue(r, chaos, r.nextBoolean(), good.get("ECSBOX_DATA_DIR"), any.get("ECSBOX_DATA_DIR")),
          randomValue(r, chaos, r.nextBoolean(), good.get("ECSBOX_LISTEN"), any.get("ECSBOX_LISTEN")),
          randomValue(r, chaos, r.nextBoolean(), List.of("test:///default"), List.of("test:///default")));
      Set<String> expected = SettingsOracle.bad(env, flags);
      String where = "seed " + seed + ", env " + env + ", flags " + flags;
      try {
        DaemonConfig c = DaemonConfig.load(env, flags);
        assertEquals(Set.of(), expected, "loaded though bad: " + where);
        String workers = env.getOrDefault("ECSBOX_WORKERS", "").strip();
        assertEquals(workers.isEmpty() ? 8 : Integer.parseInt(workers), c.workers(), where);
      } catch (ConfigException e) {
        failed++;
        assertEquals(expected, new java.util.TreeSet<>(e.names()), where + "\n" + e.getMessage());
        assertEquals(e.names().size(), Set.copyOf(e.names()).size(), "one problem per setting: " + e.getMessage());
        assertEquals(e.problems().size() + 1, e.getMessage().lines().count(), e.getMessage());
      }
    }
    assertTrue(failed > 1000 && failed < 3400, "both outcomes are exercised: " + failed + " of 4000 failed");
  }

  // ---- precedence

  @Test
  void flagsWinOverTheEnvironmentWhichWinsOverDefaults() {
    Map<String, String> env = Map.of("ECSBOX_DATA_DIR", "/env/dir", "ECSBOX_LISTEN", "10.0.0.1:1",
        "ECSBOX_LIBVIRT_URI", "env:///x");
    DaemonConfig fromEnv = load(env);
    assertEquals(Path.of("/env/dir"), fromEnv.dataDir());
    assertEquals(new DaemonConfig.Listen("10.0.0.1", 1), fromEnv.listen());
    assertEquals("env:///x", fromEnv.hypervisor().libvirtUri());
    DaemonConfig fromFlags = DaemonConfig.load(env, new Flags("/flag/dir", "[::1]:2", "flag:///y"));
    assertEquals(Path.of("/flag/dir"), fromFlags.dataDir());
    assertEquals(new DaemonConfig.Listen("::1", 2), fromFlags.listen());
    assertEquals("flag:///y", fromFlags.hypervisor().libvirtUri());
    DaemonConfig oneFlag = DaemonConfig.load(env, new Flags(null, "h:3", null));
    assertEquals(Path.of("/env/dir"), oneFlag.dataDir());
    assertEquals(new DaemonConfig.Listen("h", 3), oneFlag.listen());
    assertEquals(DaemonConfig.defaults(), DaemonConfig.load(Map.of(), null), "null flags are no flags");
  }

  @Test
  void metricsAreOffUnlessAnAddressIsGivenAndTheFlagWins() {
    assertEquals(java.util.Optional.empty(), DaemonConfig.defaults().metricsListen());
    Map<String, String> env = Map.of("ECSBOX_METRICS_LISTEN", "127.0.0.1:19090");
    assertEquals(java.util.Optional.of(new DaemonConfig.Listen("127.0.0.1", 19090)), load(env).metricsListen());
    assertEquals(java.util.Optional.of(new DaemonConfig.Listen("::1", 9)),
        DaemonConfig.load(env, new Flags(null, null, null, "[::1]:9", null, null, null, null)).metricsListen());
    assertEquals(List.of("--metrics-listen"), error(env, new Flags(null, null, null, "19090", null, null, null, null)).names());
  }

  @Test
  void aGoodFlagHidesABadVariableAndABadFlagIsNamedAsTheFlag() {
    Map<String, String> env = Map.of("ECSBOX_LISTEN", "nonsense", "ECSBOX_DATA_DIR", "/a\0b");
    DaemonConfig c = DaemonConfig.load(env, new Flags("/ok", "127.0.0.1:1", null));
    assertEquals(1, c.listen().port());
    ConfigException e = error(Map.of("ECSBOX_LISTEN", "h:1"), new Flags(" ", "h:99999", ""));
    assertEquals(List.of("--data-dir", "--listen", "--libvirt-uri"), e.names(), "a blank flag is a bad flag");
    assertTrue(e.getMessage().contains("--listen: got 'h:99999'; expected HOST:PORT"), e.getMessage());
    assertTrue(e.getMessage().contains("--data-dir: got ' '; expected a directory path"), e.getMessage());
  }

  // ---- several problems at once, and secrets

  @Test
  void everyBadValueIsReportedAtOnceInTableOrder() {
    ConfigException e = error(Map.of("ECSBOX_LOG_LEVEL", "loud", "ECSBOX_WORKERS", "0", "ECSBOX_ZONES", "A",
        "ECSBOX_CPU_OVERCOMMIT", "-1", "ECSBOX_MAX_CHAIN_DEPTH", "1"), new Flags(null, "x", null));
    assertEquals(List.of("--listen", "ECSBOX_ZONES", "ECSBOX_WORKERS", "ECSBOX_CPU_OVERCOMMIT",
        "ECSBOX_MAX_CHAIN_DEPTH", "ECSBOX_LOG_LEVEL"), e.names());
    assertEquals(String.join("\n", "6 daemon settings are not valid:",
        "  --listen: got 'x'; expected " + Settings.LISTEN.accepts(),
        "  ECSBOX_ZONES: got 'A'; expected " + Settings.ZONES.accepts(),
        "  ECSBOX_WORKERS: got '0'; expected a whole number from 1 to 2147483647",
        "  ECSBOX_CPU_OVERCOMMIT: got '-1'; expected a number greater than 0 (e.g. 64 or 1.5)",
        "  ECSBOX_MAX_CHAIN_DEPTH: got '1'; expected a whole number from 2 to 2147483647",
        "  ECSBOX_LOG_LEVEL: got 'loud'; expected TRACE, DEBUG, INFO, WARN, ERROR, OFF or ALL (any case)"),
        e.getMessage());
  }

  @Test
  void shownValuesAreEscapedAndCut() {
    assertEquals("'a\\u000ab'", Reader.quote("a\nb"));
    assertEquals("'" + "x".repeat(80) + "'...", Reader.quote("x".repeat(81)));
  }

  @Test
  void secretsAreNeverShown() {
    Map<String, String> env = Map.of("ECSBOX_ACCESS_KEY_ID", "LTAIsecretid", "ECSBOX_ACCESS_KEY_SECRET", "hunter2");
    DaemonConfig c = load(env);
    for (String text : List.of(c.describe(), c.toString(), c.bootstrapKey().orElseThrow().toString())) {
      assertFalse(text.contains("LTAIsecretid") || text.contains("hunter2"), text);
    }
    assertTrue(c.describe().contains("ECSBOX_ACCESS_KEY_SECRET = (set, hidden)"), c.describe());
    Map<String, String> bad = new HashMap<>(env);
    bad.put("ECSBOX_WORKERS", "hunter2");
    bad.remove("ECSBOX_ACCESS_KEY_ID");
    String m = error(bad, NO_FLAGS).getMessage();
    assertEquals(1, m.split("hunter2", -1).length - 1, "only the non-secret variable shows it: " + m);
    assertTrue(Settings.ACCESS_KEY_ID.secret() && Settings.ACCESS_KEY_SECRET.secret());
    assertEquals(2, Settings.ALL.stream().filter(Setting::secret).count());
  }

  @Test
  void describeShowsEverySettingOnce() {
    String d = load(Map.of("ECSBOX_EIP_CIDR", "198.51.100.0/24", "ECSBOX_EIP_UPLINK", "br0")).describe();
    for (Setting<?> s : Settings.ALL) {
      assertEquals(1, d.lines().filter(l -> l.startsWith(s.env() + " ")).count(), s + " in\n" + d);
    }
    assertTrue(d.contains("ECSBOX_DATA_DIR (--data-dir) = /var/lib/ecsbox\n"), d);
    assertTrue(d.contains("ECSBOX_EIP_GATEWAY = 198.51.100.1\n"), d);
    assertTrue(d.contains("ECSBOX_ACCEL = (unset)\n"), d);
    assertTrue(d.contains("ECSBOX_ACCESS_KEY_ID = (unset)\n"), d);
  }

  @Test
  void settingNamesAreUniqueAndUnknownEcsboxVariablesAreFound() {
    assertEquals(Settings.ALL.size(), Settings.ALL.stream().map(Setting::env).distinct().count());
    assertTrue(Settings.ALL.stream().allMatch(s -> s.env().startsWith("ECSBOX_") && !s.accepts().isBlank()
        && !s.description().isBlank() && !s.defaultText().isBlank()));
    assertEquals(List.of("ECSBOX_WORKER"), Settings.unrecognized(Map.of("ECSBOX_WORKER", "4", "ECSBOX_WORKERS", "4",
        "ECSBOX_ENDPOINT", "http://x", "PATH", "/bin")));
  }

  @Test
  void theDefaultsAreTheValuesTheSettingsDeclare() {
    DaemonConfig d = DaemonConfig.defaults();
    for (Setting<?> s : Settings.ALL) {
      if (s.defaultValue() != null) {
        Object shown = s.shown().apply(d);
        Object expected = s == Settings.ZONES ? String.join(",", Settings.ZONES.defaultValue()) : s.defaultValue();
        assertEquals(expected, shown, s.env());
      }
    }
  }

  @Test
  void thePackageNeedsOnlyTheJdkAndCommon() throws java.io.IOException {
    try (Stream<Path> files = java.nio.file.Files.list(Path.of("src/main/java/io/ecsbox/config"))) {
      for (Path f : files.toList()) {
        java.nio.file.Files.readAllLines(f).stream().filter(l -> l.startsWith("import "))
            .map(l -> l.replaceFirst("import (static )?", ""))
            .filter(i -> !i.startsWith("java.") && !i.startsWith("io.ecsbox.common.")
                && !i.startsWith("io.ecsbox.config."))
            .forEach(i -> org.junit.jupiter.api.Assertions.fail(f + " imports " + i));
      }
    }
  }
}
