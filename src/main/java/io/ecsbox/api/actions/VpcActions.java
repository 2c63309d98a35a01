package io.ecsbox.api.actions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.api.ActionRegistry;
import io.ecsbox.api.ApiRequest;
import io.ecsbox.api.Json;
import io.ecsbox.api.Page;
import io.ecsbox.api.Params;
import io.ecsbox.api.errors.EcsException;
import io.ecsbox.network.VSwitch;
import io.ecsbox.network.Vpc;
import io.ecsbox.network.VpcService;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.function.Function;

/**
 * The VPC and vSwitch Actions. They are served under ECS (2014-05-26) and, with the same
 * shapes, under the VPC product's version {@link #VPC_VERSION}, which the SDKs key as "Vpc".
 */
public final class VpcActions {
  /** The VPC API's version; ApiServer accepts it for {@link #ACTIONS}. */
  public static final String VPC_VERSION = "2016-04-28";
  public static final Set<String> ACTIONS = Set.of("CreateVpc", "DescribeVpcs", "ModifyVpcAttribute", "DeleteVpc",
      "CreateVSwitch", "DescribeVSwitches", "ModifyVSwitchAttribute", "DeleteVSwitch");
  private static final int MAX_PAGE = 50;

  private final VpcService vpcs;
  private final String regionId;
  private final Function<String, Map<String, String>> tags;

  /** @param tags the tags of a resource id */
  public VpcActions(VpcService vpcs, String regionId,
      Function<String, Map<String, String>> tags) {
    this.vpcs = vpcs;
    this.regionId = regionId;
    this.tags = tags;
  }

  public void registerIn(ActionRegistry r) {
    r.register("CreateVpc", req -> {
      Params p = req.params();
      if (p.has("UserCidr")) {
        throw EcsException.badRequest("InvalidParameter.NotSupported", "UserCidr is not supported by ecsbox.");
      }
      String desc = p.getOrNull("Description");
      LaunchParams.checkDescription(desc);
      DiskActions.dryRun(p);
      Vpc v = vpcs.createVpc(req.accountId(), p.getOrNull("CidrBlock"), p.getOrNull("VpcName"), desc,
          LaunchParams.clientToken(p), LaunchParams.hash(p));
      return Json.object().put("VpcId", v.id()).put("VRouterId", v.vRouterId())
          .put("RouteTableId", v.routeTableId()).put("ResourceGroupId", "");
    });
    r.register("DescribeVpcs", this::describeVpcs);
    r.register("ModifyVpcAttribute", req -> {
      Params p = req.params();
      String id = p.require("VpcId");
      if (p.has("CidrBlock") || p.has("UserCidr")) {
        throw EcsException.badRequest("InvalidParameter.NotSupported",
            "Changing the CidrBlock or UserCidr of a VPC is not supported by ecsbox.");
      }
      String desc = p.getOrNull("Description");
      LaunchParams.checkDescription(desc);
      vpcs.modifyVpc(req.accountId(), id, p.getOrNull("VpcName"), desc);
      return Json.object();
    });
    r.register("DeleteVpc", req -> {
      String id = req.params().require("VpcId");
      DiskActions.dryRun(req.params());
      vpcs.deleteVpc(req.accountId(), id);
      return Json.object();
    });
    r.register("CreateVSwitch", req -> {
      Params p = req.params();
      String vpcId = p.require("VpcId");
      String zone = p.require("ZoneId");
      String cidr = p.require("CidrBlock");
      String desc = p.getOrNull("Description");
      LaunchParams.checkDescription(desc);
      DiskActions.dryRun(p);
      VSwitch v = vpcs.createVSwitch(req.accountId(), vpcId, zone, cidr, p.getOrNull("VSwitchName"), desc,
          LaunchParams.clientToken(p), LaunchParams.hash(p));
      return Json.object().put("VSwitchId", v.id());
    });
    r.register("DescribeVSwitches", this::describeVSwitches);
    r.register("ModifyVSwitchAttribute", req -> {
      Params p = req.params();
      String id = p.require("VSwitchId");
      String desc = p.getOrNull("Description");
      LaunchParams.checkDescription(desc);
      vpcs.modifyVSwitch(req.accountId(), id, p.getOrNull("VSwitchName"), desc);
      return Json.object();
    });
    r.register("DeleteVSwitch", req -> {
      String id = req.params().require("VSwitchId");
      DiskActions.dryRun(req.params());
      vpcs.deleteVSwitch(req.accountId(), id);
      return Json.object();
    });
  }

