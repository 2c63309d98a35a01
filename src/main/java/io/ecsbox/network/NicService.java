package io.ecsbox.network;

import io.ecsbox.compute.InstanceError;
import io.ecsbox.agent.ComputeAgent;
import io.ecsbox.common.ServiceException;
import io.ecsbox.common.Ids;
import io.ecsbox.common.KeyedLocks;
import io.ecsbox.compute.InstanceNetwork;
import io.ecsbox.agent.NicSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NICs: every instance's primary NIC (made with the instance, in the vSwitch asked for or the
 * zone's default one) and secondary ENIs (CreateNetworkInterface, hot-plugged by
 * AttachNetworkInterface). Rows first, in one transaction with the address allocation; then
 * the host: the vSwitch's fixed DHCP leases, the security-group chains, the domain's NICs.
 */
public final class NicService implements InstanceNetwork {
  private static final Logger log = LoggerFactory.getLogger(NicService.class);

  /** What NICs need of security groups (the security group service, adapted by the daemon). */
  public interface Groups {
    /** Validates 1-5 groups for a NIC in {@code vpcId}; returns them in order. */
    List<String> checkForNic(String accountId, String vpcId, List<String> groupIds);

    /** Throws the ECS not-found error unless each group is the account's. */
    void checkExist(String accountId, List<String> groupIds);

    /** The VPC's default group, made on first use. */
    String defaultGroup(String accountId, String vpcId);

    void setMembership(Connection c, String eniId, List<String> groupIds) throws SQLException;

    void deleteMembership(Connection c, String eniId) throws SQLException;

    /** The NIC's groups, in order. */
    List<String> groupsOf(String eniId);

    /** Makes the host's chains match the store. */
    void refresh();

    /** Replaces the groups of the instance's primary NIC, checked as a launch's are. */
    void replaceGroups(String accountId, String instanceId, List<String> groupIds);
  }

  /** What an ENI attach needs to know of an instance. */
  public interface Instances {
    /** The account's instance (ECS not-found error otherwise). */
    InstanceRef require(String accountId, String instanceId);

    record InstanceRef(String id, String zoneId, String status, int maxNics) {}
  }

  /** Where an instance's primary NIC goes, validated. */
  public record Placement(VSwitch vSwitch, List<String> groupIds, String privateIp) {
    public String zoneId() {
      return vSwitch.zoneId();
    }
  }

  private final NicStore store;
  private final VpcService vpcs;
  private final Groups groups;
  private final ComputeAgent agent;
  private final KeyedLocks locks;
  private final Supplier<Instant> clock;
  private final Instances instances;
  private final PublicIps publicIps;

  /** The public addresses of NICs (the EIP service): given at launch, released with their NICs. */
  public interface PublicIps {
    /** Throws the ECS error when no public IP can be given (e.g. no public range configured). */
    void check(int bandwidthMbps);

    /** Gives an instance's primary NIC a NAT public IP (RunInstances with InternetMaxBandwidthOut). */
    void assign(String accountId, NetworkInterface primary, int bandwidthMbps);

    /** The instance's NICs are going: its NAT IP goes and its EIPs are unassociated. */
    void releaseForInstance(String instanceId);

    /** The ENI leaves its instance or is deleted: its EIPs are unassociated. */
    void releaseForEni(String eniId);
  }

  public NicService(NicStore store, VpcService vpcs, Groups groups, Instances instances, PublicIps publicIps,
      ComputeAgent agent, KeyedLocks locks, Supplier<Instant> clock) {
    this.store = store;
    this.vpcs = vpcs;
    this.groups = groups;
    this.instances = instances;
    this.publicIps = publicIps;
    this.agent = agent;
    this.locks = locks;
    this.clock = clock;
  }

  // ---- primary NICs, with the instance

