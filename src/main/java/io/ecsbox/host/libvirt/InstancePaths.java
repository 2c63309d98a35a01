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
}
