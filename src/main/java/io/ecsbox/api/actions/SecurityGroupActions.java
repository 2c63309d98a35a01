package io.ecsbox.api.actions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.api.ActionRegistry;
import io.ecsbox.api.ApiRequest;
import io.ecsbox.api.Json;
import io.ecsbox.api.Page;
import io.ecsbox.api.Params;
import io.ecsbox.api.errors.EcsException;
import io.ecsbox.network.secgroup.GroupRecord;
import io.ecsbox.network.secgroup.RuleRecord;
import io.ecsbox.network.secgroup.RuleSpec;
import io.ecsbox.agent.firewall.SecurityGroup;
import io.ecsbox.network.secgroup.SecurityGroupService;
import io.ecsbox.agent.firewall.SgRule.Direction;
import io.ecsbox.agent.firewall.SgRule.Policy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** The security group Actions (ecs-api.md §6.5 and §7 "Security groups"); rules live in the service. */
public final class SecurityGroupActions {
  private final Function<String, Map<String, String>> tags;
  public static final Set<String> ACTIONS = Set.of("CreateSecurityGroup", "AuthorizeSecurityGroup",
      "AuthorizeSecurityGroupEgress", "RevokeSecurityGroup", "RevokeSecurityGroupEgress", "ModifySecurityGroupPolicy",
      "ModifySecurityGroupAttribute", "DescribeSecurityGroups", "DescribeSecurityGroupAttribute",
      "DeleteSecurityGroup", "JoinSecurityGroup", "LeaveSecurityGroup");
  private static final int MAX_PAGE = 50;
  private static final int MAX_RESULTS = 100;
  private static final int MAX_PERMISSIONS = 100;
  /** The per-rule fields of the flat form (also the Permissions.N.* suffixes). */
  private static final List<String> RULE_FIELDS = List.of("IpProtocol", "PortRange", "SourcePortRange",
      "SourceCidrIp", "DestCidrIp", "SourceGroupId", "DestGroupId", "Policy", "Priority", "NicType",
      "Ipv6SourceCidrIp", "Ipv6DestCidrIp", "SourcePrefixListId", "DestPrefixListId", "PortRangeListId",
      "SourceGroupOwnerAccount", "SourceGroupOwnerId", "DestGroupOwnerAccount", "DestGroupOwnerId");
  private static final List<String> UNSUPPORTED = List.of("Ipv6SourceCidrIp", "Ipv6DestCidrIp",
      "SourcePrefixListId", "DestPrefixListId", "PortRangeListId");

  private final SecurityGroupService groups;
  private final String regionId;

  public SecurityGroupActions(SecurityGroupService groups, String regionId,
      Function<String, Map<String, String>> tags) {
    this.groups = groups;
    this.tags = tags;
    this.regionId = regionId;
  }

  public void registerIn(ActionRegistry r) {
    r.register("CreateSecurityGroup", req -> {
      Params p = req.params();
      String desc = p.getOrNull("Description");
      LaunchParams.checkDescription(desc);
      p.tags(20);
      DiskActions.dryRun(p);
      String id = groups.createGroup(req.accountId(), p.getOrNull("VpcId"), p.getOrNull("SecurityGroupName"), desc,
          p.getOrNull("SecurityGroupType"), LaunchParams.clientToken(p), LaunchParams.hash(p));
      return Json.object().put("SecurityGroupId", id);
    });
    r.register("AuthorizeSecurityGroup", req -> authorize(req, Direction.INGRESS));
    r.register("AuthorizeSecurityGroupEgress", req -> authorize(req, Direction.EGRESS));
    r.register("RevokeSecurityGroup", req -> revoke(req, Direction.INGRESS));
    r.register("RevokeSecurityGroupEgress", req -> revoke(req, Direction.EGRESS));
    r.register("ModifySecurityGroupPolicy", req -> {
      Params p = req.params();
      String id = p.require("SecurityGroupId");
      groups.modifyPolicy(req.accountId(), id, p.require("InnerAccessPolicy"));
      return Json.object();
    });
    r.register("ModifySecurityGroupAttribute", req -> {
      Params p = req.params();
      String id = p.require("SecurityGroupId");
      String desc = p.getOrNull("Description");
      LaunchParams.checkDescription(desc);
      groups.modifyGroup(req.accountId(), id, p.getOrNull("SecurityGroupName"), desc);
      return Json.object();
    });
    r.register("DescribeSecurityGroups", this::describeGroups);
    r.register("DescribeSecurityGroupAttribute", this::describeAttribute);
    r.register("DeleteSecurityGroup", req -> {
      String id = req.params().require("SecurityGroupId");
      DiskActions.dryRun(req.params());
      groups.deleteGroup(req.accountId(), id);
      return Json.object();
    });
    r.register("JoinSecurityGroup", req -> {
      Params p = req.params();
      groups.join(req.accountId(), p.require("SecurityGroupId"), p.getOrNull("InstanceId"),
          p.getOrNull("NetworkInterfaceId"));
      return Json.object();
    });
    r.register("LeaveSecurityGroup", req -> {
      Params p = req.params();
      groups.leave(req.accountId(), p.require("SecurityGroupId"), p.getOrNull("InstanceId"),
          p.getOrNull("NetworkInterfaceId"));
      return Json.object();
    });
  }

