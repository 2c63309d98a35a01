package io.ecsbox.network.eip;

import io.ecsbox.compute.InstanceError;
import io.ecsbox.common.ServiceException;
import io.ecsbox.network.NicError;
import java.util.HashMap;
import java.util.Map;

/** Instances and ENIs of accounts, in memory. */
final class FakeEipTargets implements EipTargets {
  private final Map<String, Target> enis = new HashMap<>();
  private final Map<String, String> owner = new HashMap<>();
  private final Map<String, String> primaryEni = new HashMap<>();

  /** An instance with its primary ENI. */
  Target instance(String account, String instanceId, String eniId, String vpcId, String ip) {
    Target t = eni(account, eniId, instanceId, vpcId, ip);
    primaryEni.put(instanceId, eniId);
    owner.put(instanceId, account);
    return t;
  }

  Target eni(String account, String eniId, String instanceId, String vpcId, String ip) {
    Target t = new Target(eniId, instanceId, vpcId, ip);
    enis.put(eniId, t);
    owner.put(eniId, account);
    return t;
  }

  void deleteEni(String eniId) {
    enis.remove(eniId);
  }

  @Override
  public Target instance(String accountId, String instanceId) {
    String eni = primaryEni.get(instanceId);
    if (eni == null || !accountId.equals(owner.get(instanceId)) || !enis.containsKey(eni)) {
      throw InstanceError.notFound();
    }
    return enis.get(eni);
  }

  @Override
  public Target networkInterface(String accountId, String eniId) {
    Target t = enis.get(eniId);
    if (t == null || !accountId.equals(owner.get(eniId))) {
      throw new ServiceException(NicError.ENI_NOT_FOUND, "The specified NetworkInterfaceId does not exist.");
    }
    return t;
  }
}
