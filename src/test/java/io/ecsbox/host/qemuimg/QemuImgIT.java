package io.ecsbox.host.qemuimg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.host.exec.CommandException;
import io.ecsbox.host.exec.CommandRunner;
import io.ecsbox.host.qemuimg.DiskImages.Info;
import io.ecsbox.host.files.ImageFiles;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import io.ecsbox.host.files.FileTrees;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives the real qemu-img: overlays, info on them, and a raw-to-qcow2 conversion. */
class QemuImgIT {
  private static final long MIB = 1 << 20;
  private final CommandRunner runner = new CommandRunner();
  private final QemuImg qemuImg = new QemuImg(runner);
  private Path dir;

  @BeforeEach
  void setUp() throws Exception {
    dir = Files.createTempDirectory("ecsbox-it-qemuimg-");
  }

  @AfterEach
  void tearDown() throws Exception {
    FileTrees.delete(dir);
    assertFalse(Files.exists(dir));
  }

  @Test
  void overlayOnABaseImage() {
    Path base = dir.resolve("m-base.qcow2");
    runner.run("qemu-img", "create", "-f", "qcow2", base.toString(), Long.toString(64 * MIB));
    Path overlay = dir.resolve("d-sys.qcow2");

    qemuImg.createOverlay(base, "qcow2", overlay, 128 * MIB);

    Info info = qemuImg.info(overlay);
    assertEquals("qcow2", info.format());
    assertEquals(128 * MIB, info.virtualSizeBytes());
    assertTrue(info.actualSizeBytes() > 0 && info.actualSizeBytes() < 4 * MIB, "" + info);
    assertEquals(base.toString(), info.backingFile());
    Info baseInfo = qemuImg.info(base, "qcow2");
    assertEquals(new Info("qcow2", 64 * MIB, baseInfo.actualSizeBytes(), null), baseInfo);
  }

  @Test
  void rebaseKeepsContentAndSkipsTheScanWhenTheDroppedLayerIsEmpty() {
    long big = 100L << 30; // a safe rebase over an empty 100 GiB layer reads it all: seconds
    Path root = dir.resolve("root.qcow2");
    Path empty = dir.resolve("empty.qcow2");
    Path top = dir.resolve("top.qcow2");
    qemuImg.createEmpty(root, big);
    runner.run("qemu-io", "-f", "qcow2", "-c", "write -P 7 1M 64k", root.toString());
    qemuImg.createOverlay(root, "qcow2", empty, big);
    qemuImg.createOverlay(empty, "qcow2", top, big);
    runner.run("qemu-io", "-f", "qcow2", "-c", "write -P 9 2M 64k", top.toString());
    Path before = dir.resolve("before.raw");
    runner.run("qemu-img", "convert", "-f", "qcow2", "-O", "raw", top.toString(), before.toString());

    long t0 = System.nanoTime();
    qemuImg.rebase(top, root, "qcow2"); // drops the empty layer
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(root.toString(), qemuImg.info(top, "qcow2").backingFile());
    runner.run("qemu-img", "compare", "-f", "raw", "-F", "qcow2", before.toString(), top.toString());
    assertTrue(ms < 2000, "dropping an empty layer took " + ms + " ms");

    qemuImg.rebase(top, null, "qcow2"); // drops the root, which holds data: copied in
    assertEquals(null, qemuImg.info(top, "qcow2").backingFile());
    runner.run("qemu-img", "compare", "-f", "raw", "-F", "qcow2", before.toString(), top.toString());
    runner.run("qemu-io", "-f", "qcow2", "-c", "read -P 7 1M 64k", "-c", "read -P 9 2M 64k", top.toString());
  }

  @Test
  void rebaseKeepsZeroesWrittenInTheDroppedLayer() {
    Path root = dir.resolve("zroot.qcow2");
    Path zeroed = dir.resolve("zeroed.qcow2");
    Path top = dir.resolve("ztop.qcow2");
    qemuImg.createEmpty(root, 64 * MIB);
    runner.run("qemu-io", "-f", "qcow2", "-c", "write -P 7 0 1M", root.toString());
    qemuImg.createOverlay(root, "qcow2", zeroed, 64 * MIB);
    runner.run("qemu-io", "-f", "qcow2", "-c", "write -z 0 64k", zeroed.toString()); // no data, only zeroes
    qemuImg.createOverlay(zeroed, "qcow2", top, 64 * MIB);

    qemuImg.rebase(top, root, "qcow2");
    assertEquals(root.toString(), qemuImg.info(top, "qcow2").backingFile());
    runner.run("qemu-io", "-f", "qcow2", "-c", "read -P 0 0 64k", "-c", "read -P 7 64k 960k", top.toString());
  }

