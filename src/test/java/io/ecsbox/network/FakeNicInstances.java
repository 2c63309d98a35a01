package io.ecsbox.network;

import io.ecsbox.compute.InstanceError;
import io.ecsbox.common.ServiceException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link NicService.Instances} in memory: each instance's account, zone, status and NIC limit. */
public final class FakeNicInstances implements NicService.Instances {
  private record Entry(String accountId, InstanceRef ref) {}

  private final Map<String, Entry> instances = new ConcurrentHashMap<>();

  public void put(String accountId, String instanceId, String zoneId, String status, int maxNics) {
    instances.put(instanceId, new Entry(accountId, new InstanceRef(instanceId, zoneId, status, maxNics)));
  }

  @Override
  public InstanceRef require(String accountId, String instanceId) {
    Entry e = instances.get(instanceId);
    if (e == null || !e.accountId().equals(accountId)) {
      throw new ServiceException(InstanceError.NOT_FOUND, "The specified instance " + instanceId
          + " does not exist.");
    }
    return e.ref();
  }
}
