package io.ecsbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import io.ecsbox.host.files.FileTrees;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code ecsbox} launcher laid out as installed (PREFIX/bin/ecsbox, PREFIX/lib/ecsbox/ecsbox.jar):
 * {@code --make-cds} writes an archive the JVM accepts, and once the jar changes the JVM refuses
 * it while the launcher's commands stay silent on stderr.
 */
class LauncherIT {
  private Path prefix;
  private Path jar;
  private Path archive;

  @BeforeEach
  void install() throws IOException {
    prefix = Files.createTempDirectory("ecsbox-launcher-it");
    Files.createDirectories(prefix.resolve("bin"));
    Files.createDirectories(prefix.resolve("lib/ecsbox"));
    Path launcher = Files.copy(Path.of("bin/ecsbox"), prefix.resolve("bin/ecsbox"));
    assertTrue(launcher.toFile().setExecutable(true));
    jar = Files.copy(DaemonProcess.jar(), prefix.resolve("lib/ecsbox/ecsbox.jar"));
    archive = prefix.resolve("lib/ecsbox/ecsbox.jsa");
  }

  @AfterEach
  void remove() throws IOException {
    FileTrees.delete(prefix);
  }

  @Test
  void anArchiveOfThisJarIsUsedAndAStaleOneIsRefusedSilently() throws Exception {
    assertEquals(0, run(List.of(prefix.resolve("bin/ecsbox").toString(), "--make-cds")).exit());
    assertTrue(Files.size(archive) > 1 << 20, "archive " + archive);
    // -Xshare:on fails unless the JVM can map the archive
    assertEquals(0, run(javaWithArchive()).exit());
    Run command = run(List.of(prefix.resolve("bin/ecsbox").toString(), "--version"));
    assertEquals(0, command.exit());
    assertEquals("", command.err());

    Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
    assertNotEquals(0, run(javaWithArchive()).exit(), "the JVM took an archive of another jar");
    Run stale = run(List.of(prefix.resolve("bin/ecsbox").toString(), "--version"));
    assertEquals(0, stale.exit());
    assertEquals(command.out(), stale.out());
    assertEquals("", stale.err());
  }

  private List<String> javaWithArchive() {
    return List.of("java", "-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-jar", jar.toString(), "--version");
  }

  private record Run(int exit, String out, String err) {}

  private Run run(List<String> argv) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(argv));
    pb.environment().remove("ECSBOX_JAVA_OPTS");
    pb.environment().remove("ECSBOX_JAR");
    pb.environment().remove("JDK_JAVA_OPTIONS");
    Path out = Files.createTempFile(prefix, "out", ".txt");
    Path err = Files.createTempFile(prefix, "err", ".txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + argv);
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }
}
