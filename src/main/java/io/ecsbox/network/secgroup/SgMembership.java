package io.ecsbox.network.secgroup;

import io.ecsbox.compute.InstanceError;
import io.ecsbox.agent.firewall.RuleError;
import io.ecsbox.agent.firewall.Nic;
import io.ecsbox.agent.firewall.SecurityGroup;
import io.ecsbox.common.ServiceException;
import io.ecsbox.network.NicError;
import io.ecsbox.network.secgroup.SecurityGroupStore.InstanceRow;
import io.ecsbox.network.secgroup.SecurityGroupStore.NicRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The rules of which NIC may be in which groups (JoinSecurityGroup, LeaveSecurityGroup, a new NIC's groups). */
final class SgMembership {
  private static final Set<String> JOINABLE = Set.of("Running", "Stopped");
  private final SecurityGroupService service;

  SgMembership(SecurityGroupService service) {
    this.service = service;
  }

  /** 1-5 of the account's groups in {@code vpcId}, each once, one type; returns them in order. */
  static List<String> check(Connection c, String accountId, String vpcId, List<String> groupIds, String nic)
      throws SQLException {
    Nic.checkGroups(groupIds, nic);
    Set<SecurityGroup.Type> types = new HashSet<>();
    for (String id : groupIds) {
      GroupRecord g = SecurityGroupService.group(c, accountId, id);
      if (!g.vpcId().equals(vpcId)) {
        throw SgError.groupOtherVpc(id, vpcId);
      }
      types.add(g.type());
    }
    if (types.size() > 1) {
      throw RuleError.mixedTypes(nic);
    }
    return List.copyOf(groupIds);
  }

  /** The NIC a Join/Leave names: the instance's primary NIC or the ENI; its instance Running or Stopped. */
  static NicRow nicOf(Connection c, String accountId, String instanceId, String eniId) throws SQLException {
    boolean byInstance = instanceId != null && !instanceId.isBlank();
    boolean byEni = eniId != null && !eniId.isBlank();
    if (byInstance && byEni) {
      throw SgError.idAndEniConflict();
    }
    if (!byInstance && !byEni) {
      throw ServiceException.missing("InstanceId");
    }
    NicRow nic;
    if (byInstance) {
      checkInstance(c, accountId, instanceId);
      nic = SecurityGroupStore.primaryNicOf(c, instanceId).orElseThrow(() -> SgError.instanceWithoutNic(instanceId));
    } else {
      nic = SecurityGroupStore.findNic(c, eniId).filter(n -> n.accountId().equals(accountId))
          .orElseThrow(() -> SgError.eniNotFound(eniId));
      if (nic.instanceId() != null) {
        checkInstance(c, accountId, nic.instanceId());
      }
    }
    return nic;
  }

  private static void checkInstance(Connection c, String accountId, String instanceId) throws SQLException {
    InstanceRow i = SecurityGroupStore.findInstance(c, instanceId)
        .filter(x -> x.accountId().equals(accountId) && !x.deleting())
        .orElseThrow(() -> SgError.instanceNotFound(instanceId));
    if (!JOINABLE.contains(i.status())) {
      throw InstanceError.incorrectStatus(instanceId, i.status());
    }
  }

  void join(String accountId, String groupId, String instanceId, String eniId) {
    service.db().tx(c -> {
      NicRow nic = nicOf(c, accountId, instanceId, eniId);
      GroupRecord g = SecurityGroupService.group(c, accountId, groupId);
      if (!g.vpcId().equals(nic.vpcId())) {
        throw SgError.instanceOtherVpc(groupId);
      }
      List<String> now = new ArrayList<>(SecurityGroupStore.groupsOfNic(c, nic.id()));
      if (now.contains(groupId)) {
        throw SgError.alreadyMember(groupId);
      }
      now.add(groupId);
      check(c, accountId, nic.vpcId(), now, instanceId != null && !instanceId.isBlank() ? instanceId : nic.id());
      SecurityGroupStore.setMembership(c, nic.id(), now);
      return null;
    });
  }

  void leave(String accountId, String groupId, String instanceId, String eniId) {
    service.db().tx(c -> {
      NicRow nic = nicOf(c, accountId, instanceId, eniId);
      SecurityGroupService.group(c, accountId, groupId);
      List<String> now = new ArrayList<>(SecurityGroupStore.groupsOfNic(c, nic.id()));
      if (!now.remove(groupId)) {
        throw SgError.notMember(groupId);
      }
      if (now.isEmpty()) {
        throw SgError.lastGroup(groupId);
      }
      SecurityGroupStore.setMembership(c, nic.id(), now);
      return null;
    });
  }

  /** ModifyInstanceAttribute SecurityGroupIds.N: the instance's primary NIC gets exactly these groups. */
  void replace(String accountId, String instanceId, List<String> groupIds) {
    service.db().tx(c -> {
      NicRow nic = nicOf(c, accountId, instanceId, null);
      SecurityGroupStore.setMembership(c, nic.id(), check(c, accountId, nic.vpcId(), groupIds, instanceId));
      return null;
    });
  }
}
