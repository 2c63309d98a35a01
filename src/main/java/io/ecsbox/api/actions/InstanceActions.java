package io.ecsbox.api.actions;

import io.ecsbox.agent.Console;
import io.ecsbox.agent.GuestMemory;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.api.ActionRegistry;
import io.ecsbox.api.ApiRequest;
import io.ecsbox.api.Json;
import io.ecsbox.api.Page;
import io.ecsbox.api.Params;
import io.ecsbox.api.errors.ErrorCodes;
import io.ecsbox.api.errors.EcsException;
import io.ecsbox.common.ServiceException;
import io.ecsbox.compute.InstanceError;
import io.ecsbox.compute.Instance;
import io.ecsbox.compute.InstanceService;
import io.ecsbox.compute.InstanceStatus;
import io.ecsbox.compute.type.InstanceType;
import io.ecsbox.compute.type.InstanceTypeCatalog;
import io.ecsbox.storage.ImageService;
import io.ecsbox.tag.Tags;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/** The instance Actions: launch, lifecycle, describe, modify, user data and console. */
public final class InstanceActions {
  private final InstanceService instances;
  private final ImageService images;
  private final InstanceTypeCatalog types;
  private final String regionId;
  private final java.util.function.Function<String, InstanceNetView> network;

  /** @param network how DescribeInstances learns an instance's network */
  public InstanceActions(InstanceService instances, ImageService images, InstanceTypeCatalog types,
      java.util.function.Function<String, InstanceNetView> network, String regionId) {
    this.instances = instances;
    this.images = images;
    this.types = types;
    this.network = network;
    this.regionId = regionId;
  }

  public void registerIn(ActionRegistry r) {
    r.register("RunInstances", req -> {
      List<String> ids = instances.launch(LaunchParams.parse(req, 100, true));
      ObjectNode out = Json.object();
      Json.strings(out, "InstanceIdSets", "InstanceIdSet", ids);
      return out.put("OrderId", "").put("TradePrice", 0.0);
    });
    r.register("CreateInstance", req -> {
      List<String> ids = instances.launch(LaunchParams.parse(req, 1, false));
      return Json.object().put("InstanceId", ids.get(0)).put("OrderId", "").put("TradePrice", 0.0);
    });
    r.register("StartInstance", single((a, id) -> instances.start(a, id)));
    r.register("StopInstance", req -> single(req, id -> instances.stop(req.accountId(), id,
        req.params().bool("ForceStop", false))));
    r.register("RebootInstance", req -> single(req, id -> instances.reboot(req.accountId(), id,
        req.params().bool("ForceStop", false))));
    r.register("DeleteInstance", req -> single(req, id -> instances.delete(req.accountId(), id,
        req.params().bool("Force", false))));
    r.register("StartInstances", req -> batch(req, InstanceStatus.Stopped,
        id -> instances.start(req.accountId(), id)));
    r.register("StopInstances", req -> batch(req, InstanceStatus.Running,
        id -> instances.stop(req.accountId(), id, req.params().bool("ForceStop", false))));
    r.register("RebootInstances", req -> batch(req, InstanceStatus.Running,
        id -> instances.reboot(req.accountId(), id, req.params().bool("ForceStop", false))));
    r.register("DeleteInstances", req -> {
      boolean force = req.params().bool("Force", false);
      List<String> ids = ids(req.params());
      instances.checkDeletable(req.accountId(), ids, force); // all or nothing
      dryRun(req.params());
      ids.forEach(id -> instances.delete(req.accountId(), id, force));
      return Json.object();
    });
    r.register("DescribeInstances", this::describe);
    r.register("DescribeInstanceStatus", this::describeStatus);
    r.register("ModifyInstanceAttribute", this::modifyAttribute);
    r.register("ModifyInstanceMetadataOptions", req -> {
      Params p = req.params();
      String id = p.require("InstanceId");
      String tokens = LaunchParams.httpTokens(p);
      String endpoint = LaunchParams.httpEndpoint(p);
      dryRun(p);
      instances.modifyMetadataOptions(req.accountId(), id, tokens, endpoint);
      return Json.object();
    });
    r.register("ModifyInstanceSpec", req -> {
      Params p = req.params();
      dryRun(p);
      instances.modifySpec(req.accountId(), p.require("InstanceId"), p.require("InstanceType"));
      return Json.object();
    });
    r.register("DescribeUserData", req -> {
      Instance i = instances.get(req.accountId(), req.params().require("InstanceId"));
      return Json.object().put("InstanceId", i.id()).put("RegionId", regionId).put("UserData", i.userData());
    });
    r.register("GetInstanceConsoleOutput", req -> {
      String id = req.params().require("InstanceId");
      Console c = instances.console(req.accountId(), id);
      return Json.object().put("InstanceId", id)
          .put("ConsoleOutput", Base64.getEncoder().encodeToString(c.text()))
          .put("LastUpdateTime", Json.seconds(c.lastUpdate()));
    });
    // ecsbox's own: what a running guest's balloon driver reports (ECS has no such action).
    r.register("DescribeInstanceMemory", req -> {
      String id = req.params().require("InstanceId");
      GuestMemory m = instances.memory(req.accountId(), id);
      ObjectNode o = Json.object().put("InstanceId", id);
      kib(o, "ActualKiB", m.actualKiB());
      kib(o, "AvailableKiB", m.availableKiB());
      kib(o, "UnusedKiB", m.unusedKiB());
      kib(o, "UsableKiB", m.usableKiB());
      kib(o, "DiskCachesKiB", m.diskCachesKiB());
      kib(o, "HostRssKiB", m.rssKiB());
      if (m.lastUpdate() != null) {
        o.put("LastUpdateTime", Json.seconds(m.lastUpdate()));
      }
      return o;
    });
  }

