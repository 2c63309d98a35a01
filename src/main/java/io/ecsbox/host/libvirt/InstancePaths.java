package io.ecsbox.host.libvirt;

import java.nio.file.Path;
import java.util.List;

/**
 * Where an instance's files live: {@code DATA_DIR/instances/<id>/}. Only ids we generated
 * reach this class (checked), never user text.
 */
public record InstancePaths(Path dir) {
  public static InstancePaths of(Path dataDir, String instanceId) {
    if (!io.ecsbox.common.Ids.valid("i", instanceId)) {
      throw new IllegalArgumentException("not an instance id: " + instanceId);
    }
    return new InstancePaths(dataDir.resolve("instances").resolve(instanceId));
  }

  public Path systemDisk() {
    return dir.resolve("system.qcow2");
  }

  public Path configDrive() {
    return dir.resolve("config.iso");
  }

  /**
   * The two config drive files a running guest alternates between: QEMU keeps the one it shows
   * open, so a new drive for a running guest goes to the other and the media is changed to it.
   */
  public List<Path> configDrives() {
    return List.of(configDrive(), dir.resolve("config.alt.iso"));
  }

  /** The config drive file that is not {@code current}: where a running guest's new drive goes. */
  public Path otherConfigDrive(Path current) {
    return configDrives().get(configDrives().get(0).equals(current) ? 1 : 0);
  }

  public Path consoleLog() {
    return dir.resolve("console.log");
  }

  static final String CONSOLE_DIR = "console";
  static final String VNC_SOCKET = "vnc.sock";
  static final String SERIAL_SOCKET = "serial.sock";

  /** Where QEMU binds the console sockets: the one directory of an instance QEMU's user may write. */
  public Path consoleDir() {
    return dir.resolve(CONSOLE_DIR);
  }

  /** The unix socket of the guest's VNC server (libvirt {@code <graphics type='vnc' socket=…>}). */
  public Path vncSocket() {
    return consoleDir().resolve(VNC_SOCKET);
  }

  /** The unix socket of the guest's serial console (a {@code <serial type='unix'>} chardev). */
  public Path serialSocket() {
    return consoleDir().resolve(SERIAL_SOCKET);
  }
}
