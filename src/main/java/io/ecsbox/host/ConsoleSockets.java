package io.ecsbox.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.Optional;

/**
 * The directory QEMU binds an instance's VNC and serial unix sockets in, and the VNC password
 * kept there for the instance's next starts (a root-only file: the store never holds it).
 */
public final class ConsoleSockets {
  private ConsoleSockets() {}

  /**
   * Makes {@code dir} (idempotent): mode 0700, owned by {@code qemuUser} when QEMU does not run
   * as root, so that QEMU may bind its sockets there and nobody else on the host may reach them
   * (the daemon, as root, connects).
   */
  public static void prepare(Path dir, Optional<String> qemuUser) throws IOException {
    Files.createDirectories(dir);
    PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
    view.setPermissions(PosixFilePermissions.fromString("rwx------"));
    if (qemuUser.isPresent()) {
      UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
      view.setOwner(users.lookupPrincipalByName(qemuUser.get()));
    }
  }

  static Path passwordFile(Path dir) {
    return dir.resolve("vnc.passwd");
  }

  /** Keeps {@code password} (mode 0600, root's) for the domain definitions of later starts. */
  static void saveVncPassword(Path dir, String password) throws IOException {
    Path tmp = dir.resolve("vnc.passwd.tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tmp, password, StandardCharsets.US_ASCII);
    Files.move(tmp, passwordFile(dir), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The password {@link #saveVncPassword} kept, if any. */
  static Optional<String> vncPassword(Path dir) throws IOException {
    Path f = passwordFile(dir);
    return Files.exists(f) ? Optional.of(Files.readString(f, StandardCharsets.US_ASCII).strip()) : Optional.empty();
  }
}