  @Test
  void overlayRefusesAnExistingFileAndASizeBelowTheBacking() throws Exception {
    Path base = dir.resolve("base.qcow2");
    runner.run("qemu-img", "create", "-f", "qcow2", base.toString(), Long.toString(64 * MIB));
    Path existing = Files.writeString(dir.resolve("taken.qcow2"), "keep");
    assertThrows(UncheckedIOException.class,
        () -> qemuImg.createOverlay(base, "qcow2", existing, 64 * MIB));
    assertEquals("keep", Files.readString(existing));

    Path small = dir.resolve("small.qcow2");
    assertThrows(IllegalArgumentException.class,
        () -> qemuImg.createOverlay(base, "qcow2", small, 32 * MIB));
    assertFalse(Files.exists(small));
    assertThrows(CommandException.class,
        () -> qemuImg.createOverlay(dir.resolve("missing.qcow2"), "qcow2", small, 64 * MIB));
    assertFalse(Files.exists(small));
  }

  @Test
  void convertsRawToQcow2WithProgressReaching100() throws Exception {
    Path raw = dir.resolve("upload.raw");
    byte[] chunk = new byte[(int) MIB];
    new Random(7).nextBytes(chunk);
    try (RandomAccessFile f = new RandomAccessFile(raw.toFile(), "rw")) {
      f.setLength(64 * MIB);
      for (long off = 0; off < 64 * MIB; off += 8 * MIB) {
        f.seek(off);
        f.write(chunk); // data spread out so qemu-img reports several steps
      }
    }
    Path dst = dir.resolve("m-imported.qcow2");
    List<Long> seen = new ArrayList<>();

    qemuImg.convertToQcow2(raw, "auto", dst, seen::add);

    assertFalse(seen.isEmpty());
    assertEquals(100L, seen.get(seen.size() - 1));
    assertTrue(seen.size() >= 3, "several progress steps: " + seen);
    for (int i = 1; i < seen.size(); i++) {
      assertTrue(seen.get(i) > seen.get(i - 1), "increasing: " + seen);
    }
    Info info = qemuImg.info(dst);
    assertEquals("qcow2", info.format());
    assertEquals(64 * MIB, info.virtualSizeBytes());
    assertEquals(null, info.backingFile());
    assertFalse(Files.exists(ImageFiles.partOf(dst)));
    // the bytes survived: qemu-img compare exits 0 only if the contents match
    runner.run("qemu-img", "compare", "-f", "raw", "-F", "qcow2", raw.toString(), dst.toString());
  }

  @Test
  void failedOrUnsafeConversionsLeaveNothing() throws Exception {
    Path base = dir.resolve("base.qcow2");
    runner.run("qemu-img", "create", "-f", "qcow2", base.toString(), Long.toString(16 * MIB));
    Path overlay = dir.resolve("top.qcow2");
    qemuImg.createOverlay(base, "qcow2", overlay, 16 * MIB);
    Path dst = dir.resolve("out.qcow2");

    assertThrows(IllegalArgumentException.class,
        () -> qemuImg.convertToQcow2(overlay, null, dst, p -> {}));
    Path garbage = Files.writeString(dir.resolve("garbage.qcow2"), "not an image at all");
    assertThrows(CommandException.class,
        () -> qemuImg.convertToQcow2(garbage, "qcow2", dst, p -> {}));
    assertFalse(Files.exists(dst));
    assertFalse(Files.exists(ImageFiles.partOf(dst)));

    // an explicit format means a trusted chain: it is flattened
    qemuImg.convertToQcow2(overlay, "qcow2", dst, p -> {});
    assertEquals(null, qemuImg.info(dst).backingFile());
  }
}
