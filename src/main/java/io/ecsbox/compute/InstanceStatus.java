package io.ecsbox.compute;

/** ECS instance states, as the API shows them. */
public enum InstanceStatus {
  Pending,
  Starting,
  Running,
  Stopping,
  Stopped;

  public boolean transitory() {
    return this == Pending || this == Starting || this == Stopping;
  }

  /** Parses an API status value, or returns null when it names no status. */
  public static InstanceStatus parse(String s) {
    for (InstanceStatus v : values()) {
      if (v.name().equalsIgnoreCase(s)) {
        return v;
      }
    }
    return null;
  }
}
