package io.ecsbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.ecs20140526.Client;
import com.aliyun.ecs20140526.models.DescribeRegionsRequest;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teautil.models.RuntimeOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsbox.cli.Main;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.Waiter;
import io.ecsbox.client.ClientConfig;
import io.ecsbox.client.EcsClient;
import io.ecsbox.tls.Fingerprint;
import io.ecsbox.tls.Pem;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API over HTTPS, all on 127.0.0.1: the self-signed certificate asked for with
 * ECSBOX_TLS=self-signed, the official (new) SDK over HTTPS, the CLI pinning it on first use (through
 * ecsbox configure) and refusing it once the daemon's certificate is replaced, admin.credentials'
 * fingerprint trusted without prompt, the operator's own PEM files, and back to plain HTTP.
 * No guest is booted.
 */
class TlsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static EcsboxHarness h;
  @TempDir Path home;

  @BeforeAll
  static void startDaemon() throws IOException {
    h = EcsboxHarness.start("tls", List.of(), Map.of("ECSBOX_TLS", "self-signed"));
  }

  @AfterAll
  static void cleanUp() {
    if (h != null) {
      h.close();
    }
  }

  record Run(int exit, String out, String err) {}

  /** The CLI in-process with its real HTTPS client; HOME and XDG_CONFIG_HOME in the test's directory. */
  private Run cli(Map<String, String> extra, String... args) {
    Map<String, String> env = new HashMap<>(Map.of("HOME", home.toString(),
        "XDG_CONFIG_HOME", home.resolve("xdg").toString(), "ECSBOX_DATA_DIR", home.resolve("no-daemon").toString()));
    env.putAll(extra);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintWriter e = new PrintWriter(err, true);
    CliContext ctx = new CliContext(new PrintWriter(out, true), e,
        profile -> EcsClient.forCommand(ClientConfig.resolve(env, home, profile), e::println)::call,
        config -> EcsClient.forCommand(config, e::println)::call, Clock.systemUTC(), Waiter.THREAD_SLEEPER, false, env);
    int exit = Main.run(ctx, args);
    return new Run(exit, out.toString(), err.toString());
  }

  private static JsonNode credentials() throws IOException {
    return JSON.readTree(Files.readString(h.dataDir().resolve("admin.credentials")));
  }

  private static Fingerprint servedSelfSigned() throws IOException {
    return Fingerprint.of(Pem.certificates(h.dataDir().resolve("tls/cert.pem")).get(0));
  }

  /** DescribeRegions through the new SDK over HTTPS (signature v3), certificate checks off as its option allows. */
  private static String regionOverSdk() throws Exception {
    Client c = new Client(new Config().setAccessKeyId(h.accessKeyId()).setAccessKeySecret(h.accessKeySecret())
        .setRegionId("local-1").setEndpoint("127.0.0.1:" + h.port()).setProtocol("HTTPS"));
    return c.describeRegionsWithOptions(new DescribeRegionsRequest(), new RuntimeOptions().setIgnoreSSL(true))
        .getBody().getRegions().getRegion().get(0).getRegionId();
  }

  /** The median time of a DescribeRegions through ecsbox's client (a measurement for the README, not a check). */
  private static long perCallMicros() {
    EcsClient c = h.client();
    long[] t = new long[200];
    for (int i = 0; i < t.length; i++) {
      long t0 = System.nanoTime();
      c.call("DescribeRegions", Map.of());
      t[i] = (System.nanoTime() - t0) / 1000;
    }
    java.util.Arrays.sort(t);
    return t[t.length / 2];
  }

  @Test
  void httpsWithSelfSignedThenReplacedThenOperatorFilesThenPlain() throws Exception {
    // the self-signed pair, private, and named by admin.credentials
    Path tls = h.dataDir().resolve("tls");
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tls)));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.resolve("key.pem"))));
    Fingerprint first = servedSelfSigned();
    assertEquals("https://127.0.0.1:" + h.port(), credentials().get("Endpoint").asText());
    assertEquals(first.hex(), credentials().get("CertificateSha256").asText());

    // the official SDK over HTTPS, told to accept a self-signed certificate; ecsbox's client pins it
    assertEquals("local-1", regionOverSdk());
    assertEquals("local-1", h.client().call("DescribeRegions", Map.of()).at("/Regions/Region/0/RegionId").asText());
    // plain HTTP to the HTTPS port gets no answer
    HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    assertThrows(IOException.class, () -> plain.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + h.port() + "/?Action=DescribeRegions")).timeout(Duration.ofSeconds(10))
        .build(), HttpResponse.BodyHandlers.ofString()));

    // ecsbox configure: the first contact pins the certificate, says so, and saves the profile
    String endpoint = "https://127.0.0.1:" + h.port();
    Run configured = cli(Map.of(), "configure", "--profile", "lab", "--endpoint", endpoint,
        "--access-key-id", h.accessKeyId(), "--access-key-secret", h.accessKeySecret());
    assertEquals(0, configured.exit(), configured.toString());
    String hostPort = "127.0.0.1:" + h.port();
    assertTrue(configured.err().contains("first contact with " + hostPort) && configured.err().contains(first.hex()),
        configured.err());
    Path known = home.resolve("xdg/ecsbox/known_endpoints");
    assertEquals(List.of(hostPort + " " + first.hex()), Files.readAllLines(known));
    // later calls through the profile: checked silently
    Run listed = cli(Map.of(), "region", "list");
    assertEquals(0, listed.exit(), listed.toString());
    assertTrue(listed.out().contains("local-1"), listed.out());
    assertFalse(listed.err().contains("first contact"), listed.err());

    // the daemon's certificate replaced: the pin refuses it
    h.stopDaemon();
    Files.delete(tls.resolve("cert.pem"));
    Files.delete(tls.resolve("key.pem"));
    h.startAgain();
    Fingerprint second = servedSelfSigned();
    assertNotEquals(first, second);
    assertEquals(second.hex(), credentials().get("CertificateSha256").asText());
    assertEquals("local-1", regionOverSdk());
    Run refused = cli(Map.of(), "region", "list");
    assertEquals(3, refused.exit(), refused.toString());
    assertTrue(refused.err().contains("CertificateChanged") || refused.err().contains("changed"), refused.err());
    assertTrue(refused.err().contains("delete the line for " + hostPort + " from " + known), refused.err());
    assertTrue(refused.err().contains(second.hex()), refused.err());
    assertEquals(1, Files.readAllLines(known).size(), "the changed certificate is not recorded");

    // admin.credentials names the new fingerprint: trusted without prompt, whatever the stale pin says
    Run admin = cli(Map.of("ECSBOX_DATA_DIR", h.dataDir().toString(), "XDG_CONFIG_HOME", home.resolve("other")
        .toString()), "region", "list");
    assertEquals(0, admin.exit(), admin.toString());
    assertFalse(admin.err().contains("first contact"), admin.err());

    long httpsMicros = perCallMicros();

    // the operator's own PEM files
    Path resources = Path.of("src/test/resources/tls").toAbsolutePath();
    h.restartWith(Map.of("ECSBOX_TLS_CERT", resources.resolve("ec-cert.pem").toString(),
        "ECSBOX_TLS_KEY", resources.resolve("ec-key.pem").toString()));
    Fingerprint operators = Fingerprint.of(Pem.certificates(resources.resolve("ec-cert.pem")).get(0));
    assertEquals(operators.hex(), credentials().get("CertificateSha256").asText());
    assertEquals("local-1", regionOverSdk());
    assertEquals("local-1", h.client().call("DescribeRegions", Map.of()).at("/Regions/Region/0/RegionId").asText());

    // back to plain HTTP on loopback: admin.credentials follows
    h.restartWith(Map.of());
    assertEquals("http://127.0.0.1:" + h.port(), credentials().get("Endpoint").asText());
    assertFalse(credentials().has("CertificateSha256"));
    assertEquals("local-1", h.call(new com.aliyuncs.ecs.model.v20140526.DescribeRegionsRequest()).getRegions().get(0).getRegionId());
    System.out.printf("TlsIT: DescribeRegions through one keep-alive client, median of 200: https %d us, http %d us%n",
        httpsMicros, perCallMicros());
  }
}