  @Override
  public Plan plan(String accountId, String zoneId, io.ecsbox.compute.LaunchRequest.Network net, int amount) {
    if (net.internetMaxBandwidthOut() > 0) {
      publicIps.check(net.internetMaxBandwidthOut());
    }
    Placement p = place(accountId, zoneId, net.vSwitchId(), net.privateIp(), net.securityGroupIds(), amount);
    return new Plan() {
      @Override
      public String zoneId() {
        return p.zoneId();
      }

      @Override
      public void insert(Connection c, String accountId, String instanceId, Instant now) throws SQLException {
        insertPrimary(c, accountId, p, instanceId, now);
      }

      @Override
      public void committed(List<String> instanceIds) {
        launched(p);
        if (net.internetMaxBandwidthOut() > 0) {
          for (String id : instanceIds) {
            store.ofInstance(id).stream().filter(NetworkInterface::primary).findFirst().ifPresent(n -> {
              try {
                publicIps.assign(accountId, n, net.internetMaxBandwidthOut());
              } catch (RuntimeException e) { // the instance runs; DescribeInstances shows no public IP
                log.error("public IP of {}: {}", id, e.getMessage(), e);
              }
            });
          }
        }
      }
    };
  }

  /**
   * Validates where the primary NICs of a launch go: the vSwitch asked for (its zone must be
   * {@code zoneId} when that is given) or the zone's default vSwitch (the default VPC and
   * vSwitch are made on first use), the groups asked for or the VPC's default group, and the
   * private IP asked for (one instance only; taken or not is decided in the transaction).
   */
  public Placement place(String accountId, String zoneId, String vSwitchId, String privateIp, List<String> groupIds,
      int amount) {
    if (privateIp != null && amount > 1) {
      throw NicError.privateIpForMany(amount);
    }
    VSwitch vs;
    if (vSwitchId != null) {
      vs = vpcs.vSwitch(accountId, vSwitchId);
      if (zoneId != null && !zoneId.equals(vs.zoneId())) {
        throw NicError.vSwitchZoneMismatch(vSwitchId, vs.zoneId(), zoneId);
      }
    } else {
      if (privateIp != null) {
        throw NicError.privateIpWithoutVSwitch();
      }
      groups.checkExist(accountId, groupIds); // refused before a default VPC is made for them
      vs = vpcs.defaultVSwitch(accountId, zoneId);
    }
    if (privateIp != null) { // format, inside, not reserved: before a default group is made
      new SubnetPool(vs.cidr(), List.of()).allocate(privateIp);
    }
    List<String> g = groupIds.isEmpty() ? List.of(groups.defaultGroup(accountId, vs.vpcId()))
        : groups.checkForNic(accountId, vs.vpcId(), groupIds);
    return new Placement(vs, g, privateIp);
  }

  /** Inserts an instance's primary NIC with its address and groups (inside the launch transaction). */
  public NetworkInterface insertPrimary(Connection c, String accountId, Placement p, String instanceId, Instant now)
      throws SQLException {
    VSwitch vs = liveVSwitch(c, p.vSwitch().id());
    SubnetPool pool = new SubnetPool(vs.cidr(), NicStore.ipsOf(c, vs.id()));
    String ip = p.privateIp() == null ? pool.allocate() : pool.allocate(p.privateIp());
    NetworkInterface n = newNic(c, accountId, vs, NetworkInterface.PRIMARY, "InUse", instanceId, 0, ip, "", "", now);
    groups.setMembership(c, n.id(), p.groupIds());
    return n;
  }

  /** After a launch committed: the vSwitch's leases and the groups' chains (a start repeats this). */
  public void launched(Placement p) {
    try {
      vpcs.refreshDhcp(p.vSwitch().id());
      groups.refresh();
    } catch (RuntimeException e) { // the start does it again, and fails the start if it still cannot
      log.warn("network of a new instance in {}: {}", p.vSwitch().id(), e.getMessage());
    }
  }

