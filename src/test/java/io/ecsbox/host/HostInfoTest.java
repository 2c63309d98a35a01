package io.ecsbox.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostInfoTest {
  @Test
  void readsMemTotalInMiB(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("meminfo");
    Files.writeString(f, "MemTotal:       24576000 kB\nMemFree:  1 kB\n");
    assertEquals(24000, HostInfo.memTotalMiB(f));
  }
}
