package io.ecsbox.compute;

import java.util.Map;

/**
 * A validated RunInstances / CreateInstance request.
 *
 * @param amount how many instances (1-100)
 * @param autoStart true for RunInstances (start at once), false for CreateInstance
 * @param userData Base64 text as the API received it, or empty
 * @param systemDiskGiB requested size, or null for the default (the image size, at least 20)
 * @param clientToken idempotency token, or null
 * @param paramsHash hash of the request parameters for ClientToken comparison
 * @param dataDisks the DataDisk.N disks, created with the instance (zone not yet filled in)
 * @param network where the primary NIC goes and whether it gets a public IP
 * @param access the key pair to bind and the root password hash the guests get
 */
public record LaunchRequest(
    String accountId,
    String imageId,
    String instanceType,
    String instanceName,
    String hostName,
    boolean uniqueSuffix,
    String description,
    String userData,
    Integer systemDiskGiB,
    String systemDiskCategory,
    int amount,
    boolean autoStart,
    String clientToken,
    String paramsHash,
    String zoneId,
    Map<String, String> tags,
    String systemDiskPerformanceLevel,
    java.util.List<InstanceDisks.DataDisk> dataDisks,
    Network network,
    Access access) {
  public LaunchRequest {
    dataDisks = dataDisks == null ? java.util.List.of() : java.util.List.copyOf(dataDisks);
    network = network == null ? Network.DEFAULT : network;
    access = access == null ? Access.NONE : access;
  }

  /** A launch with the default access (no key pair, the image's own password). */
  public LaunchRequest(String accountId, String imageId, String instanceType, String instanceName, String hostName,
      boolean uniqueSuffix, String description, String userData, Integer systemDiskGiB, String systemDiskCategory,
      int amount, boolean autoStart, String clientToken, String paramsHash, String zoneId, Map<String, String> tags,
      String systemDiskPerformanceLevel, java.util.List<InstanceDisks.DataDisk> dataDisks, Network network) {
    this(accountId, imageId, instanceType, instanceName, hostName, uniqueSuffix, description, userData,
        systemDiskGiB, systemDiskCategory, amount, autoStart, clientToken, paramsHash, zoneId, tags,
        systemDiskPerformanceLevel, dataDisks, network, null);
  }

  /**
   * How the guests let their owner in: the caller's key pair by name (null: none) and the root
   * password as a SHA-512 crypt hash (null: the image's own).
   */
  public record Access(String keyPairName, String passwordHash) {
    public static final Access NONE = new Access(null, null);
  }

  /**
   * The primary NIC's placement: VSwitchId (null: the zone's default vSwitch), PrivateIpAddress
   * (null: the next free one), SecurityGroupId(s) (empty: the VPC's default group),
   * InternetMaxBandwidthOut in Mbit/s (above 0: a NAT public IP for the instance's life), and
   * how the metadata service answers it: HttpTokens, HttpEndpoint (null: optional, enabled).
   */
  public record Network(String vSwitchId, String privateIp, java.util.List<String> securityGroupIds,
      int internetMaxBandwidthOut, String metadataHttpTokens, String metadataHttpEndpoint) {
    public static final Network DEFAULT = new Network(null, null, java.util.List.of(), 0, null, null);

    public Network {
      securityGroupIds = securityGroupIds == null ? java.util.List.of() : java.util.List.copyOf(securityGroupIds);
    }

    /** With the metadata service's defaults (tokens optional, endpoint enabled). */
    public Network(String vSwitchId, String privateIp, java.util.List<String> securityGroupIds,
        int internetMaxBandwidthOut) {
      this(vSwitchId, privateIp, securityGroupIds, internetMaxBandwidthOut, null, null);
    }
  }

  /** A launch with data disks, on the default network. */
  public LaunchRequest(String accountId, String imageId, String instanceType, String instanceName, String hostName,
      boolean uniqueSuffix, String description, String userData, Integer systemDiskGiB, String systemDiskCategory,
      int amount, boolean autoStart, String clientToken, String paramsHash, String zoneId, Map<String, String> tags,
      String systemDiskPerformanceLevel, java.util.List<InstanceDisks.DataDisk> dataDisks) {
    this(accountId, imageId, instanceType, instanceName, hostName, uniqueSuffix, description, userData,
        systemDiskGiB, systemDiskCategory, amount, autoStart, clientToken, paramsHash, zoneId, tags,
        systemDiskPerformanceLevel, dataDisks, null);
  }

  /** A launch without data disks and with the default system disk performance level. */
  public LaunchRequest(String accountId, String imageId, String instanceType, String instanceName, String hostName,
      boolean uniqueSuffix, String description, String userData, Integer systemDiskGiB, String systemDiskCategory,
      int amount, boolean autoStart, String clientToken, String paramsHash, String zoneId, Map<String, String> tags) {
    this(accountId, imageId, instanceType, instanceName, hostName, uniqueSuffix, description, userData,
        systemDiskGiB, systemDiskCategory, amount, autoStart, clientToken, paramsHash, zoneId, tags, null, null,
        null);
  }
}
