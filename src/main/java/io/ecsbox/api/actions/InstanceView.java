package io.ecsbox.api.actions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.api.Json;
import io.ecsbox.compute.Instance;
import io.ecsbox.compute.StatusReason;
import io.ecsbox.storage.Image;
import java.util.List;
import java.util.Optional;

/** One Instance in the shape DescribeInstances answers; empty wrappers rather than omissions. */
final class InstanceView {
  private InstanceView() {}

  static void write(ObjectNode o, Instance i, String family, Optional<Image> image, String regionId,
      InstanceNetView net, io.ecsbox.compute.InstanceStore.MetadataOptions metadata) {
    o.put("InstanceId", i.id()).put("InstanceName", i.name()).put("HostName", i.hostName())
        .put("Description", i.description()).put("Status", i.status().name())
        .put("RegionId", regionId).put("ZoneId", i.zoneId())
        .put("CreationTime", Json.minutes(i.created())).put("StartTime", Json.minutes(i.started()))
        .put("ExpiredTime", "2099-12-31T15:59Z").put("AutoReleaseTime", "")
        .put("InstanceType", i.instanceType()).put("InstanceTypeFamily", family)
        .put("Cpu", i.vcpus()).put("Memory", i.memoryMiB())
        .put("GPUAmount", 0).put("GPUSpec", "")
        .put("ImageId", i.imageId())
        .put("OSType", image.map(Image::osType).orElse("linux"))
        .put("OSName", image.map(Image::osName).orElse(""))
        .put("OSNameEn", image.map(Image::osName).orElse(""))
        .put("SerialNumber", i.serialNumber())
        .put("InstanceChargeType", "PostPaid").put("InternetChargeType", "PayByTraffic")
        .put("InternetMaxBandwidthOut", net.internetMaxBandwidthOut()).put("InternetMaxBandwidthIn", 0)
        .put("StoppedMode", i.status().name().equals("Stopped") ? "KeepCharging" : "Not-applicable")
        .put("SpotStrategy", "NoSpot").put("IoOptimized", true).put("DeletionProtection", false)
        .put("DeviceAvailable", true).put("KeyPairName", i.keyPairName()).put("InstanceNetworkType", "vpc")
        .put("Recyclable", false).put("VlanId", "").put("ClusterId", "").put("ResourceGroupId", "")
        .put("LocalStorageAmount", 0).put("LocalStorageCapacity", 0);
    o.putObject("MetadataOptions").put("HttpEndpoint", metadata.httpEndpoint()).put("HttpTokens", metadata.httpTokens())
        .put("HttpPutResponseHopLimit", 1);
    o.putObject("CpuOptions").put("CoreCount", i.vcpus()).put("ThreadsPerCore", 1).put("Numa", "");
    ObjectNode vpc = o.putObject("VpcAttributes").put("VpcId", net.vpcId()).put("VSwitchId", net.vSwitchId())
        .put("NatIpAddress", "");
    Json.strings(vpc, "PrivateIpAddress", "IpAddress", net.privateIps());
    Json.strings(o, "PublicIpAddress", "IpAddress", net.natIp() == null ? List.of() : List.of(net.natIp()));
    Json.strings(o, "InnerIpAddress", "IpAddress", List.of());
    InstanceNetView.Eip eip = net.eip();
    o.putObject("EipAddress").put("AllocationId", eip == null ? "" : eip.allocationId())
        .put("IpAddress", eip == null ? "" : eip.ip()).put("Bandwidth", eip == null ? 0 : eip.bandwidth())
        .put("InternetChargeType", eip == null ? "" : eip.chargeType()).put("IsSupportUnassociate", true);
    Json.strings(o, "SecurityGroupIds", "SecurityGroupId", net.securityGroupIds());
    var nics = Json.list(o, "NetworkInterfaces", "NetworkInterface");
    for (InstanceNetView.Nic n : net.nics()) {
      ObjectNode x = nics.addObject().put("NetworkInterfaceId", n.id()).put("Type", n.type())
          .put("MacAddress", n.mac()).put("PrimaryIpAddress", n.privateIp());
      var ips = Json.list(x, "PrivateIpSets", "PrivateIpSet");
      ips.addObject().put("PrivateIpAddress", n.privateIp()).put("Primary", true);
      Json.list(x, "Ipv6Sets", "Ipv6Set");
    }
    var locks = Json.list(o, "OperationLocks", "LockReason");
    StatusReason reason = i.statusReason();
    if (reason != null) {
      // ECS's place for "why this instance is held up": the host stopped it. It locks nothing:
      // StartInstance works and clears it.
      locks.addObject().put("LockReason", reason.code()).put("LockMsg", reason.message());
    }
    writeStatusReason(o, reason);
    Json.tags(o, i.tags());
  }

  /**
   * ecsbox's own field: why the host put the instance in its status ({@code {}} when it did not),
   * with the system event type as Code.
   */
  static void writeStatusReason(ObjectNode o, StatusReason reason) {
    ObjectNode r = o.putObject("EcsboxStatusReason");
    if (reason != null) {
      r.put("Code", reason.code()).put("Message", reason.message()).put("Time", Json.seconds(reason.time()));
    }
  }
}