  @Override
  public List<NicSpec> prepareStart(String instanceId) {
    List<NetworkInterface> nics = store.ofInstance(instanceId);
    Set<String> vSwitches = new LinkedHashSet<>();
    nics.forEach(n -> vSwitches.add(n.vSwitchId()));
    vSwitches.forEach(vpcs::refreshDhcp);
    if (!nics.isEmpty()) {
      groups.refresh(); // chains before taps: a NIC is never up without its anti-spoofing
    }
    List<NicSpec> out = new ArrayList<>();
    for (NetworkInterface n : nics) {
      out.add(device(n));
    }
    return out;
  }

  @Override
  public void released(String instanceId) {
    List<NetworkInterface> nics = store.ofInstance(instanceId);
    if (nics.isEmpty()) {
      publicIps.releaseForInstance(instanceId);
      return;
    }
    for (NetworkInterface n : nics) {
      if (!n.primary()) {
        publicIps.releaseForEni(n.id());
      }
    }
    publicIps.releaseForInstance(instanceId);
    store.db().tx(c -> {
      for (NetworkInterface n : nics) {
        if (n.primary()) {
          groups.deleteMembership(c, n.id());
          NicStore.delete(c, n.id());
        } else {
          NicStore.setAttachment(c, n.id(), null, null, "Available");
        }
      }
      return null;
    });
    afterChange(nics);
  }

  // ---- ENIs

  /** CreateNetworkInterface: an Available ENI with a fixed MAC and private IP in the vSwitch. */
  public NetworkInterface create(String accountId, String vSwitchId, List<String> groupIds, String primaryIp,
      String name, String description) {
    VSwitch vs = vpcs.vSwitch(accountId, vSwitchId);
    if (groupIds.isEmpty()) {
      throw ServiceException.missing("SecurityGroupId");
    }
    List<String> g = groups.checkForNic(accountId, vs.vpcId(), groupIds);
    if (primaryIp != null) {
      new SubnetPool(vs.cidr(), List.of()).allocate(primaryIp);
    }
    NetworkInterface n = store.db().tx(c -> {
      liveVSwitch(c, vs.id());
      SubnetPool pool = new SubnetPool(vs.cidr(), NicStore.ipsOf(c, vs.id()));
      String ip = primaryIp == null ? pool.allocate() : pool.allocate(primaryIp);
      NetworkInterface row = newNic(c, accountId, vs, NetworkInterface.SECONDARY, "Available", null, null, ip,
          orEmpty(name), orEmpty(description), now());
      groups.setMembership(c, row.id(), g);
      return row;
    });
    try {
      vpcs.refreshDhcp(vs.id());
    } catch (RuntimeException e) { // leases are rewritten at every start and attach
      log.warn("DHCP lease of {}: {}", n.id(), e.getMessage());
    }
    return n;
  }

  public NetworkInterface get(String accountId, String eniId) {
    return store.find(eniId).filter(n -> n.accountId().equals(accountId))
        .orElseThrow(() -> NicError.eniNotFound(eniId));
  }

  public List<NetworkInterface> list(String accountId) {
    return store.all().stream().filter(n -> n.accountId().equals(accountId)).toList();
  }

  public List<NetworkInterface> ofInstance(String instanceId) {
    return store.ofInstance(instanceId);
  }

  public List<String> groupsOf(String eniId) {
    return groups.groupsOf(eniId);
  }

  public void modify(String accountId, String eniId, String name, String description) {
    get(accountId, eniId);
    store.updateAttributes(eniId, name, description);
  }

