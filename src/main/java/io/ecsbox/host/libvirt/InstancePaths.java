package io.ecsbox.host.libvirt;

import java.nio.file.Path;

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
