package io.ecsbox.network.secgroup;

import io.ecsbox.network.NicService;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** The security groups of NICs, as the NIC service asks for them. */
public final class NicGroups implements NicService.Groups {
  private final SecurityGroupService groups;

  public NicGroups(SecurityGroupService groups) {
    this.groups = groups;
  }

  @Override
  public List<String> checkForNic(String accountId, String vpcId, List<String> groupIds) {
    return groups.checkForNic(accountId, vpcId, groupIds);
  }

  @Override
  public void checkExist(String accountId, List<String> groupIds) {
    groupIds.forEach(g -> groups.group(accountId, g));
  }

  @Override
  public String defaultGroup(String accountId, String vpcId) {
    return groups.defaultGroup(accountId, vpcId);
  }

  @Override
  public void setMembership(Connection c, String eniId, List<String> groupIds) throws SQLException {
    SecurityGroupStore.setMembership(c, eniId, groupIds);
  }

  @Override
  public void deleteMembership(Connection c, String eniId) throws SQLException {
    SecurityGroupStore.deleteMembership(c, eniId);
  }

  @Override
  public List<String> groupsOf(String eniId) {
    return groups.db().tx(c -> SecurityGroupStore.groupsOfNic(c, eniId));
  }

  @Override
  public void refresh() {
    groups.refresh();
  }

  @Override
  public void replaceGroups(String accountId, String instanceId, List<String> groupIds) {
    groups.replaceGroups(accountId, instanceId, groupIds);
  }
}