  /**
   * AttachNetworkInterface: the ENI joins the instance (same zone and VPC, Running or Stopped),
   * hot-plugged into a running guest, which keeps the ENI's MAC and address.
   */
  public void attach(String accountId, String eniId, String instanceId) {
    NetworkInterface n = get(accountId, eniId);
    Instances.InstanceRef i = instances.require(accountId, instanceId);
    ReentrantLock lock = locks.of(instanceId);
    lock.lock();
    try {
      if (!i.status().equals("Running") && !i.status().equals("Stopped")) {
        throw InstanceError.incorrectStatus(instanceId, i.status());
      }
      if (!n.zoneId().equals(i.zoneId())) {
        throw NicError.eniZoneMismatch(eniId, n.zoneId(), instanceId, i.zoneId());
      }
      int index = store.db().tx(c -> {
        NetworkInterface now = NicStore.find(c, eniId).orElseThrow();
        if (!"Available".equals(now.status())) {
          throw NicError.eniStatus(eniId, now.status(), "Available");
        }
        List<NetworkInterface> attached = NicStore.ofInstance(c, instanceId);
        if (attached.stream().noneMatch(NetworkInterface::primary)) {
          throw NicError.instanceHasNoNetwork(
              "The instance " + instanceId + " has no primary network interface to join a VPC through.");
        }
        if (!attached.get(0).vpcId().equals(now.vpcId())) {
          throw NicError.eniVpcMismatch(eniId, now.vpcId(), instanceId, attached.get(0).vpcId());
        }
        if (attached.size() >= i.maxNics()) {
          throw NicError.eniQuota(instanceId, attached.size());
        }
        int next = attached.stream().mapToInt(a -> a.deviceIndex() == null ? 0 : a.deviceIndex()).max().orElse(0) + 1;
        NicStore.setAttachment(c, eniId, instanceId, next, "Attaching");
        return next;
      });
      NetworkInterface attaching = store.find(eniId).orElseThrow();
      try {
        vpcs.refreshDhcp(n.vSwitchId());
        groups.refresh();
        if ("Running".equals(i.status())) {
          agent.attachNic(instanceId, device(attaching));
        }
      } catch (RuntimeException e) {
        store.db().tx(c -> {
          NicStore.setAttachment(c, eniId, null, null, "Available");
          return null;
        });
        groups.refresh();
        throw ServiceException.internal("attaching " + eniId + " to " + instanceId + " failed on the host: "
            + e.getMessage(), e);
      }
      store.setStatus(eniId, "InUse");
      log.info("{} attached to {} as device {}", eniId, instanceId, index);
    } finally {
      lock.unlock();
    }
  }

  /** DetachNetworkInterface: a secondary ENI leaves its instance (hot-unplugged when running). */
  public void detach(String accountId, String eniId, String instanceId) {
    NetworkInterface n = get(accountId, eniId);
    if (n.primary()) {
      throw NicError.detachPrimary(eniId);
    }
    if (instanceId == null || !instanceId.equals(n.instanceId())) {
      throw NicError.notAttachedTo(eniId, instanceId);
    }
    ReentrantLock lock = locks.of(instanceId);
    lock.lock();
    try {
      boolean started = store.db().tx(c -> {
        NetworkInterface now = NicStore.find(c, eniId).orElseThrow();
        if (!"InUse".equals(now.status()) || !instanceId.equals(now.instanceId())) {
          throw NicError.eniStatus(eniId, now.status(), "InUse");
        }
        NicStore.setAttachment(c, eniId, instanceId, now.deviceIndex(), "Detaching");
        return true;
      });
      if (started) {
        try {
          agent.detachNic(instanceId, n.mac());
        } catch (RuntimeException e) {
          store.setStatus(eniId, "InUse");
          throw ServiceException.internal("detaching " + eniId + " from " + instanceId + " failed on the host: "
              + e.getMessage(), e);
        }
        publicIps.releaseForEni(eniId);
        store.db().tx(c -> {
          NicStore.setAttachment(c, eniId, null, null, "Available");
          return null;
        });
        groups.refresh();
      }
    } finally {
      lock.unlock();
    }
  }

