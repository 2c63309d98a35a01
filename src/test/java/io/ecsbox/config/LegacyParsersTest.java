package io.ecsbox.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ecsbox.cli.HostPort;
import io.ecsbox.network.eip.EipConfig;
import io.ecsbox.host.vpc.NetworkScope;
import io.ecsbox.scheduler.Scheduler;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The config takes exactly what today's public readers take, where it keeps their rules
 * (Scheduler.ratio, EipConfig.fromEnv, NetworkScope.tagFor, cli.HostPort). Delete this test
 * together with those readers once the daemon reads its settings through DaemonConfig.
 */
class LegacyParsersTest {
  private static final String ALPHABET = "0123456789./:[]-+ abexINFfd,";
  private static final Random RANDOM = new Random(7);

  private static String pick(List<String> samples) {
    if (RANDOM.nextBoolean()) {
      return samples.get(RANDOM.nextInt(samples.size()));
    }
    StringBuilder sb = new StringBuilder();
    for (int i = RANDOM.nextInt(12); i > 0; i--) {
      sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  private static <T> Optional<T> attempt(Supplier<T> s) {
    try {
      return Optional.of(s.get());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Optional<DaemonConfig> config(Map<String, String> env) {
    try {
      return Optional.of(DaemonConfig.load(env, DaemonConfig.Flags.NONE));
    } catch (ConfigException e) {
      return Optional.empty();
    }
  }

  @Test
  void overcommitRatiosAsSchedulerRatio() {
    List<String> samples = List.of("64", " 1.5 ", "0", "-1", "NaN", "Infinity", "1e3", "0x1p3", "4d", "4F", ".5", "5.",
        "1,5", "", " ");
    for (int i = 0; i < 2000; i++) {
      String v = pick(samples);
      Optional<Double> legacy = attempt(() -> Scheduler.ratio(Map.of("X", v), "X", 64.0));
      Optional<Double> now = config(Map.of("ECSBOX_CPU_OVERCOMMIT", v)).map(c -> c.overcommit().cpu());
      assertEquals(legacy, now, "'" + v + "'");
    }
  }

  @Test
  void eipSettingsAsEipConfigFromEnv() {
    List<String> cidrs = List.of("198.51.100.0/24", "203.0.113.0/30", "198.51.96.0/20", "10.0.0.0/16", "1.2.3.4/30",
        "198.51.100.0/31", "01.2.3.0/24", "198.51.100.0", "", " ");
    List<String> uplinks = List.of("br0", "br-pub", "x.y_z", "br 0", "a234567890123456", "", " ");
    List<String> gateways = List.of("198.51.100.1", "198.51.100.0", "198.51.100.255", "203.0.113.3", "192.0.2.1",
        "1.2.3.256", "", " ");
    for (int i = 0; i < 3000; i++) {
      Map<String, String> env = new HashMap<>();
      String[] values = {pick(cidrs), pick(uplinks), pick(gateways)};
      String[] names = {"ECSBOX_EIP_CIDR", "ECSBOX_EIP_UPLINK", "ECSBOX_EIP_GATEWAY"};
      for (int k = 0; k < 3; k++) {
        if (RANDOM.nextInt(4) > 0) {
          env.put(names[k], values[k]);
        }
      }
      Optional<Optional<String>> legacy = attempt(() -> EipConfig.fromEnv(env)
          .map(c -> c.range() + " " + c.uplink() + " " + c.gatewayAddress()));
      Optional<Optional<String>> now = config(env).map(c -> c.network().eip()
          .map(e -> e.cidr() + " " + e.uplink() + " " + e.gateway()));
      assertEquals(legacy, now, env.toString());
    }
  }

  @Test
  void networkTagAsNetworkScope() {
    List<String> tags = List.of("main", "a1", "abcdefghijkl", "abcdefghijklm", "A", "a-b", "", " ", " x ");
    List<String> dirs = List.of("/var/lib/ecsbox", "/var/lib/ecsbox/", "/var/lib/../lib/ecsbox", "/tmp/a", "rel/dir");
    for (int i = 0; i < 1000; i++) {
      String tag = pick(tags);
      String dir = dirs.get(RANDOM.nextInt(dirs.size()));
      Optional<String> legacy = attempt(() -> NetworkScope.tagFor(Path.of(dir), Map.of("ECSBOX_NETWORK_TAG", tag)));
      Optional<String> now = config(Map.of("ECSBOX_NETWORK_TAG", tag, "ECSBOX_DATA_DIR", dir))
          .map(c -> c.network().tag());
      assertEquals(legacy, now, tag + " in " + dir);
    }
  }

  @Test
  void listenAsHostPort() {
    List<String> samples = List.of("127.0.0.1:18080", "[::1]:80", "[]:80", "::1:80", "h:0", "h:65536", "h:+80",
        "h:-1", ":80", "h:", "[a:b]x:1", "[x:1", "a b:1");
    for (int i = 0; i < 2000; i++) {
      String v = pick(samples).strip(); // HostPort does not strip; the config strips every value
      Optional<String> legacy = attempt(() -> HostPort.parse(v)).map(h -> h.host() + " " + h.port());
      Optional<String> now = v.isEmpty() ? Optional.empty()
          : config(Map.of("ECSBOX_LISTEN", v)).map(c -> c.listen().host() + " " + c.listen().port());
      assertEquals(legacy, now, "'" + v + "'");
    }
  }
}
