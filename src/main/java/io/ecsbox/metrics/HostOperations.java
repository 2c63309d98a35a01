package io.ecsbox.metrics;

import java.util.Map;

/**
 * The agent calls counted as host operations, by interface: method name to the operation label.
 * Only calls that change a host are here; reads (state, resources, listings) are not.
 */
public final class HostOperations {
  public static final Map<String, String> COMPUTE = Map.of("ensureRunning", "start", "ensureStopped", "stop",
      "reboot", "reboot", "release", "release", "attachNic", "attach_nic", "detachNic", "detach_nic");
  public static final Map<String, String> VOLUMES = Map.ofEntries(Map.entry("ensureVolume", "create_volume"),
      Map.entry("deleteVolume", "delete_volume"), Map.entry("attachDisk", "attach_disk"),
      Map.entry("detachDisk", "detach_disk"), Map.entry("snapshotDisk", "snapshot"),
      Map.entry("resizeDisk", "resize_disk"), Map.entry("rebaseVolume", "rebase"), Map.entry("pullDisk", "pull"),
      Map.entry("commitDisk", "commit"), Map.entry("flattenUnder", "flatten"));
  public static final Map<String, String> IMAGES = Map.of("startImage", "image_start",
      "deleteImageFile", "image_delete");
  public static final Map<String, String> VPCS = Map.of("ensureVpc", "ensure_vpc", "ensureVSwitch", "ensure_vswitch",
      "setDhcpHosts", "set_dhcp_hosts", "deleteVSwitch", "delete_vswitch", "deleteVpc", "delete_vpc");
  public static final Map<String, String> EIPS = Map.of("associate", "eip_associate",
      "disassociate", "eip_disassociate", "setBandwidth", "eip_bandwidth");
  /** Security-group writes, timed on their own histogram. */
  public static final Map<String, String> FIREWALL = Map.of("apply", "apply", "reconcile", "reconcile");

  private HostOperations() {}
}
