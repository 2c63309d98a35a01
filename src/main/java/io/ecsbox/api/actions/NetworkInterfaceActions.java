package io.ecsbox.api.actions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.api.ActionRegistry;
import io.ecsbox.api.ApiRequest;
import io.ecsbox.api.Json;
import io.ecsbox.api.Page;
import io.ecsbox.api.Params;
import io.ecsbox.api.errors.EcsException;
import io.ecsbox.network.NetworkInterface;
import io.ecsbox.network.NicService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.function.Function;

/**
 * The elastic network interface Actions: CreateNetworkInterface, Attach-, Detach-, Delete-,
 * DescribeNetworkInterfaces and ModifyNetworkInterfaceAttribute. An instance's primary NIC is
 * an ENI too (type Primary): it is described, but neither detached nor deleted on its own.
 */
public final class NetworkInterfaceActions {
  private final Function<String, Map<String, String>> tags;
  private static final Set<String> STATUSES = Set.of("Available", "Attaching", "InUse", "Detaching", "Deleting");
  private final NicService nics;
  private final String regionId;

  public NetworkInterfaceActions(NicService nics, String regionId,
      Function<String, Map<String, String>> tags) {
    this.nics = nics;
    this.tags = tags;
    this.regionId = regionId;
  }

  public void registerIn(ActionRegistry r) {
    r.register("CreateNetworkInterface", req -> {
      Params p = req.params();
      String vsw = p.require("VSwitchId");
      List<String> groups = LaunchParams.groupIds(p);
      String desc = p.getOrNull("Description");
      LaunchParams.checkDescription(desc);
      String name = p.getOrNull("NetworkInterfaceName");
      if (name != null) {
        LaunchParams.checkName(name);
      }
      if (p.has("SecondaryPrivateIpAddressCount") || p.has("PrivateIpAddress.1") || p.has("Ipv6AddressCount")) {
        throw EcsException.badRequest("InvalidParameter.NotSupported",
            "Secondary private IPs and IPv6 addresses are not supported by ecsbox.");
      }
      DiskActions.dryRun(p);
      NetworkInterface n = nics.create(req.accountId(), vsw, groups, p.getOrNull("PrimaryIpAddress"), name, desc);
      ObjectNode o = Json.object();
      view(o, n);
      return o;
    });
    r.register("AttachNetworkInterface", req -> {
      Params p = req.params();
      String eni = p.require("NetworkInterfaceId");
      String instance = p.require("InstanceId");
      DiskActions.dryRun(p);
      nics.attach(req.accountId(), eni, instance);
      return Json.object();
    });
    r.register("DetachNetworkInterface", req -> {
      Params p = req.params();
      String eni = p.require("NetworkInterfaceId");
      String instance = p.require("InstanceId");
      DiskActions.dryRun(p);
      nics.detach(req.accountId(), eni, instance);
      return Json.object();
    });
    r.register("DeleteNetworkInterface", req -> {
      String eni = req.params().require("NetworkInterfaceId");
      DiskActions.dryRun(req.params());
      nics.delete(req.accountId(), eni);
      return Json.object();
    });
    r.register("ModifyNetworkInterfaceAttribute", req -> {
      Params p = req.params();
      String eni = p.require("NetworkInterfaceId");
      if (p.has("SecurityGroupId.1")) {
        throw EcsException.badRequest("InvalidParameter.NotSupported",
            "Change an ENI's security groups with JoinSecurityGroup and LeaveSecurityGroup.");
      }
      String desc = p.getOrNull("Description");
      LaunchParams.checkDescription(desc);
      String name = p.getOrNull("NetworkInterfaceName");
      if (name != null) {
        LaunchParams.checkName(name);
      }
      nics.modify(req.accountId(), eni, name, desc);
      return Json.object();
    });
    r.register("DescribeNetworkInterfaces", this::describe);
  }

  private ObjectNode describe(ApiRequest req) {
    Params p = req.params();
    List<String> ids = new ArrayList<>();
    for (int n = 1; p.has("NetworkInterfaceId." + n); n++) {
      ids.add(p.require("NetworkInterfaceId." + n));
    }
    List<String> ips = new ArrayList<>();
    for (int n = 1; p.has("PrivateIpAddress." + n); n++) {
      ips.add(p.require("PrivateIpAddress." + n));
    }
    String status = p.getOrNull("Status");
    if (status != null && !STATUSES.contains(status)) {
      throw EcsException.badRequest("InvalidStatus.ValueNotSupported", "The specified Status " + status
          + " is not one of " + String.join(", ", new java.util.TreeSet<>(STATUSES)) + ".");
    }
    String type = p.getOrNull("Type");
    if (type != null && !type.equals("Primary") && !type.equals("Secondary")) {
      throw EcsException.invalid("Type", "Primary or Secondary");
    }
    List<NetworkInterface> match = nics.list(req.accountId()).stream()
        .filter(n -> ids.isEmpty() || ids.contains(n.id()))
        .filter(n -> ips.isEmpty() || ips.contains(n.privateIp()))
        .filter(n -> !p.has("InstanceId") || p.require("InstanceId").equals(n.instanceId()))
        .filter(n -> !p.has("VpcId") || p.require("VpcId").equals(n.vpcId()))
        .filter(n -> !p.has("VSwitchId") || p.require("VSwitchId").equals(n.vSwitchId()))
        .filter(n -> !p.has("PrimaryIpAddress") || p.require("PrimaryIpAddress").equals(n.privateIp()))
        .filter(n -> status == null || status.equals(n.status()))
        .filter(n -> type == null || type.equals(n.type()))
        .filter(n -> !p.has("SecurityGroupId") || nics.groupsOf(n.id()).contains(p.require("SecurityGroupId")))
        .toList();
    ObjectNode out = Json.object();
    List<NetworkInterface> items = Page.write(out, match, p, 100, 500);
    ArrayNode a = Json.list(out, "NetworkInterfaceSets", "NetworkInterfaceSet");
    for (NetworkInterface n : items) {
      view(a.addObject(), n);
    }
    return out;
  }

  private void view(ObjectNode o, NetworkInterface n) {
    o.put("NetworkInterfaceId", n.id()).put("NetworkInterfaceName", n.name()).put("Description", n.description())
        .put("Status", n.status()).put("Type", n.type()).put("InstanceId", n.instanceId() == null ? "" : n.instanceId())
        .put("VpcId", n.vpcId()).put("VSwitchId", n.vSwitchId()).put("ZoneId", n.zoneId())
        .put("MacAddress", n.mac()).put("PrivateIpAddress", n.privateIp())
        .put("CreationTime", Json.seconds(n.created())).put("DeleteOnRelease", n.primary())
        .put("OwnerId", n.accountId()).put("ResourceGroupId", "").put("ServiceManaged", false)
        .put("RegionId", regionId);
    ArrayNode ips = Json.list(o, "PrivateIpSets", "PrivateIpSet");
    ips.addObject().put("PrivateIpAddress", n.privateIp()).put("Primary", true);
    Json.strings(o, "SecurityGroupIds", "SecurityGroupId", nics.groupsOf(n.id()));
    Json.list(o, "Ipv6Sets", "Ipv6Set");
    Json.tags(o, tags.apply(n.id()));
    ObjectNode att = o.putObject("Attachment");
    att.put("InstanceId", n.instanceId() == null ? "" : n.instanceId());
    if (n.deviceIndex() != null) {
      att.put("DeviceIndex", n.deviceIndex());
    }
  }
}
