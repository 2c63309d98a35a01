package io.ecsbox.api.actions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.api.ActionRegistry;
import io.ecsbox.api.ApiRequest;
import io.ecsbox.api.Json;
import io.ecsbox.api.Params;
import io.ecsbox.compute.type.Family;
import io.ecsbox.compute.type.InstanceType;
import io.ecsbox.compute.type.InstanceTypeCatalog;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** DescribeInstanceTypeFamilies and DescribeInstanceTypes from the built-in catalog. */
public final class TypeActions {
  private final InstanceTypeCatalog types;

  public TypeActions(InstanceTypeCatalog types) {
    this.types = types;
  }

  public void registerIn(ActionRegistry r) {
    r.register("DescribeInstanceTypeFamilies", this::families);
    r.register("DescribeInstanceTypes", this::types);
  }

  private ObjectNode families(ApiRequest req) {
    String generation = req.params().getOrNull("Generation");
    ObjectNode out = Json.object();
    ArrayNode a = Json.list(out, "InstanceTypeFamilies", "InstanceTypeFamily");
    for (Family f : types.families()) {
      if (generation == null || generation.equals(f.generation())) {
        a.addObject().put("InstanceTypeFamilyId", f.id()).put("Generation", f.generation());
      }
    }
    return out;
  }

  private ObjectNode types(ApiRequest req) {
    Params p = req.params();
    Set<String> ids = new HashSet<>(p.list("InstanceTypes", 10));
    Set<String> families = new HashSet<>(p.list("InstanceTypeFamilies", 10));
    p.get("InstanceTypeFamily").ifPresent(families::add);
    List<InstanceType> match = new ArrayList<>();
    for (InstanceType t : types.all()) {
      if ((ids.isEmpty() || ids.contains(t.id())) && (families.isEmpty() || families.contains(t.family()))) {
        match.add(t);
      }
    }
    // Token paging: NextToken is the index to continue from.
    int max = p.intValue("MaxResults", match.size(), 1, 1600);
    int from = p.intValue("NextToken", 0, 0, Integer.MAX_VALUE);
    int to = Math.min(match.size(), from + max);
    ObjectNode out = Json.object();
    out.put("NextToken", to < match.size() ? String.valueOf(to) : "");
    ArrayNode a = Json.list(out, "InstanceTypes", "InstanceType");
    for (InstanceType t : match.subList(Math.min(from, to), to)) {
      ObjectNode o = a.addObject();
      o.put("InstanceTypeId", t.id()).put("InstanceTypeFamily", t.family())
          .put("CpuCoreCount", t.vcpus()).put("MemorySize", t.memoryGiB())
          .put("CpuArchitecture", t.cpuArchitecture()).put("InstanceFamilyLevel", t.familyLevel().apiName())
          .put("InstanceCategory", t.category())
          .put("GPUAmount", t.gpu().amount()).put("GPUSpec", t.gpu().spec())
          .put("GPUMemorySize", t.gpu().memoryGiB())
          .put("EniQuantity", t.network().eniQuantity())
          .put("EniPrivateIpAddressQuantity", t.network().eniPrivateIpAddressQuantity())
          .put("InstanceBandwidthRx", t.network().bandwidthRxKbps())
          .put("InstanceBandwidthTx", t.network().bandwidthTxKbps())
          .put("InstancePpsRx", t.network().ppsRx()).put("InstancePpsTx", t.network().ppsTx())
          .put("DiskQuantity", t.diskQuantity())
          .put("LocalStorageAmount", t.localStorage().amount())
          .put("LocalStorageCapacity", t.localStorage().capacityGiB())
          .put("LocalStorageCategory", t.localStorage().category())
          .put("BaselineCredit", t.credit().baselineCredit())
          .put("InitialCredit", t.credit().initialCredit());
    }
    return out;
  }
}
