package io.ecsbox.storage;

/** Disk states as the ECS API names them. */
public enum DiskStatus {
  Creating, Available, Attaching, In_use, Detaching, ReIniting
}
