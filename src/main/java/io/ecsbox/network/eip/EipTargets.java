package io.ecsbox.network.eip;

/**
 * What an EIP can be associated with, implemented by the NIC side. Lookups are scoped to the
 * account and throw the ECS not-found error ({@link io.ecsbox.common.EcsException}) for ids the
 * account does not have.
 */
public interface EipTargets {
  /** The instance's primary NIC; throws the ECS not-found error for an unknown instance of the account. */
  Target instance(String accountId, String instanceId);

  /** The ENI; throws the ECS not-found error. */
  Target networkInterface(String accountId, String eniId);

  record Target(String eniId, String instanceId /* null for a detached ENI */, String vpcId, String privateIp) {}
}
