package io.ecsbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The daemon as systemd runs it, without systemd (PID 1 here is not systemd): a real daemon
 * process started the way a {@code Type=notify} unit with {@code WatchdogSec=} starts it
 * ({@code NOTIFY_SOCKET}, {@code WATCHDOG_USEC}, {@code JOURNAL_STREAM} naming its stderr, the
 * config file as {@code --config}), against a datagram socket this test reads as systemd would.
 */
class SystemdIT {
  private static final Pattern ISO_STAMP = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) ");
  private static final Pattern PRIORITY = Pattern.compile("^<[0-7]>");

  @Test
  void notifiesReadyPingsTheWatchdogLogsForJournaldAndReadsItsConfigFile() throws Exception {
    Path build = Path.of(System.getProperty("ecsbox.build.dir", "target")).toAbsolutePath().resolve("systemd-it");
    Files.createDirectories(build);
    Path log = build.resolve("daemon-" + EcsboxHarness.SESSION + ".log");
    Files.deleteIfExists(log);
    Files.createFile(log);
    Path conf = build.resolve("ecsbox-" + EcsboxHarness.SESSION + ".conf");
    Files.writeString(conf, "# as /etc/ecsbox/ecsbox.conf\nECSBOX_ZONES=\"file-1a,file-1b\"\nECSBOX_WORKERS=4\n"
        + "ECSBOX_JAVA_OPTS=-Xmx96m\n");
    DaemonProcess d = DaemonProcess.create("systemd", log);
    try (NotifyListener systemd = new NotifyListener(build.resolve("notify-" + EcsboxHarness.SESSION))) {
      Map<String, Object> st = Files.readAttributes(log, "unix:dev,ino");
      d.env("NOTIFY_SOCKET", systemd.path().toString());
      d.env("WATCHDOG_USEC", "1000000");
      d.env("JOURNAL_STREAM", st.get("dev") + ":" + st.get("ino"));
      d.env("ECSBOX_ZONES", ""); // blank: unset, so the file's value applies
      d.flags("--config", conf.toString());
      d.start();

      // READY once the API answers, with a status that says where
      DaemonProcess.await("READY=1", Duration.ofSeconds(10), () -> systemd.count("READY=1") == 1);
      List<String> messages = systemd.messages();
      assertTrue(messages.get(0).startsWith("STATUS=starting"), messages.toString());
      String ready = messages.stream().filter(m -> m.contains("READY=1")).findFirst().orElseThrow();
      assertTrue(ready.contains("STATUS=serving the ECS API on 127.0.0.1:"), ready);
      // the watchdog at half of WATCHDOG_USEC: about 2 a second
      long before = systemd.count("WATCHDOG=1");
      Thread.sleep(3000);
      long pings = systemd.count("WATCHDOG=1") - before;
      assertTrue(pings >= 4 && pings <= 8, pings + " watchdog pings in 3 s at a 1 s WatchdogSec");

      // the config file's values took effect, under the environment's
      JsonNode zones = d.call("DescribeZones");
      List<String> ids = new ArrayList<>();
      zones.path("Zones").path("Zone").forEach(z -> ids.add(z.path("ZoneId").asText()));
      assertEquals(List.of("file-1a", "file-1b"), ids);

      d.stop();
      assertEquals(1, systemd.count("STOPPING=1"), systemd.messages().toString());

      // journald: every line of the daemon carries a priority and no time stamp of its own
      List<String> lines = daemonLines(log);
      assertFalse(lines.isEmpty());
      for (String line : lines) {
        assertTrue(PRIORITY.matcher(line).find(), "no priority: " + line);
        assertFalse(ISO_STAMP.matcher(line.substring(3)).find(), "a time stamp under journald: " + line);
      }
      assertTrue(lines.stream().anyMatch(l -> l.startsWith("<6>INFO ")), lines.toString());

      // JOURNAL_STREAM inherited by a process whose stderr goes elsewhere: plain ISO-8601 lines
      Files.writeString(log, "");
      d.env("JOURNAL_STREAM", st.get("dev") + ":" + (((Number) st.get("ino")).longValue() + 1));
      d.env("NOTIFY_SOCKET", "");
      d.start();
      d.stop();
      for (String line : daemonLines(log)) {
        if (!line.startsWith("\tat ") && !line.startsWith("Caused by")) {
          assertTrue(ISO_STAMP.matcher(line).find(), "no ISO-8601 time stamp with zone: " + line);
        }
      }
      assertEquals(1, systemd.count("READY=1"), "no notification without NOTIFY_SOCKET");
    } finally {
      d.close();
    }
  }

  // the daemon's own lines, not the harness's markers
  private static List<String> daemonLines(Path log) throws Exception {
    return Files.readAllLines(log).stream().filter(l -> !l.isBlank() && !l.startsWith("==== ecsbox-it")).toList();
  }
}