  private ObjectNode authorize(ApiRequest req, Direction d) {
    Params p = req.params();
    String id = p.require("SecurityGroupId");
    List<RuleSpec> specs = specs(p, d);
    DiskActions.dryRun(p);
    groups.authorize(req.accountId(), id, d, specs);
    return Json.object();
  }

  private ObjectNode revoke(ApiRequest req, Direction d) {
    Params p = req.params();
    String id = p.require("SecurityGroupId");
    List<String> ruleIds = p.list("SecurityGroupRuleId", MAX_PERMISSIONS);
    boolean anyRule = hasFlatRule(p) || p.asMap().keySet().stream().anyMatch(k -> k.startsWith("Permissions."));
    List<RuleSpec> specs = ruleIds.isEmpty() || anyRule ? specs(p, d) : List.of();
    DiskActions.dryRun(p);
    groups.revoke(req.accountId(), id, d, specs, ruleIds);
    return Json.object();
  }

  /** The rules of a request: flat or Permissions.N.*, never both. */
  static List<RuleSpec> specs(Params p, Direction d) {
    boolean flat = hasFlatRule(p);
    boolean listed = p.asMap().keySet().stream().anyMatch(k -> k.startsWith("Permissions."));
    if (flat && listed) {
      throw EcsException.badRequest("InvalidParam.Permissions",
          "The specified parameter Permissions cannot coexist with other parameters.");
    }
    List<RuleSpec> out = new ArrayList<>();
    if (!listed) {
      out.add(spec(p, "", d));
      return out;
    }
    for (int n = 1; ; n++) {
      String prefix = "Permissions." + n + ".";
      if (p.asMap().keySet().stream().noneMatch(k -> k.startsWith(prefix))) {
        break;
      }
      if (n > MAX_PERMISSIONS) {
        throw EcsException.invalid("Permissions", "at most " + MAX_PERMISSIONS + " rules per request");
      }
      out.add(spec(p, prefix, d));
    }
    return out;
  }

  private static boolean hasFlatRule(Params p) {
    return RULE_FIELDS.stream().anyMatch(p::has);
  }

  private static RuleSpec spec(Params p, String prefix, Direction d) {
    boolean in = d == Direction.INGRESS;
    String unsupported = UNSUPPORTED.stream().filter(f -> p.has(prefix + f)).findFirst().map(f -> prefix + f)
        .orElse(null);
    return new RuleSpec(p.getOrNull(prefix + "IpProtocol"), p.getOrNull(prefix + "PortRange"),
        p.getOrNull(prefix + "SourcePortRange"), p.getOrNull(prefix + (in ? "SourceCidrIp" : "DestCidrIp")),
        p.getOrNull(prefix + (in ? "DestCidrIp" : "SourceCidrIp")),
        p.getOrNull(prefix + (in ? "SourceGroupId" : "DestGroupId")), p.getOrNull(prefix + "Policy"),
        p.getOrNull(prefix + "Priority"), p.getOrNull(prefix + "NicType"), p.getOrNull(prefix + "Description"),
        unsupported);
  }

