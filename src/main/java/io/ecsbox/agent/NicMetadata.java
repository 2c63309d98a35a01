package io.ecsbox.agent;

/** One NIC of an instance as the metadata service shows it under {@code network/interfaces/macs/<mac>/}. */
public record NicMetadata(String networkInterfaceId, String mac, String primaryIp, String netmask, String gateway,
    String vpcId, String vpcCidr, String vSwitchId, String vSwitchCidr) {}
