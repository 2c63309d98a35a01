package io.ecsbox.network;

import io.ecsbox.agent.firewall.RuleError;
import io.ecsbox.common.ServiceException;
import io.ecsbox.common.Ids;
import io.ecsbox.store.Database;
import io.ecsbox.network.secgroup.SecurityGroupStore;
import io.ecsbox.network.secgroup.SgError;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link NicService.Groups} with its groups in memory; memberships are real rows of
 * {@code eni_security_groups}, written through {@link SecurityGroupStore}.
 */
public final class FakeNicGroups implements NicService.Groups {
  private final Database db;
  private final Map<String, String> ownerOf = new ConcurrentHashMap<>(); // sg -> "account/vpc"
  private final Map<String, String> defaults = new ConcurrentHashMap<>(); // "account/vpc" -> sg
  public volatile int refreshes;

  public FakeNicGroups(Database db) {
    this.db = db;
  }

  /** Makes a group of {@code accountId} in {@code vpcId}. */
  public String add(String accountId, String vpcId) {
    String id = Ids.next("sg");
    ownerOf.put(id, accountId + "/" + vpcId);
    return id;
  }

  /** How many VPC default groups were made (each would be a security_groups row in the daemon). */
  public int defaultsMade() {
    return defaults.size();
  }

  @Override
  public List<String> checkForNic(String accountId, String vpcId, List<String> groupIds) {
    if (groupIds.isEmpty() || groupIds.size() > 5) {
      throw ServiceException.invalid("SecurityGroupIds", "1 to 5 groups");
    }
    for (String g : groupIds) {
      String owner = ownerOf.get(g);
      if (owner == null || !owner.startsWith(accountId + "/")) {
        throw new ServiceException(RuleError.GROUP_NOT_FOUND, "no group " + g);
      }
      if (!owner.equals(accountId + "/" + vpcId)) {
        throw new ServiceException(SgError.GROUP_OTHER_VPC, g + " is not in " + vpcId);
      }
    }
    return List.copyOf(groupIds);
  }

  @Override
  public void checkExist(String accountId, List<String> groupIds) {
    for (String g : groupIds) {
      String owner = ownerOf.get(g);
      if (owner == null || !owner.startsWith(accountId + "/")) {
        throw new ServiceException(RuleError.GROUP_NOT_FOUND, "no group " + g);
      }
    }
  }

  @Override
  public String defaultGroup(String accountId, String vpcId) {
    return defaults.computeIfAbsent(accountId + "/" + vpcId, k -> {
      String id = Ids.next("sg");
      ownerOf.put(id, k);
      return id;
    });
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
    return db.tx(c -> SecurityGroupStore.groupsOfNic(c, eniId));
  }

  @Override
  public void refresh() {
    refreshes++;
  }

  @Override
  public void replaceGroups(String accountId, String instanceId, List<String> groupIds) {
    throw new UnsupportedOperationException("the NIC tests replace groups through the service");
  }
}
