package io.ecsbox.storage;

import io.ecsbox.host.files.ImageFiles;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {
  @TempDir Path dir;

  @Test
  void sha256OfKnownInputs() throws Exception {
    Path empty = Files.write(dir.resolve("empty"), new byte[0]);
    Path abc = Files.writeString(dir.resolve("abc"), "abc");
    assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        ImageFiles.sha256(empty));
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        ImageFiles.sha256(abc));
  }

  @Test
  void sha256SpanningSeveralBuffersMatchesOneShotDigest() throws Exception {
    byte[] data = randomBytes(3 * (1 << 20) + 17);
    Path f = Files.write(dir.resolve("big"), data);
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    assertEquals(expected, ImageFiles.sha256(f));
  }

  @Test
  void sha256OfMissingFileThrows() {
    assertThrows(UncheckedIOException.class, () -> ImageFiles.sha256(dir.resolve("nope")));
  }

  @Test
  void copiesBytesAndReportsIncreasingPercentsEndingAt100() throws Exception {
    byte[] data = randomBytes(5 * (1 << 20) + 3);
    Path src = Files.write(dir.resolve("src"), data);
    Path dst = dir.resolve("dst");
    List<Long> seen = new ArrayList<>();
    ImageFiles.copyWithProgress(src, dst, seen::add);
    assertArrayEquals(data, Files.readAllBytes(dst));
    assertEquals(0L, seen.get(0));
    assertEquals(100L, seen.get(seen.size() - 1));
    for (int i = 1; i < seen.size(); i++) {
      assertTrue(seen.get(i) > seen.get(i - 1), "increasing: " + seen);
    }
    assertFalse(Files.exists(ImageFiles.partOf(dst)));
  }

  @Test
  void zeroRunsIncludingATrailingOneCopyExactly() throws Exception {
    byte[] data = new byte[4 * (1 << 20)];
    data[(1 << 20) + 5] = 7; // data in chunk 2; chunks 1, 3 and 4 are all zeros
    Path src = Files.write(dir.resolve("sparse"), data);
    Path dst = dir.resolve("copy");
    ImageFiles.copyWithProgress(src, dst, p -> {});
    assertEquals(data.length, Files.size(dst));
    assertArrayEquals(data, Files.readAllBytes(dst));
  }

  @Test
  void emptyFileCopiesAndReports100() throws Exception {
    Path src = Files.write(dir.resolve("e"), new byte[0]);
    List<Long> seen = new ArrayList<>();
    ImageFiles.copyWithProgress(src, dir.resolve("e2"), seen::add);
    assertEquals(0, Files.size(dir.resolve("e2")));
    assertEquals(List.of(0L, 100L), seen);
  }

  @Test
  void refusesAnExistingDestination() throws Exception {
    Path src = Files.writeString(dir.resolve("s"), "new");
    Path dst = Files.writeString(dir.resolve("d"), "old");
    assertThrows(UncheckedIOException.class, () -> ImageFiles.copyWithProgress(src, dst, p -> {}));
    assertEquals("old", Files.readString(dst));
  }

  @Test
  void failureLeavesNeitherPartNorDestination() throws Exception {
    Path src = Files.write(dir.resolve("s"), randomBytes(3 << 20));
    Path dst = dir.resolve("d");
    RuntimeException boom = new RuntimeException("boom");
    RuntimeException thrown = assertThrows(RuntimeException.class,
        () -> ImageFiles.copyWithProgress(src, dst, p -> {
          if (p > 10) {
            throw boom;
          }
        }));
    assertEquals(boom, thrown);
    assertFalse(Files.exists(dst));
    assertFalse(Files.exists(ImageFiles.partOf(dst)));
    assertThrows(UncheckedIOException.class,
        () -> ImageFiles.copyWithProgress(dir.resolve("missing"), dst, p -> {}));
    assertFalse(Files.exists(ImageFiles.partOf(dst)));
  }

  @Test
  void moveIntoPlaceReplacesAtomically() throws Exception {
    Path part = Files.writeString(dir.resolve("x.part"), "new");
    Path dst = Files.writeString(dir.resolve("x"), "old");
    assertEquals(part, ImageFiles.partOf(dst));
    ImageFiles.moveIntoPlace(part, dst);
    assertEquals("new", Files.readString(dst));
    assertFalse(Files.exists(part));
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new Random(42).nextBytes(b);
    return b;
  }
}
