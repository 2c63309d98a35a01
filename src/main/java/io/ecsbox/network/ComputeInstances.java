package io.ecsbox.network;

import io.ecsbox.compute.InstanceError;
import io.ecsbox.compute.Instance;
import io.ecsbox.compute.InstanceStore;
import io.ecsbox.compute.type.InstanceTypeCatalog;

/** The instances NICs attach to, read from the instance store; each type's ENI quota from the catalog. */
public final class ComputeInstances implements NicService.Instances {
  private final InstanceStore instances;
  private final InstanceTypeCatalog types;

  public ComputeInstances(InstanceStore instances, InstanceTypeCatalog types) {
    this.instances = instances;
    this.types = types;
  }

  @Override
  public InstanceRef require(String accountId, String instanceId) {
    Instance i = instances.find(instanceId).filter(x -> x.accountId().equals(accountId) && !x.deleting())
        .orElseThrow(InstanceError::notFound);
    int max = types.find(i.instanceType()).map(t -> t.network().eniQuantity()).orElse(2);
    return new InstanceRef(i.id(), i.zoneId(), i.status().name(), Math.max(1, max));
  }
}
