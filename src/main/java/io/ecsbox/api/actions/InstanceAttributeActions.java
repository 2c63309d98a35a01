package io.ecsbox.api.actions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.api.ActionRegistry;
import io.ecsbox.api.Json;
import io.ecsbox.api.Page;
import io.ecsbox.api.Params;
import io.ecsbox.compute.Instance;
import io.ecsbox.compute.InstanceService;
import io.ecsbox.compute.type.InstanceType;
import io.ecsbox.compute.type.InstanceTypeCatalog;
import io.ecsbox.storage.ImageService;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The per-instance reads terraform-provider-alicloud makes after DescribeInstances:
 * DescribeInstanceAttribute, DescribeInstanceMaintenanceAttributes,
 * DescribeInstanceAttachmentAttributes and DescribeInstanceRamRole. ecsbox has no planned
 * maintenance (a host failure stops the guest), no private pools and no RAM roles, and says so
 * in the shapes ECS uses. An id of another account's instance is not found.
 */
public final class InstanceAttributeActions {
  private final InstanceService instances;
  private final ImageService images;
  private final InstanceTypeCatalog types;
  private final Function<String, InstanceNetView> network;
  private final String regionId;

  public InstanceAttributeActions(InstanceService instances, ImageService images, InstanceTypeCatalog types,
      Function<String, InstanceNetView> network, String regionId) {
    this.instances = instances;
    this.images = images;
    this.types = types;
    this.network = network;
    this.regionId = regionId;
  }

  public void registerIn(ActionRegistry r) {
    r.register("DescribeInstanceAttribute", req -> {
      Instance i = instances.get(req.accountId(), req.params().require("InstanceId"));
      ObjectNode o = Json.object();
      String family = types.find(i.instanceType()).map(InstanceType::family).orElse("");
      InstanceView.write(o, i, family, images.find(req.accountId(), i.imageId()), regionId, network.apply(i.id()),
          instances.metadataOptions(i.id()));
      return o.put("EnableJumboFrame", false).put("CreditSpecification", "");
    });
    r.register("DescribeInstanceMaintenanceAttributes", req -> {
      Params p = req.params();
      List<Instance> match = select(req.accountId(), p.list("InstanceId", 100));
      ObjectNode out = Json.object();
      Page<Instance> page = Page.of(match, p, 100);
      Json.paging(out, page);
      ArrayNode a = Json.list(out, "MaintenanceAttributes", "MaintenanceAttribute");
      for (Instance i : page.items()) {
        ObjectNode m = a.addObject().put("InstanceId", i.id()).put("RegionId", regionId)
            .put("NotifyOnMaintenance", false);
        Json.list(m, "MaintenanceWindows", "MaintenanceWindow");
        ObjectNode action = m.putObject("ActionOnMaintenance").put("Value", "Stop").put("DefaultValue", "Stop");
        Json.strings(action, "SupportedValues", "SupportedValue", List.of("Stop"));
      }
      return out;
    });
    r.register("DescribeInstanceAttachmentAttributes", req -> {
      Params p = req.params();
      List<Instance> match = select(req.accountId(), p.jsonArray("InstanceIds", 100).orElse(List.of()));
      ObjectNode out = Json.object();
      Page<Instance> page = Page.of(match, p, 100);
      Json.paging(out, page);
      ArrayNode a = Json.list(out, "Instances", "Instance");
      page.items().forEach(i -> a.addObject().put("InstanceId", i.id())
          .put("PrivatePoolOptionsMatchCriteria", "None").put("PrivatePoolOptionsId", ""));
      return out;
    });
    r.register("DescribeInstanceRamRole", req -> {
      Params p = req.params();
      select(req.accountId(), p.jsonArray("InstanceIds", 100).orElse(List.of()));
      ObjectNode out = Json.object().put("RegionId", regionId).put("TotalCount", 0);
      Json.list(out, "InstanceRamRoleSets", "InstanceRamRoleSet");
      return out;
    });
  }

  // The given instances (each must be the caller's), or all of the caller's when none is given.
  private List<Instance> select(String accountId, List<String> ids) {
    if (ids.isEmpty()) {
      return instances.list(accountId);
    }
    List<Instance> out = new ArrayList<>();
    for (String id : ids) {
      out.add(instances.get(accountId, id));
    }
    return out;
  }
}
