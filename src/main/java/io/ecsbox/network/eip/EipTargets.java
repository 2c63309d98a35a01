package io.ecsbox.network.eip;

import io.ecsbox.compute.InstanceError;
import io.ecsbox.network.NicError;

/**
 * What an EIP can be associated with, implemented by the NIC side. Lookups are scoped to the
 * account and throw a not-found {@link io.ecsbox.common.ServiceException} for ids the account
 * does not have.
 */
public interface EipTargets {
  /** The instance's primary NIC; throws {@link InstanceError#NOT_FOUND} for an unknown instance of the account. */
  Target instance(String accountId, String instanceId);

  /** The ENI; throws {@link NicError#ENI_NOT_FOUND}. */
  Target networkInterface(String accountId, String eniId);

  record Target(String eniId, String instanceId /* null for a detached ENI */, String vpcId, String privateIp) {}
}
