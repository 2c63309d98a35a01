package io.ecsbox.compute;

import io.ecsbox.agent.NicSpec;
import io.ecsbox.common.Generic;
import io.ecsbox.common.ServiceException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * What the instance lifecycle needs of networking: the NICs a domain is defined with (their
 * DHCP leases and security-group chains made ready first), and a call when an instance is
 * gone so its primary NIC, its public address and its leases go too.
 */
public interface InstanceNetwork {
  /** No networking: domains without NICs (unit tests of the lifecycle). */
  InstanceNetwork NONE = new InstanceNetwork() {
    @Override
    public Plan plan(String accountId, String zoneId, LaunchRequest.Network network, int amount) {
      return new Plan() {
        @Override
        public String zoneId() {
          return zoneId;
        }

        @Override
        public void insert(Connection c, String accountId, String instanceId, Instant now) {}

        @Override
        public void committed(List<String> instanceIds) {}
      };
    }

    @Override
    public List<NicSpec> prepareStart(String instanceId) {
      return List.of();
    }

    @Override
    public void released(String instanceId) {}

    @Override
    public void replaceGroups(String accountId, String instanceId, List<String> groupIds) {
      throw new ServiceException(Generic.NOT_SUPPORTED, "This daemon has no security groups.");
    }
  };

  /** A launch's network, validated: where its primary NICs go. */
  interface Plan {
    /** The zone the instances go to (the vSwitch's when none was asked for). */
    String zoneId();

    /** Records one instance's primary NIC (inside the launch transaction). */
    void insert(Connection c, String accountId, String instanceId, Instant now) throws SQLException;

    /** After the launch committed: leases, chains, public IPs. */
    void committed(List<String> instanceIds);
  }

  /**
   * Validates a launch's network (the default VPC and vSwitch of the zone are made on first
   * use when no vSwitch is given); {@code zoneId} may be null when a vSwitch is given.
   */
  Plan plan(String accountId, String zoneId, LaunchRequest.Network network, int amount);

  /** The instance's NICs, primary first, with the host ready for them. */
  List<NicSpec> prepareStart(String instanceId);

  /** The instance's domain is gone: its primary NIC is deleted, its secondary ENIs detached. */
  void released(String instanceId);

  /** Makes {@code groupIds} the security groups of the instance's primary NIC (checked like a launch's). */
  void replaceGroups(String accountId, String instanceId, List<String> groupIds);
}
