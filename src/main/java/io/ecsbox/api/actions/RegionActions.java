package io.ecsbox.api.actions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.api.ActionRegistry;
import io.ecsbox.api.ApiRequest;
import io.ecsbox.api.Json;
import io.ecsbox.compute.type.Family;
import io.ecsbox.compute.type.InstanceType;
import io.ecsbox.compute.type.InstanceTypeCatalog;
import java.util.List;

/** DescribeRegions and DescribeZones: one region per ecsbox installation, its zones on this host. */
public final class RegionActions {
  private static final List<String> DISK_CATEGORIES =
      List.of("cloud_efficiency", "cloud_ssd", "cloud_essd", "cloud_auto", "cloud_essd_entry");

  private final String regionId;
  private final List<String> zoneIds;
  private final InstanceTypeCatalog types;

  public RegionActions(String regionId, String zoneId, InstanceTypeCatalog types) {
    this(regionId, List.of(zoneId), types);
  }

  public RegionActions(String regionId, List<String> zoneIds, InstanceTypeCatalog types) {
    this.regionId = regionId;
    this.zoneIds = List.copyOf(zoneIds);
    this.types = types;
  }

  public void registerIn(ActionRegistry r) {
    r.register("DescribeRegions", this::describeRegions);
    r.register("DescribeZones", this::describeZones);
  }

  private ObjectNode describeRegions(ApiRequest req) {
    ObjectNode out = Json.object();
    Json.list(out, "Regions", "Region").addObject()
        .put("RegionId", regionId).put("LocalName", "ecsbox " + regionId)
        .put("RegionEndpoint", req.endpoint()).put("Status", "available");
    return out;
  }

  private ObjectNode describeZones(ApiRequest req) {
    ObjectNode out = Json.object();
    var zones = Json.list(out, "Zones", "Zone");
    for (String zoneId : zoneIds) {
      ObjectNode z = zones.addObject();
      z.put("ZoneId", zoneId).put("LocalName", "ecsbox " + zoneId).put("ZoneType", "AvailabilityZone");
      List<String> typeIds = types.all().stream().map(InstanceType::id).toList();
      Json.strings(z, "AvailableResourceCreation", "ResourceTypes", List.of("Instance", "Disk", "VSwitch"));
      Json.strings(z, "AvailableDiskCategories", "DiskCategories", DISK_CATEGORIES);
      Json.strings(z, "AvailableVolumeCategories", "VolumeCategories", List.of());
      Json.strings(z, "AvailableInstanceTypes", "InstanceTypes", typeIds);
      Json.strings(z, "AvailableDedicatedHostTypes", "DedicatedHostType", List.of());
      Json.strings(z, "DedicatedHostGenerations", "DedicatedHostGeneration", List.of());
      ArrayNode infos = Json.list(z, "AvailableResources", "ResourcesInfo");
      ObjectNode info = infos.addObject();
      info.put("IoOptimized", true);
      Json.strings(info, "InstanceTypes", "supportedInstanceType", typeIds);
      Json.strings(info, "InstanceTypeFamilies", "supportedInstanceTypeFamily",
          types.families().stream().map(Family::id).toList());
      Json.strings(info, "InstanceGenerations", "supportedInstanceGeneration",
          types.families().stream().map(Family::generation).distinct().toList());
      Json.strings(info, "SystemDiskCategories", "supportedSystemDiskCategory", DISK_CATEGORIES);
      Json.strings(info, "DataDiskCategories", "supportedDataDiskCategory", DISK_CATEGORIES);
      Json.strings(info, "NetworkTypes", "supportedNetworkCategory", List.of("vpc"));
    }
    return out;
  }
}
