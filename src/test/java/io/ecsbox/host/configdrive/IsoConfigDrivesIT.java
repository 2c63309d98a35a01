package io.ecsbox.host.configdrive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ecsbox.host.exec.CommandRunner;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import io.ecsbox.host.files.FileTrees;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Writes real NoCloud ISOs with each tool and reads them back with xorriso. */
class IsoConfigDrivesIT {
  private final CommandRunner runner = new CommandRunner();
  private Path dir;

  @BeforeEach
  void setUp() throws Exception {
    dir = Files.createTempDirectory("ecsbox-it-cidata-");
  }

  @AfterEach
  void tearDown() throws Exception {
    FileTrees.delete(dir);
  }

  @ParameterizedTest
  @EnumSource(IsoArgs.Tool.class)
  void writesACidataIsoThatReadsBackByteForByte(IsoArgs.Tool tool) throws Exception {
    byte[] userData = new byte[512];
    for (int i = 0; i < userData.length; i++) {
      userData[i] = (byte) i; // every byte value, twice
    }
    String metaData = IsoConfigDrives.metaData("i-bp1test", "web-1");
    Path iso = dir.resolve("cidata.iso");

    new IsoConfigDrives(runner, tool).write(iso, metaData, userData);

    assertEquals("cidata", volumeLabel(iso));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(iso)));
    Path out = dir.resolve("out");
    runner.run("xorriso", "-osirrox", "on", "-indev", iso.toString(), "-extract", "/",
        out.toString());
    assertEquals(metaData, Files.readString(out.resolve("meta-data"), StandardCharsets.UTF_8));
    assertArrayEquals(userData, Files.readAllBytes(out.resolve("user-data")));
    assertEquals(List.of("cidata.iso", "out"), listing());
  }

  @Test
  void replacesAnExistingDriveAndAcceptsEmptyUserData() throws Exception {
    Path iso = dir.resolve("cidata.iso");
    IsoConfigDrives drives = new IsoConfigDrives(runner);
    drives.write(iso, IsoConfigDrives.metaData("i-1", "old"), "#!/bin/sh\n".getBytes());
    drives.write(iso, IsoConfigDrives.metaData("i-1", "new"), new byte[0]);

    Path out = dir.resolve("out");
    runner.run("xorriso", "-osirrox", "on", "-indev", iso.toString(), "-extract", "/",
        out.toString());
    assertEquals("instance-id: i-1\nlocal-hostname: new\n", Files.readString(out.resolve("meta-data")));
    assertEquals(0, Files.size(out.resolve("user-data")));
    assertEquals(List.of("cidata.iso", "out"), listing());
  }

  @Test
  void aFailedWriteLeavesNoPartOrStage() throws Exception {
    Path iso = dir.resolve("missing-dir").resolve("cidata.iso");
    assertThrows(RuntimeException.class,
        () -> new IsoConfigDrives(runner).write(iso, "instance-id: i-1\n", new byte[0]));
    assertFalse(Files.exists(iso));
    assertEquals(List.of(), listing());
  }

  // ISO 9660: the primary volume descriptor is sector 16; its volume id is bytes 40..71.
  private static String volumeLabel(Path iso) throws Exception {
    byte[] id = new byte[32];
    try (RandomAccessFile f = new RandomAccessFile(iso.toFile(), "r")) {
      f.seek(16 * 2048);
      assertEquals(1, f.read()); // type 1 = primary volume descriptor
      f.seek(16 * 2048 + 40);
      f.readFully(id);
    }
    return new String(id, StandardCharsets.US_ASCII).strip();
  }

  private List<String> listing() throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
