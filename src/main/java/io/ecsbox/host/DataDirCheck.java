package io.ecsbox.host;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the data directory at daemon start, so that a launch does not fail later with a
 * libvirt "Permission denied" or an I/O error: the user QEMU runs as can traverse it (the data
 * dir itself is fixed by adding o+x; a parent is left to the operator, with the command),
 * its file system has room and supports O_DIRECT, which guests' disks use (cache='none').
 */
public final class DataDirCheck {
  private static final Logger log = LoggerFactory.getLogger(DataDirCheck.class);
  /** Below this the daemon does not start: one image and one disk need more. */
  static final long MIN_FREE_BYTES = 1L << 30;
  /** Below this it warns. */
  static final long LOW_FREE_BYTES = 10L << 30;
  private static final Pattern USER = Pattern.compile("(?m)^\\s*user\\s*=\\s*\"([^\"]+)\"");

  /** Who QEMU runs as: a user name and the names of its groups. */
  public record QemuUser(String name, Set<String> groups) {}

  private DataDirCheck() {}

  /**
   * Checks (and where safe, fixes) {@code dir}, which exists; throws IllegalStateException
   * with what to do when the daemon cannot use it. {@code qemu} empty: QEMU runs as root
   * (a session or embedded libvirt), so traversal is not checked.
   */
  public static void check(Path dir, Optional<QemuUser> qemu) throws IOException {
    if (qemu.isPresent()) {
      checkTraversable(dir, qemu.get());
    }
    checkSpace(dir, Files.getFileStore(dir).getUsableSpace());
    checkDirectIo(dir);
  }

  /**
   * The user libvirt's system QEMU driver runs guests as ({@code user} in qemu.conf, else the
   * distribution's default), with its groups from /etc/passwd and /etc/group; empty when that
   * is root or the URI is not the system driver.
   */
  public static Optional<QemuUser> qemuUser(String libvirtUri) {
    if (!libvirtUri.startsWith("qemu:///system")) {
      return Optional.empty();
    }
    try {
      Path conf = Path.of("/etc/libvirt/qemu.conf");
      String configured = Files.isReadable(conf) ? userIn(Files.readString(conf)).orElse(null) : null;
      List<String> passwd = Files.readAllLines(Path.of("/etc/passwd"));
      List<String> group = Files.readAllLines(Path.of("/etc/group"));
      for (String name : configured != null ? List.of(configured) : List.of("libvirt-qemu", "qemu")) {
        Optional<QemuUser> u = resolve(name, passwd, group);
        if (u.isPresent()) {
          return u.get().name().equals("root") ? Optional.empty() : u;
        }
      }
    } catch (IOException e) {
      log.warn("cannot tell which user QEMU runs as: {}", e.getMessage());
    }
    return Optional.empty();
  }

  static Optional<String> userIn(String qemuConf) {
    Matcher m = USER.matcher(qemuConf);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** The user and its groups (primary and supplementary) from passwd and group lines. */
  static Optional<QemuUser> resolve(String name, List<String> passwd, List<String> group) {
    String primaryGid = null;
    for (String l : passwd) {
      String[] f = l.split(":", -1);
      if (f.length > 3 && f[0].equals(name)) {
        primaryGid = f[3];
      }
    }
    if (primaryGid == null) {
      return Optional.empty();
    }
    Set<String> groups = new java.util.TreeSet<>();
    for (String l : group) {
      String[] f = l.split(":", -1);
      if (f.length > 3 && (f[2].equals(primaryGid) || List.of(f[3].split(",")).contains(name))) {
        groups.add(f[0]);
      }
    }
    return Optional.of(new QemuUser(name, groups));
  }

  /** Whether {@code user} may traverse a directory with these owner, group and mode. */
  static boolean traversable(QemuUser user, String owner, String group, Set<PosixFilePermission> mode) {
    if (owner.equals(user.name())) {
      return mode.contains(PosixFilePermission.OWNER_EXECUTE);
    }
    if (user.groups().contains(group)) {
      return mode.contains(PosixFilePermission.GROUP_EXECUTE);
    }
    return mode.contains(PosixFilePermission.OTHERS_EXECUTE);
  }

  private static void checkTraversable(Path dir, QemuUser user) throws IOException {
    List<Path> chain = new ArrayList<>();
    for (Path p = dir.toRealPath(); p != null; p = p.getParent()) {
      chain.add(0, p);
    }
    for (Path p : chain) {
      PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class);
      if (traversable(user, a.owner().getName(), a.group().getName(), a.permissions())) {
        continue;
      }
      String mode = PosixFilePermissions.toString(a.permissions());
      if (p.equals(chain.get(chain.size() - 1))) {
        Set<PosixFilePermission> fixed = new java.util.HashSet<>(a.permissions());
        fixed.add(PosixFilePermission.OTHERS_EXECUTE);
        Files.setPosixFilePermissions(p, fixed);
        log.warn("data dir {} was {}: added o+x so that QEMU (user {}) can reach the disks in it;"
            + " nothing in it becomes readable to others", p, mode, user.name());
        continue;
      }
      throw new IllegalStateException("QEMU runs as user " + user.name() + " and cannot enter " + p + " (" + mode
          + ", owner " + a.owner().getName() + ":" + a.group().getName() + "), a parent of the data dir " + dir
          + ": every guest would fail to start with 'Permission denied'. Run 'chmod o+x " + p
          + "', or choose a data dir under a directory it can enter, such as /var/lib/ecsbox");
    }
  }

  static void checkSpace(Path dir, long usable) {
    long mib = usable >> 20;
    if (usable < MIN_FREE_BYTES) {
      throw new IllegalStateException("only " + mib + " MiB are free on the file system of the data dir " + dir
          + "; images and disks need at least " + (MIN_FREE_BYTES >> 20) + " MiB. Free some space, or choose a"
          + " data dir on another file system (--data-dir)");
    }
    if (usable < LOW_FREE_BYTES) {
      log.warn("only {} MiB are free on the file system of the data dir {}: a few disks will fill it", mib, dir);
    }
  }

  private static void checkDirectIo(Path dir) throws IOException {
    Path probe = dir.resolve(".direct-io-probe");
    try (FileChannel ch = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.READ, com.sun.nio.file.ExtendedOpenOption.DIRECT)) {
      int block = (int) Files.getFileStore(dir).getBlockSize();
      ByteBuffer buf = ByteBuffer.allocateDirect(block * 2).alignedSlice(block);
      buf.limit(block);
      ch.write(buf, 0);
    } catch (IOException | UnsupportedOperationException e) {
      throw new IllegalStateException("the file system of the data dir " + dir + " (" + Files.getFileStore(dir).type()
          + ") does not support direct I/O (O_DIRECT), which guests' disks use (cache='none'): " + e.getMessage()
          + ". Choose a data dir on ext4, xfs or btrfs (--data-dir)");
    } finally {
      Files.deleteIfExists(probe);
    }
  }
}
