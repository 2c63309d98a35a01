package io.ecsbox.cli.configure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.cli.Main;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.Waiter;
import io.ecsbox.client.CliConfigFile;
import io.ecsbox.client.ClientConfig;
import io.ecsbox.client.EcsApiException;
import io.ecsbox.client.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ecsbox configure without a terminal: every value from options, the endpoint check through a fake API. */
class ConfigureCommandTest {
  @TempDir Path home;
  private final List<ClientConfig> checked = new ArrayList<>();
  private boolean answers = true;
  private String out;
  private String err;

  private int run(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    Map<String, String> env = Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", home.resolve("xdg").toString());
    CliContext ctx = new CliContext(new PrintWriter(o, true), new PrintWriter(e, true),
        profile -> (action, params) -> {
          throw new AssertionError("configure uses the values given, not the resolved config");
        },
        config -> (action, params) -> {
          checked.add(config);
          assertEquals("DescribeRegions", action);
          if (!answers) {
            throw new EcsApiException(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.", "r1");
          }
          return Json.object();
        }, Clock.systemUTC(), Waiter.THREAD_SLEEPER, false, env);
    int code = Main.run(ctx, args);
    out = o.toString();
    err = e.toString();
    return code;
  }

  private Path file() {
    return home.resolve("xdg/ecsbox/config.json");
  }

  @Test
  void writesTheProfileAfterTheEndpointAnswersModeOwnerOnly() throws Exception {
    assertEquals(0, run("configure", "--endpoint", "https://10.0.0.5:18080", "--access-key-id", "LTAIx",
        "--access-key-secret", "s3cret", "--region", "local-1"), err);
    assertEquals("https://10.0.0.5:18080", checked.get(0).endpoint().toString());
    assertEquals("s3cret", checked.get(0).accessKeySecret());
    assertEquals(home.resolve("xdg/ecsbox/known_endpoints"), checked.get(0).knownEndpoints());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file())));
    CliConfigFile f = CliConfigFile.read(file());
    assertEquals("default", f.current());
    assertEquals("LTAIx", f.profile("default").orElseThrow().accessKeyId());
    assertTrue(out.contains("Saved profile default"), out);
    assertFalse(out.contains("s3cret"), out);
  }

  @Test
  void nothingIsSavedWhenTheEndpointDoesNotAnswer() {
    answers = false;
    assertEquals(1, run("configure", "--endpoint", "http://127.0.0.1:1", "--access-key-id", "a",
        "--access-key-secret", "b"));
    assertTrue(err.contains("Not saved") && err.contains("Specified access key is not found"), err);
    assertFalse(Files.exists(file()));
  }

  @Test
  void profilesKeepSeveralEndpointsAndTheLastWrittenIsCurrent() throws Exception {
    assertEquals(0, run("configure", "--endpoint", "http://127.0.0.1:18080", "--access-key-id", "a",
        "--access-key-secret", "as"), err);
    assertEquals(0, run("configure", "--profile", "lab", "--endpoint", "https://lab.example:18080",
        "--access-key-id", "b", "--access-key-secret", "bs", "--region", "lab-1"), err);
    // a second run keeps what the options do not give (no terminal: no prompt)
    assertEquals(0, run("configure", "--profile", "default", "--region", "local-2"), err);
    CliConfigFile f = CliConfigFile.read(file());
    assertEquals("default", f.current());
    assertEquals("as", f.profile("default").orElseThrow().accessKeySecret());
    assertEquals("local-2", f.profile("default").orElseThrow().regionId());
    assertEquals("lab-1", f.profile("lab").orElseThrow().regionId());
    assertEquals(0, run("configure", "list"), err);
    assertTrue(out.lines().anyMatch(l -> l.startsWith("default") && l.contains("*")), out);
    assertTrue(out.lines().anyMatch(l -> l.startsWith("lab") && l.contains("https://lab.example:18080")), out);
    assertEquals(0, run("configure", "list", "-o", "json"), err);
    assertFalse(out.contains("bs") || out.contains("\"as\""), "no secrets listed: " + out);
    assertTrue(out.contains("\"Current\" : \"default\""), out);
  }

  @Test
  void withoutATerminalAMissingValueIsAUsageError() {
    assertEquals(2, run("configure", "--endpoint", "http://127.0.0.1:18080"));
    assertTrue(err.contains("AccessKeyId is needed: give --access-key-id"), err);
    assertEquals(2, run("configure", "--endpoint", "ftp://x", "--access-key-id", "a", "--access-key-secret", "b"));
    assertTrue(err.contains("not an http(s) URL"), err);
    assertTrue(checked.isEmpty());
  }
}
