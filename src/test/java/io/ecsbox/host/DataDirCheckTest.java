package io.ecsbox.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DataDirCheckTest {
  private static final List<String> PASSWD = List.of("root:x:0:0:root:/root:/bin/bash",
      "libvirt-qemu:x:64055:106:Libvirt Qemu,,,:/var/lib/libvirt:/usr/sbin/nologin");
  private static final List<String> GROUP = List.of("root:x:0:", "kvm:x:106:", "libvirt-qemu:x:64055:libvirt-qemu",
      "disk:x:6:", "libvirt:x:109:root");

  @Test
  void theUserComesFromQemuConfWhenItSaysSo() {
    assertEquals(Optional.of("qemu"), DataDirCheck.userIn("# user = \"root\"\nuser = \"qemu\"\ngroup = \"qemu\"\n"));
    assertEquals(Optional.empty(), DataDirCheck.userIn("#user = \"root\"\n"));
  }

  @Test
  void aUserHasItsPrimaryAndSupplementaryGroups() {
    DataDirCheck.QemuUser u = DataDirCheck.resolve("libvirt-qemu", PASSWD, GROUP).orElseThrow();
    assertEquals(Set.of("kvm", "libvirt-qemu"), u.groups());
    assertTrue(DataDirCheck.resolve("qemu", PASSWD, GROUP).isEmpty(), "no such user");
  }

  @Test
  void traversalFollowsOwnerThenGroupThenOthers() {
    DataDirCheck.QemuUser u = new DataDirCheck.QemuUser("libvirt-qemu", Set.of("kvm"));
    assertFalse(DataDirCheck.traversable(u, "root", "root", PosixFilePermissions.fromString("rwx------")),
        "a mktemp -d directory");
    assertTrue(DataDirCheck.traversable(u, "root", "root", PosixFilePermissions.fromString("rwx--x--x")));
    assertTrue(DataDirCheck.traversable(u, "root", "kvm", PosixFilePermissions.fromString("rwxr-x---")));
    assertFalse(DataDirCheck.traversable(u, "root", "kvm", PosixFilePermissions.fromString("rwx-----x")),
        "the group's bits decide for a member, not the others'");
    assertFalse(DataDirCheck.traversable(u, "libvirt-qemu", "root", PosixFilePermissions.fromString("rw---x--x")));
  }

  @Test
  void tooLittleSpaceIsRefusedWithWhatToDo() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> DataDirCheck.checkSpace(Path.of("/d"), 100L << 20));
    assertTrue(e.getMessage().contains("only 100 MiB are free") && e.getMessage().contains("--data-dir"),
        e.getMessage());
    DataDirCheck.checkSpace(Path.of("/d"), 2L << 30); // low: a warning only
  }
}