  private ObjectNode describeGroups(ApiRequest req) {
    Params p = req.params();
    Optional<List<String>> ids = p.jsonArray("SecurityGroupIds", 100);
    String type = p.getOrNull("SecurityGroupType");
    String networkType = p.getOrNull("NetworkType");
    DiskActions.dryRun(p);
    List<GroupRecord> match = groups.groups(req.accountId()).stream()
        .filter(g -> !p.has("VpcId") || p.require("VpcId").equals(g.vpcId()))
        .filter(g -> !p.has("SecurityGroupId") || p.require("SecurityGroupId").equals(g.id()))
        .filter(g -> ids.isEmpty() || ids.get().contains(g.id()))
        .filter(g -> !p.has("SecurityGroupName") || p.require("SecurityGroupName").equals(g.name()))
        .filter(g -> type == null || type.equalsIgnoreCase(g.apiType()))
        .filter(g -> networkType == null || networkType.equalsIgnoreCase("vpc"))
        .toList();
    Map<String, Integer> counts = groups.memberCounts();
    ObjectNode out = Json.object().put("RegionId", regionId);
    List<GroupRecord> page = Page.write(out, match, p, MAX_PAGE, MAX_RESULTS);
    ArrayNode a = Json.list(out, "SecurityGroups", "SecurityGroup");
    for (GroupRecord g : page) {
      int count = counts.getOrDefault(g.id(), 0);
      int capacity = g.type() == SecurityGroup.Type.ENTERPRISE ? SecurityGroupService.ENTERPRISE_CAPACITY
          : SecurityGroupService.NORMAL_CAPACITY;
      ObjectNode o = a.addObject();
      o.put("SecurityGroupId", g.id()).put("SecurityGroupName", g.name()).put("Description", g.description())
          .put("SecurityGroupType", g.apiType()).put("VpcId", g.vpcId())
          .put("CreationTime", Json.seconds(g.created())).put("EcsCount", count)
          .put("AvailableInstanceAmount", Math.max(0, capacity - count)).put("ServiceManaged", false)
          .put("ResourceGroupId", "");
      Json.tags(o, tags.apply(g.id()));
    }
    return out;
  }

  private ObjectNode describeAttribute(ApiRequest req) {
    Params p = req.params();
    String id = p.require("SecurityGroupId");
    String direction = p.get("Direction").orElse("all").toLowerCase(Locale.ROOT);
    if (!Set.of("all", "ingress", "egress").contains(direction)) {
      throw EcsException.invalid("Direction", "use ingress, egress or all, got " + direction);
    }
    GroupRecord g = groups.group(req.accountId(), id);
    List<RuleRecord> rules = groups.rules(id).stream()
        .filter(r -> direction.equals("all") || direction.equals(r.direction())).toList();
    Map<String, String> names = new HashMap<>();
    groups.groups(req.accountId()).forEach(x -> names.put(x.id(), x.name()));
    ObjectNode out = Json.object();
    out.put("SecurityGroupId", g.id()).put("SecurityGroupName", g.name()).put("Description", g.description())
        .put("VpcId", g.vpcId()).put("RegionId", regionId).put("InnerAccessPolicy", g.innerAccessPolicy());
    List<RuleRecord> page = rules;
    if (p.has("MaxResults") || p.has("NextToken")) {
      int max = p.intValue("MaxResults", 100, 1, 1000);
      int from = p.intValue("NextToken", 0, 0, Integer.MAX_VALUE);
      int to = Math.min(rules.size(), from + max);
      page = rules.subList(Math.min(from, to), to);
      out.put("NextToken", to < rules.size() ? String.valueOf(to) : "");
    } else {
      out.put("NextToken", "");
    }
    ArrayNode a = Json.list(out, "Permissions", "Permission");
    for (RuleRecord r : page) {
      boolean in = r.rule().direction() == Direction.INGRESS;
      String peer = r.peerText();
      String peerName = peer.isEmpty() ? "" : names.getOrDefault(peer, "");
      String owner = peer.isEmpty() ? "" : g.accountId();
      a.addObject().put("SecurityGroupRuleId", r.id()).put("Direction", r.direction())
          .put("IpProtocol", r.rule().protocol().name()).put("PortRange", r.portRange())
          .put("SourcePortRange", r.sourcePortRange())
          .put("SourceCidrIp", in ? r.cidrText() : "").put("Ipv6SourceCidrIp", "")
          .put("SourceGroupId", in ? peer : "").put("SourceGroupName", in ? peerName : "")
          .put("SourceGroupOwnerAccount", in ? owner : "").put("SourcePrefixListId", "")
          .put("DestCidrIp", in ? "" : r.cidrText()).put("Ipv6DestCidrIp", "")
          .put("DestGroupId", in ? "" : peer).put("DestGroupName", in ? "" : peerName)
          .put("DestGroupOwnerAccount", in ? "" : owner).put("DestPrefixListId", "")
          .put("NicType", r.nicType()).put("Policy", r.rule().policy() == Policy.DROP ? "Drop" : "Accept")
          .put("Priority", String.valueOf(r.rule().priority())).put("Description", r.description())
          .put("CreateTime", Json.seconds(r.created()));
    }
    return out;
  }

}