  private ObjectNode describeVpcs(ApiRequest req) {
    Params p = req.params();
    List<VSwitch> allVsw = vpcs.vSwitches(req.accountId());
    List<Vpc> match = vpcs.vpcs(req.accountId()).stream()
        .filter(v -> !p.has("VpcId") || ids(p.require("VpcId")).contains(v.id()))
        .filter(v -> !p.has("VpcName") || p.require("VpcName").equals(v.name()))
        .filter(v -> !p.has("IsDefault") || p.bool("IsDefault", false) == v.isDefault())
        .toList();
    ObjectNode out = Json.object();
    Page<Vpc> page = Page.of(match, p, MAX_PAGE);
    Json.paging(out, page);
    ArrayNode a = Json.list(out, "Vpcs", "Vpc");
    for (Vpc v : page.items()) {
      ObjectNode o = a.addObject();
      o.put("VpcId", v.id()).put("RegionId", regionId).put("Status", v.status()).put("VpcName", v.name())
          .put("CidrBlock", v.cidr().toString()).put("VRouterId", v.vRouterId())
          .put("CreationTime", Json.seconds(v.created())).put("Description", v.description())
          .put("IsDefault", v.isDefault()).put("ResourceGroupId", "").put("Ipv6CidrBlock", "");
      Json.strings(o, "VSwitchIds", "VSwitchId",
          allVsw.stream().filter(s -> s.vpcId().equals(v.id())).map(VSwitch::id).toList());
      Json.strings(o, "UserCidrs", "UserCidr", List.of());
      Json.strings(o, "RouterTableIds", "RouterTableIds", List.of(v.routeTableId()));
      vpcTags(o, v.id());
    }
    return out;
  }

  private ObjectNode describeVSwitches(ApiRequest req) {
    Params p = req.params();
    List<VSwitch> match = vpcs.vSwitches(req.accountId()).stream()
        .filter(v -> !p.has("VpcId") || p.require("VpcId").equals(v.vpcId()))
        .filter(v -> !p.has("VSwitchId") || ids(p.require("VSwitchId")).contains(v.id()))
        .filter(v -> !p.has("ZoneId") || p.require("ZoneId").equals(v.zoneId()))
        .filter(v -> !p.has("VSwitchName") || p.require("VSwitchName").equals(v.name()))
        .filter(v -> !p.has("IsDefault") || p.bool("IsDefault", false) == v.isDefault())
        .toList();
    ObjectNode out = Json.object();
    Page<VSwitch> page = Page.of(match, p, MAX_PAGE);
    Json.paging(out, page);
    ArrayNode a = Json.list(out, "VSwitches", "VSwitch");
    for (VSwitch v : page.items()) {
      ObjectNode o = a.addObject().put("VSwitchId", v.id()).put("VpcId", v.vpcId()).put("Status", v.status())
          .put("CidrBlock", v.cidr().toString()).put("ZoneId", v.zoneId())
          .put("AvailableIpAddressCount", vpcs.availableIpAddressCount(v)).put("Description", v.description())
          .put("VSwitchName", v.name()).put("CreationTime", Json.seconds(v.created()))
          .put("IsDefault", v.isDefault()).put("ResourceGroupId", "").put("RegionId", regionId);
      vpcTags(o, v.id());
    }
    return out;
  }


  /** Tags in the VPC API's shape: Key/Value. */
  static void vpcTags(ObjectNode o, Map<String, String> tags) {
    ArrayNode a = Json.list(o, "Tags", "Tag");
    tags.forEach((k, v) -> a.addObject().put("Key", k).put("Value", v));
  }

  private void vpcTags(ObjectNode o, String id) {
    vpcTags(o, tags.apply(id));
  }

  /** The VPC API takes up to 20 comma-separated ids in VpcId / VSwitchId. */
  private static Set<String> ids(String text) {
    return new java.util.HashSet<>(java.util.Arrays.asList(text.strip().split("\\s*,\\s*")));
  }
}