  // A figure the guest did not report (-1) is left out.
  private static void kib(ObjectNode o, String key, long value) {
    if (value >= 0) {
      o.put(key, value);
    }
  }

  private static io.ecsbox.api.ActionHandler single(BiConsumer<String, String> op) {
    return req -> single(req, id -> op.accept(req.accountId(), id));
  }

  private static ObjectNode single(ApiRequest req, java.util.function.Consumer<String> op) {
    String id = req.params().require("InstanceId");
    dryRun(req.params());
    op.accept(id);
    return Json.object();
  }

  private static void dryRun(Params p) {
    if (p.bool("DryRun", false)) {
      throw EcsException.badRequest("DryRunOperation", "Request validation has been passed with DryRun flag set.");
    }
  }

  private static List<String> ids(Params p) {
    List<String> ids = p.list("InstanceId", 100);
    if (ids.isEmpty()) {
      throw EcsException.missing("InstanceId.1");
    }
    return ids;
  }

  // AllTogether (the default) checks every instance first and changes nothing on any error;
  // SuccessFirst does what it can and reports each result.
  private ObjectNode batch(ApiRequest req, InstanceStatus needed, java.util.function.Consumer<String> op) {
    Params p = req.params();
    List<String> ids = ids(p);
    boolean successFirst = "SuccessFirst".equals(p.getOrNull("BatchOptimization"));
    List<Instance> before = new ArrayList<>();
    if (!successFirst) {
      before.addAll(instances.requireAll(req.accountId(), ids, needed));
    } else {
      for (String id : ids) {
        try {
          before.add(instances.get(req.accountId(), id));
        } catch (ServiceException e) {
          before.add(null);
        }
      }
    }
    dryRun(p);
    ObjectNode out = Json.object();
    ArrayNode a = Json.list(out, "InstanceResponses", "InstanceResponse");
    for (int n = 0; n < ids.size(); n++) {
      String id = ids.get(n);
      ObjectNode o = a.addObject().put("InstanceId", id);
      Instance prev = before.get(n);
      o.put("PreviousStatus", prev == null ? "" : prev.status().name());
      try {
        if (prev == null) {
          throw InstanceError.notFound();
        }
        op.accept(id);
        o.put("Code", "200").put("Message", "success")
            .put("CurrentStatus", instances.get(req.accountId(), id).status().name());
      } catch (ServiceException | EcsException se) {
        EcsException e = se instanceof ServiceException s ? ErrorCodes.toEcs(s) : (EcsException) se;
        o.put("Code", e.code()).put("Message", e.getMessage())
            .put("CurrentStatus", prev == null ? "" : prev.status().name());
      }
    }
    return out;
  }