  /** DeleteNetworkInterface: only an Available (detached) secondary ENI; its address returns to the pool. */
  public void delete(String accountId, String eniId) {
    NetworkInterface n = get(accountId, eniId);
    if (n.primary() || !"Available".equals(n.status())) {
      throw NicError.eniStatus(eniId, n.status(), "Available");
    }
    publicIps.releaseForEni(eniId); // its EIP, while the row still says where it was
    store.db().tx(c -> {
      NetworkInterface now = NicStore.find(c, eniId).orElseThrow();
      if (now.primary() || !"Available".equals(now.status())) {
        throw NicError.eniStatus(eniId, now.status(), "Available");
      }
      groups.deleteMembership(c, eniId);
      NicStore.delete(c, eniId);
      return null;
    });
    afterChange(List.of(n));
  }

  /** At daemon start: finishes the attaches and detaches a crash cut (leases and chains follow in their services). */
  public void reconcile() {
    for (NetworkInterface n : store.all()) {
      try {
        if ("Attaching".equals(n.status())) { // cut by a crash: finish it (each step is idempotent)
          if (agent.state(n.instanceId()) == io.ecsbox.agent.PowerState.RUNNING) {
            agent.attachNic(n.instanceId(), device(n));
          }
          store.setStatus(n.id(), "InUse");
          log.info("{}: attach to {} finished after a restart", n.id(), n.instanceId());
        } else if ("Detaching".equals(n.status())) {
          agent.detachNic(n.instanceId(), n.mac());
          publicIps.releaseForEni(n.id());
          store.db().tx(c -> {
            NicStore.setAttachment(c, n.id(), null, null, "Available");
            return null;
          });
          log.info("{}: detach from {} finished after a restart", n.id(), n.instanceId());
        }
      } catch (RuntimeException e) { // left as it is: the next start tries again
        log.error("{} stays {}: {}", n.id(), n.status(), e.getMessage(), e);
      }
    }
  }

  @Override
  public void replaceGroups(String accountId, String instanceId, List<String> groupIds) {
    groups.replaceGroups(accountId, instanceId, groupIds);
  }

  // ---- helpers

  public NicSpec device(NetworkInterface n) {
    VSwitch vs = vpcs.vSwitchById(n.vSwitchId());
    return new NicSpec(n.id(), n.mac(), n.vSwitchId(), n.privateIp(), vs.cidr().prefix(), vs.net().gateway());
  }

  private void afterChange(List<NetworkInterface> nics) {
    Set<String> vSwitches = new LinkedHashSet<>();
    nics.forEach(n -> vSwitches.add(n.vSwitchId()));
    try {
      vSwitches.forEach(vpcs::refreshDhcp);
      groups.refresh();
    } catch (RuntimeException e) {
      log.warn("network after a NIC change: {}", e.getMessage());
    }
  }

  // A vSwitch deleted since it was looked up gets no NIC (DeleteVSwitch checks for NICs in its transaction).
  private static VSwitch liveVSwitch(Connection c, String vSwitchId) throws SQLException {
    return io.ecsbox.network.VpcStore.findVSwitch(c, vSwitchId).filter(v -> !v.deleting())
        .orElseThrow(() -> VpcError.vSwitchNotFound(vSwitchId));
  }

  private NetworkInterface newNic(Connection c, String accountId, VSwitch vs, String type, String status,
      String instanceId, Integer index, String ip, String name, String description, Instant now) throws SQLException {
    String id = Ids.next("eni");
    String mac = null;
    for (int attempt = 0; mac == null; attempt++) {
      String m = MacAddresses.forNic(id, attempt);
      if (!NicStore.macTaken(c, m)) {
        mac = m;
      }
    }
    NetworkInterface n = new NetworkInterface(id, accountId, vs.vpcId(), vs.id(), vs.zoneId(), type, status,
        instanceId, index, mac, ip, name, description, now);
    NicStore.insert(c, n);
    return n;
  }

  private Instant now() {
    return clock.get().truncatedTo(ChronoUnit.SECONDS);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
