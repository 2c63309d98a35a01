package io.ecsbox.api.actions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.api.ActionRegistry;
import io.ecsbox.api.Json;
import io.ecsbox.api.Page;
import io.ecsbox.api.Params;
import io.ecsbox.network.VSwitch;
import io.ecsbox.network.Vpc;
import io.ecsbox.network.VpcService;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The one-resource reads of the VPC API that terraform-provider-alicloud makes:
 * DescribeVpcAttribute, DescribeVSwitchAttributes and DescribeRouteTableList (each VPC has one
 * system route table, its vRouter's). Tags in the VPC API's shape ({@code Key}/{@code Value}).
 */
public final class VpcAttributeActions {
  public static final Set<String> ACTIONS =
      Set.of("DescribeVpcAttribute", "DescribeVSwitchAttributes", "DescribeRouteTableList");
  private final VpcService vpcs;
  private final Function<String, Map<String, String>> tags;
  private final String regionId;

  /** @param tags the tags of a resource id */
  public VpcAttributeActions(VpcService vpcs, Function<String, Map<String, String>> tags, String regionId) {
    this.vpcs = vpcs;
    this.tags = tags;
    this.regionId = regionId;
  }

  public void registerIn(ActionRegistry r) {
    r.register("DescribeVpcAttribute", req -> {
      Vpc v = vpcs.vpc(req.accountId(), req.params().require("VpcId"));
      ObjectNode o = Json.object().put("VpcId", v.id()).put("RegionId", regionId).put("Status", v.status())
          .put("VpcName", v.name()).put("CidrBlock", v.cidr().toString()).put("VRouterId", v.vRouterId())
          .put("CreationTime", Json.seconds(v.created())).put("Description", v.description())
          .put("IsDefault", v.isDefault()).put("ResourceGroupId", "").put("OwnerId", req.accountId())
          .put("ClassicLinkEnabled", false).put("DnsHostnameStatus", "DISABLED").put("EnabledIpv6", false)
          .put("Ipv6CidrBlock", "");
      Json.strings(o, "VSwitchIds", "VSwitchId", vSwitchIds(req.accountId(), v.id()));
      Json.strings(o, "UserCidrs", "UserCidr", List.of());
      Json.strings(o, "SecondaryCidrBlocks", "SecondaryCidrBlock", List.of());
      Json.list(o, "Ipv6CidrBlocks", "Ipv6CidrBlock");
      Json.list(o, "AssociatedCens", "AssociatedCen");
      Json.list(o, "CloudResources", "CloudResourceSetType");
      writeTags(o, v.id());
      return o;
    });
    r.register("DescribeVSwitchAttributes", req -> {
      VSwitch v = vpcs.vSwitch(req.accountId(), req.params().require("VSwitchId"));
      ObjectNode o = Json.object().put("VSwitchId", v.id()).put("VpcId", v.vpcId()).put("Status", v.status())
          .put("CidrBlock", v.cidr().toString()).put("ZoneId", v.zoneId())
          .put("AvailableIpAddressCount", vpcs.availableIpAddressCount(v)).put("Description", v.description())
          .put("VSwitchName", v.name()).put("CreationTime", Json.seconds(v.created()))
          .put("IsDefault", v.isDefault()).put("ResourceGroupId", "").put("RegionId", regionId)
          .put("OwnerId", req.accountId()).put("Ipv6CidrBlock", "").put("EnabledIpv6", false);
      o.putObject("RouteTable").put("RouteTableId", vpcs.vpc(req.accountId(), v.vpcId()).routeTableId())
          .put("RouteTableType", "System");
      Json.list(o, "CloudResources", "CloudResourceSetType");
      writeTags(o, v.id());
      return o;
    });
    r.register("DescribeRouteTableList", req -> {
      Params p = req.params();
      List<Vpc> match = vpcs.vpcs(req.accountId()).stream()
          .filter(v -> !p.has("VpcId") || p.require("VpcId").equals(v.id()))
          .filter(v -> !p.has("RouteTableId") || p.require("RouteTableId").equals(v.routeTableId()))
          .filter(v -> !p.has("RouterId") || p.require("RouterId").equals(v.vRouterId()))
          .filter(v -> !p.has("RouteTableType") || "System".equals(p.require("RouteTableType")))
          .toList();
      ObjectNode out = Json.object().put("Success", true).put("Code", "200").put("Message", "");
      Page<Vpc> page = Page.of(match, p, 50);
      Json.paging(out, page);
      ArrayNode a = Json.list(out, "RouterTableList", "RouterTableListType");
      for (Vpc v : page.items()) {
        ObjectNode t = a.addObject().put("VpcId", v.id()).put("RouteTableId", v.routeTableId())
            .put("RouteTableType", "System").put("RouterId", v.vRouterId()).put("RouterType", "VRouter")
            .put("RouteTableName", "").put("Description", "").put("Status", "Available")
            .put("CreationTime", Json.seconds(v.created())).put("ResourceGroupId", "")
            .put("OwnerId", req.accountId()).put("RoutePropagationEnable", true);
        Json.strings(t, "VSwitchIds", "VSwitchId", vSwitchIds(req.accountId(), v.id()));
        Json.list(t, "Tags", "Tag");
      }
      return out;
    });
  }

  private List<String> vSwitchIds(String accountId, String vpcId) {
    return vpcs.vSwitches(accountId).stream().filter(s -> s.vpcId().equals(vpcId)).map(VSwitch::id).toList();
  }

  private void writeTags(ObjectNode o, String id) {
    VpcActions.vpcTags(o, tags.apply(id));
  }
}
