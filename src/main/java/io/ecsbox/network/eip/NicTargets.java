package io.ecsbox.network.eip;

import io.ecsbox.network.NetworkInterface;
import io.ecsbox.network.NicError;
import io.ecsbox.network.NicService;
import io.ecsbox.network.NicStore;

/** The NICs EIPs are associated with, read from the NIC store. */
public final class NicTargets implements EipTargets {
  private final NicStore nics;
  private final NicService.Instances instances;

  public NicTargets(NicStore nics, NicService.Instances instances) {
    this.nics = nics;
    this.instances = instances;
  }

  @Override
  public Target instance(String accountId, String instanceId) {
    instances.require(accountId, instanceId);
    NetworkInterface n = nics.ofInstance(instanceId).stream().filter(NetworkInterface::primary).findFirst()
        .orElseThrow(() -> NicError.instanceHasNoNetwork("The instance " + instanceId + " has no network interface."));
    return new Target(n.id(), instanceId, n.vpcId(), n.privateIp());
  }

  @Override
  public Target networkInterface(String accountId, String eniId) {
    NetworkInterface n = nics.find(eniId).filter(x -> x.accountId().equals(accountId))
        .orElseThrow(() -> NicError.eniNotFound(eniId));
    return new Target(n.id(), n.instanceId(), n.vpcId(), n.privateIp());
  }
}
