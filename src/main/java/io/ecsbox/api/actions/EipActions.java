package io.ecsbox.api.actions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.api.ActionRegistry;
import io.ecsbox.api.ApiRequest;
import io.ecsbox.api.Json;
import io.ecsbox.api.Page;
import io.ecsbox.api.Params;
import io.ecsbox.api.errors.EcsException;
import io.ecsbox.network.eip.Eip;
import io.ecsbox.network.eip.EipService;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.function.Function;

/**
 * The EIP Actions, served under ECS (2014-05-26) and under the VPC product's version
 * ({@link VpcActions#VPC_VERSION}) with the same shapes. NAT public IPs of instances are not
 * EIPs here: they are neither listed nor releasable.
 */
public final class EipActions {
  private final Function<String, Map<String, String>> tags;
  public static final Set<String> ACTIONS = Set.of("AllocateEipAddress", "AssociateEipAddress",
      "UnassociateEipAddress", "ReleaseEipAddress", "DescribeEipAddresses", "ModifyEipAddressAttribute");
  private static final int MAX_PAGE = 50;

  private final EipService eips;
  private final String regionId;

  public EipActions(EipService eips, String regionId,
      Function<String, Map<String, String>> tags) {
    this.eips = eips;
    this.tags = tags;
    this.regionId = regionId;
  }

  public void registerIn(ActionRegistry r) {
    r.register("AllocateEipAddress", req -> {
      Params p = req.params();
      int bandwidth = p.intValue("Bandwidth", EipService.DEFAULT_BANDWIDTH, EipService.MIN_BANDWIDTH,
          EipService.MAX_BANDWIDTH);
      String desc = p.getOrNull("Description");
      LaunchParams.checkDescription(desc);
      String token = LaunchParams.clientToken(p);
      DiskActions.dryRun(p);
      Eip e = eips.allocate(req.accountId(), bandwidth, p.getOrNull("InternetChargeType"), p.getOrNull("Name"), desc,
          token, LaunchParams.hash(p));
      return Json.object().put("AllocationId", e.allocationId()).put("EipAddress", e.ip())
          .put("ResourceGroupId", "").put("OrderId", "");
    });
    r.register("AssociateEipAddress", req -> {
      Params p = req.params();
      String id = p.require("AllocationId");
      String instanceId = p.require("InstanceId");
      DiskActions.dryRun(p);
      eips.associate(req.accountId(), id, p.getOrNull("InstanceType"), instanceId);
      return Json.object();
    });
    r.register("UnassociateEipAddress", req -> {
      Params p = req.params();
      String id = p.require("AllocationId");
      DiskActions.dryRun(p);
      eips.unassociate(req.accountId(), id, p.getOrNull("InstanceId"));
      return Json.object();
    });
    r.register("ReleaseEipAddress", req -> {
      Params p = req.params();
      String id = p.require("AllocationId");
      DiskActions.dryRun(p);
      eips.release(req.accountId(), id);
      return Json.object();
    });
    r.register("ModifyEipAddressAttribute", req -> {
      Params p = req.params();
      String id = p.require("AllocationId");
      Integer bandwidth = p.intOrNull("Bandwidth", EipService.MIN_BANDWIDTH, EipService.MAX_BANDWIDTH);
      String desc = p.getOrNull("Description");
      LaunchParams.checkDescription(desc);
      eips.modify(req.accountId(), id, bandwidth, p.getOrNull("Name"), desc);
      return Json.object();
    });
    r.register("DescribeEipAddresses", this::describe);
  }

  private ObjectNode describe(ApiRequest req) {
    Params p = req.params();
    Set<String> ids = p.has("AllocationId") ? split(p.require("AllocationId")) : null;
    Set<String> ips = p.has("EipAddress") ? split(p.require("EipAddress")) : null;
    String type = p.getOrNull("AssociatedInstanceType");
    if (type != null && !type.equals("EcsInstance") && !type.equals("NetworkInterface")) {
      type = "\0none"; // the other ECS types (SlbInstance, Nat, HaVip) exist nowhere here
    }
    String wantedType = type;
    List<Eip> match = eips.eips(req.accountId()).stream()
        .filter(e -> ids == null || ids.contains(e.allocationId()))
        .filter(e -> ips == null || ips.contains(e.ip()))
        .filter(e -> !p.has("Status") || p.require("Status").equals(e.status()))
        .filter(e -> wantedType == null || wantedType.equals(e.associatedType()))
        .filter(e -> !p.has("AssociatedInstanceId") || p.require("AssociatedInstanceId").equals(e.associatedId()))
        .filter(e -> !p.has("ChargeType") || p.require("ChargeType").equals("PostPaid"))
        .toList();
    ObjectNode out = Json.object();
    List<Eip> page = Page.write(out, match, p, MAX_PAGE, MAX_PAGE);
    ArrayNode a = Json.list(out, "EipAddresses", "EipAddress");
    for (Eip e : page) {
      ObjectNode o = a.addObject();
      o.put("AllocationId", e.allocationId()).put("IpAddress", e.ip()).put("Status", e.status())
          .put("InstanceId", e.associatedId()).put("InstanceType", e.associatedType())
          .put("InstanceRegionId", e.eniId() == null ? "" : regionId)
          .put("Bandwidth", String.valueOf(e.bandwidth())).put("EipBandwidth", String.valueOf(e.bandwidth()))
          .put("InternetChargeType", e.chargeType()).put("ChargeType", "PostPaid")
          .put("AllocationTime", Json.seconds(e.created())).put("ExpiredTime", "").put("RegionId", regionId)
          .put("Name", e.name()).put("Description", e.description()).put("ISP", "BGP")
          .put("Mode", "NAT").put("ResourceGroupId", "");
      Json.list(o, "OperationLocks", "LockReason");
      VpcActions.vpcTags(o, tags.apply(e.allocationId()));
    }
    return out;
  }


  /** The VPC API takes up to 50 comma-separated values in AllocationId and EipAddress. */
  private static Set<String> split(String text) {
    return new HashSet<>(Arrays.asList(text.strip().split("\\s*,\\s*")));
  }
}
