package io.ecsbox.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.Optional;

/** The directory QEMU binds an instance's VNC and serial unix sockets in. */
final class ConsoleSockets {
  private ConsoleSockets() {}

  /**
   * Makes {@code dir} (idempotent): mode 0700, owned by {@code qemuUser} when QEMU does not run
   * as root, so that QEMU may bind its sockets there and nobody else on the host may reach them
   * (the daemon, as root, connects).
   */
  static void prepare(Path dir, Optional<String> qemuUser) throws IOException {
    Files.createDirectories(dir);
    PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
    view.setPermissions(PosixFilePermissions.fromString("rwx------"));
    if (qemuUser.isPresent()) {
      UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
      view.setOwner(users.lookupPrincipalByName(qemuUser.get()));
    }
  }
}