  private ObjectNode describe(ApiRequest req) {
    Params p = req.params();
    Optional<List<String>> idFilter = p.jsonArray("InstanceIds", 100);
    Optional<InstanceStatus> status = p.get("Status").map(s -> Optional.ofNullable(InstanceStatus.parse(s))
        .orElseThrow(() -> EcsException.badRequest("InvalidStatus.ValueNotSupported",
            "The specified Status " + s + " is not one of Pending, Starting, Running, Stopping, Stopped.")));
    Optional<Pattern> name = p.get("InstanceName").map(InstanceActions::glob);
    Map<String, String> tags = p.tags(20);
    Optional<List<String>> ipFilter = p.jsonArray("PrivateIpAddresses", 100);
    Optional<List<String>> publicFilter = p.jsonArray("PublicIpAddresses", 100);
    Optional<List<String>> eipFilter = p.jsonArray("EipAddresses", 100);
    boolean byNetwork = ipFilter.isPresent() || publicFilter.isPresent() || eipFilter.isPresent() || p.has("VpcId")
        || p.has("VSwitchId") || p.has("SecurityGroupId");
    List<Instance> match = new ArrayList<>();
    Map<String, InstanceNetView> nets = new java.util.HashMap<>();
    for (Instance i : instances.list(req.accountId())) {
      InstanceNetView net = byNetwork ? nets.computeIfAbsent(i.id(), network) : null;
      if (byNetwork && (p.has("VpcId") && !net.vpcId().equals(p.require("VpcId"))
          || p.has("VSwitchId") && !net.vSwitchId().equals(p.require("VSwitchId"))
          || p.has("SecurityGroupId") && !net.securityGroupIds().contains(p.require("SecurityGroupId"))
          || ipFilter.isPresent() && net.privateIps().stream().noneMatch(ipFilter.get()::contains)
          || publicFilter.isPresent() && (net.natIp() == null || !publicFilter.get().contains(net.natIp()))
          || eipFilter.isPresent() && (net.eip() == null || !eipFilter.get().contains(net.eip().ip())))) {
        continue;
      }
      if (idFilter.isPresent() && !idFilter.get().contains(i.id())
          || status.isPresent() && i.status() != status.get()
          || name.isPresent() && !name.get().matcher(i.name()).matches()
          || p.has("ImageId") && !i.imageId().equals(p.require("ImageId"))
          || p.has("InstanceType") && !i.instanceType().equals(p.require("InstanceType"))
          || p.has("InstanceTypeFamily") && !family(i).equals(p.require("InstanceTypeFamily"))
          || p.has("ZoneId") && !i.zoneId().equals(p.require("ZoneId"))
          || p.has("KeyPairName") && !i.keyPairName().equals(p.require("KeyPairName"))
          || !Tags.matches(i.tags(), tags)) {
        continue;
      }
      match.add(i);
    }
    ObjectNode out = Json.object();
    List<Instance> items = Page.write(out, match, p, 100, 100);
    ArrayNode a = Json.list(out, "Instances", "Instance");
    for (Instance i : items) {
      InstanceView.write(a.addObject(), i, family(i), images.find(req.accountId(), i.imageId()), regionId,
          nets.computeIfAbsent(i.id(), network), instances.metadataOptions(i.id()));
    }
    return out;
  }

  private ObjectNode describeStatus(ApiRequest req) {
    Params p = req.params();
    List<String> ids = p.list("InstanceId", 100);
    List<Instance> match = instances.list(req.accountId()).stream()
        .filter(i -> ids.isEmpty() || ids.contains(i.id()))
        .filter(i -> !p.has("ZoneId") || i.zoneId().equals(p.require("ZoneId"))).toList();
    Page<Instance> page = Page.of(match, p, 50);
    ObjectNode out = Json.object();
    Json.paging(out, page);
    ArrayNode a = Json.list(out, "InstanceStatuses", "InstanceStatus");
    page.items().forEach(i -> InstanceView.writeStatusReason(
        a.addObject().put("InstanceId", i.id()).put("Status", i.status().name()), i.statusReason()));
    return out;
  }

  private ObjectNode modifyAttribute(ApiRequest req) {
    Params p = req.params();
    String id = p.require("InstanceId");
    String name = p.getOrNull("InstanceName");
    String host = p.getOrNull("HostName");
    String desc = p.getOrNull("Description");
    String userData = p.getOrNull("UserData");
    LaunchParams.checkName(name);
    LaunchParams.checkHostName(host);
    LaunchParams.checkDescription(desc);
    LaunchParams.checkUserData(userData);
    String passwordHash = LaunchParams.passwordHash(p);
    List<String> groups = new ArrayList<>();
    for (int n = 1; p.has("SecurityGroupIds." + n); n++) {
      groups.add(p.require("SecurityGroupIds." + n));
    }
    dryRun(p);
    instances.modifyAttribute(req.accountId(), id, name, host, desc, userData, groups, passwordHash);
    return Json.object();
  }

  private String family(Instance i) {
    return types.find(i.instanceType()).map(InstanceType::family).orElse("");
  }

  // InstanceName supports '*' as a wildcard.
  static Pattern glob(String s) {
    return Pattern.compile(java.util.Arrays.stream(s.split("\\*", -1)).map(Pattern::quote)
        .collect(java.util.stream.Collectors.joining(".*")));
  }
}
