package io.ecsbox.network;

import io.ecsbox.agent.VpcAgent;
import io.ecsbox.agent.DhcpHost;
import io.ecsbox.agent.VSwitchNet;
import io.ecsbox.common.Cidr;
import io.ecsbox.common.Ids;
import io.ecsbox.common.Validation;
import io.ecsbox.store.ClientTokenStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * VPCs and vSwitches: the rules (CIDRs, limits, emptiness), the rows, and their host objects
 * through {@link VpcAgent}. Every create writes its row first (Pending), then makes the host
 * object, then marks it Available; if the host refuses, the host object is removed and the row
 * with it, so a failed call changes nothing. A delete marks the row, removes the host object,
 * then the row. A crash in between is finished by {@link #reconcile()} at the next start.
 */
public final class VpcService {
  private static final Logger log = LoggerFactory.getLogger(VpcService.class);
  public static final String DEFAULT_VPC_CIDR = "172.16.0.0/12";
  public static final int DEFAULT_VSWITCHES_PER_VPC = 24;

  private final VpcStore store;
  private final VpcAgent host;
  private final Set<String> zones;
  private final int maxVSwitchesPerVpc;
  private final Supplier<Instant> clock;
  private final VSwitchNics nics;
  private final Users users;

  /** The NICs in vSwitches (the NIC store): their fixed leases, and whether a vSwitch has any. */
  public interface VSwitchNics {
    List<DhcpHost> dhcpHosts(String vSwitchId);

    boolean vSwitchInUse(String vSwitchId);
  }

  /** What else may use a VPC (e.g. security groups), so that DeleteVpc refuses while it does. */
  public interface Users {
    /** A description of the first user of the VPC, or null when nothing uses it. */
    String userOf(String vpcId);
  }

  public VpcService(VpcStore store, VSwitchNics nics, Users users, VpcAgent host, Set<String> zones,
      int maxVSwitchesPerVpc, Supplier<Instant> clock) {
    if (maxVSwitchesPerVpc < 1) {
      throw new IllegalArgumentException("ECSBOX_VSWITCHES_PER_VPC must be at least 1, got " + maxVSwitchesPerVpc);
    }
    this.store = store;
    this.nics = nics;
    this.users = users;
    this.host = host;
    this.zones = Set.copyOf(zones);
    this.maxVSwitchesPerVpc = maxVSwitchesPerVpc;
    this.clock = clock;
  }

  /** Gives the vSwitch's DHCP server the current fixed leases of its NICs. */
  public void refreshDhcp(String vSwitchId) {
    VSwitch v = store.findVSwitch(vSwitchId).orElseThrow(() -> VpcError.vSwitchNotFound(vSwitchId));
    host.setDhcpHosts(v.net(), nics.dhcpHosts(vSwitchId));
  }

  /** A VPC by id, whoever owns it (for NICs already placed). */
  public Vpc vpcById(String vpcId) {
    return store.findVpc(vpcId).orElseThrow(() -> VpcError.vpcNotFound(vpcId));
  }

  /** A vSwitch by id, whoever owns it (for the host side of NICs already placed). */
  public VSwitch vSwitchById(String vSwitchId) {
    return store.findVSwitch(vSwitchId).orElseThrow(() -> VpcError.vSwitchNotFound(vSwitchId));
  }

  /**
   * The zone's vSwitch in the account's default VPC (172.16.0.0/12), both made on first use as
   * ECS does: the default vSwitch of the n-th zone is 172.16.(16n).0/20.
   */
  public synchronized VSwitch defaultVSwitch(String accountId, String zoneId) {
    if (!zones.contains(zoneId)) {
      throw VpcError.zoneNotFound(zoneId);
    }
    Vpc vpc = vpcs(accountId).stream().filter(Vpc::isDefault).findFirst()
        .orElseGet(() -> createVpc(accountId, DEFAULT_VPC_CIDR, "default", "", null, null, true));
    Optional<VSwitch> found = vSwitches(accountId).stream()
        .filter(v -> v.isDefault() && v.vpcId().equals(vpc.id()) && v.zoneId().equals(zoneId)).findFirst();
    if (found.isPresent()) {
      return found.get();
    }
    List<Cidr> taken = vSwitches(accountId).stream().filter(v -> v.vpcId().equals(vpc.id())).map(VSwitch::cidr)
        .toList();
    for (int n = new java.util.TreeSet<>(zones).headSet(zoneId).size(); n < 256; n++) {
      Cidr candidate = Cidr.parse("172." + (16 + n / 16) + "." + (16 * (n % 16)) + ".0/20");
      if (taken.stream().noneMatch(t -> t.overlaps(candidate))) {
        return createVSwitch(accountId, vpc.id(), zoneId, candidate.toString(), "default", "", null, null, true);
      }
    }
    throw VpcError.defaultVpcFull(vpc.id(), zoneId);
  }

  /**
   * Creates a VPC (CidrBlock null: 172.16.0.0/12) and its vRouter. A repeated {@code token}
   * (ClientToken, may be null) with the same {@code paramsHash} answers the first VPC.
   */
  public Vpc createVpc(String accountId, String cidrBlock, String name, String description, String token,
      String paramsHash) {
    return createVpc(accountId, cidrBlock, name, description, token, paramsHash, false);
  }

  private Vpc createVpc(String accountId, String cidrBlock, String name, String description, String token,
      String paramsHash, boolean isDefault) {
    Cidr cidr = VpcCidrs.vpc(cidrBlock == null ? DEFAULT_VPC_CIDR : cidrBlock);
    checkName(name, VpcError.VPC_NAME_MALFORMED, "VpcName");
    Vpc v = new Vpc(Ids.next("vpc"), accountId, orEmpty(name), orEmpty(description), cidr, Ids.next("vrt"),
        Ids.next("vtb"), "Pending", isDefault, now(), false);
    Optional<String> seen = store.db().tx(c -> {
      Optional<String> first = seenToken(c, accountId, "CreateVpc", token, paramsHash);
      if (first.isEmpty()) {
        VpcStore.insert(c, v);
        rememberToken(c, accountId, "CreateVpc", token, paramsHash, v.id());
      }
      return first;
    });
    if (seen.isPresent()) {
      return vpc(accountId, seen.get());
    }
    try {
      host.ensureVpc(v.id());
    } catch (RuntimeException e) {
      undo(v.id(), () -> host.deleteVpc(v.id()), store::deleteVpc, id -> store.setVpcDeleting(id, true));
      store.forgetToken(accountId, "CreateVpc", token);
      throw VpcError.hostFailed("CreateVpc", e);
    }
    store.setVpcStatus(v.id(), "Available");
    return vpc(accountId, v.id());
  }

  /**
   * Removes from the host the vRouters, segments, DHCP servers and files of this daemon's scope
   * that no VPC or vSwitch of the store accounts for (run periodically; the start does the same
   * in {@link #reconcile}). Creates nothing, so it never races a create under way.
   */
  public void sweep() {
    host.prune(() -> {
      Set<String> vsws = new TreeSet<>();
      store.vSwitches().stream().filter(v -> !v.deleting()).forEach(v -> vsws.add(v.id()));
      return new io.ecsbox.agent.VpcAgent.Present(vpcIds(), vsws);
    });
  }

  /** The ids of every VPC that is not being deleted. */
  public Set<String> vpcIds() {
    Set<String> ids = new TreeSet<>();
    store.vpcs().stream().filter(v -> !v.deleting()).forEach(v -> ids.add(v.id()));
    return ids;
  }

  /** The caller's VPCs, oldest first. */
  public List<Vpc> vpcs(String accountId) {
    return store.vpcs().stream().filter(v -> !v.deleting() && v.accountId().equals(accountId)).toList();
  }

  public Vpc vpc(String accountId, String vpcId) {
    return store.findVpc(vpcId).filter(v -> !v.deleting() && v.accountId().equals(accountId))
        .orElseThrow(() -> VpcError.vpcNotFound(vpcId));
  }

  /** Sets name and/or description; null leaves one as it is. */
  public void modifyVpc(String accountId, String vpcId, String name, String description) {
    checkName(name, VpcError.VPC_NAME_MALFORMED, "VpcName");
    vpc(accountId, vpcId);
    store.updateVpc(vpcId, name, description);
  }

  /** Deletes an empty VPC and its vRouter; DependencyViolation while it has vSwitches. */
  public void deleteVpc(String accountId, String vpcId) {
    store.db().tx(c -> {
      VpcStore.findVpc(c, vpcId).filter(v -> !v.deleting() && v.accountId().equals(accountId))
          .orElseThrow(() -> VpcError.vpcNotFound(vpcId));
      List<VSwitch> children = VpcStore.vSwitchesOf(c, vpcId);
      if (!children.isEmpty()) {
        throw VpcError.dependencyViolation(vpcId, "vSwitch " + children.get(0).id());
      }
      String user = users.userOf(vpcId);
      if (user != null) {
        throw VpcError.dependencyViolation(vpcId, user);
      }
      VpcStore.setVpcDeleting(c, vpcId, true);
      return null;
    });
    try {
      host.deleteVpc(vpcId);
    } catch (RuntimeException e) {
      store.setVpcDeleting(vpcId, false);
      restore(vpcId);
      throw VpcError.hostFailed("DeleteVpc", e);
    }
    store.deleteVpc(vpcId);
  }

  /** Creates a vSwitch in {@code vpcId}: its bridge, its link to the vRouter and its DHCP server. */
  public VSwitch createVSwitch(String accountId, String vpcId, String zoneId, String cidrBlock, String name,
      String description, String token, String paramsHash) {
    return createVSwitch(accountId, vpcId, zoneId, cidrBlock, name, description, token, paramsHash, false);
  }

  private VSwitch createVSwitch(String accountId, String vpcId, String zoneId, String cidrBlock, String name,
      String description, String token, String paramsHash, boolean isDefault) {
    if (!zones.contains(zoneId)) {
      throw VpcError.zoneNotFound(zoneId);
    }
    checkName(name, VpcError.VSWITCH_NAME_MALFORMED, "VSwitchName");
    Optional<String> seen = store.db().tx(c -> seenToken(c, accountId, "CreateVSwitch", token, paramsHash));
    if (seen.isPresent()) {
      return vSwitch(accountId, seen.get());
    }
    VSwitch v = store.db().tx(c -> {
      Vpc vpc = VpcStore.findVpc(c, vpcId).filter(x -> !x.deleting() && x.accountId().equals(accountId))
          .orElseThrow(() -> VpcError.vpcNotFound(vpcId));
      List<VSwitch> siblings = VpcStore.vSwitchesOf(c, vpcId);
      Cidr cidr = VpcCidrs.vSwitch(vpc.cidr(), cidrBlock, siblings.stream().map(VSwitch::cidr).toList());
      if (siblings.size() >= maxVSwitchesPerVpc) {
        throw VpcError.vSwitchQuota(vpcId, maxVSwitchesPerVpc);
      }
      VSwitch row = new VSwitch(Ids.next("vsw"), accountId, vpcId, zoneId, orEmpty(name), orEmpty(description),
          cidr, "Pending", isDefault, now(), false);
      if (seenToken(c, accountId, "CreateVSwitch", token, paramsHash).isPresent()) {
        throw VpcError.tokenInUse();
      }
      VpcStore.insert(c, row);
      rememberToken(c, accountId, "CreateVSwitch", token, paramsHash, row.id());
      return row;
    });
    try {
      host.ensureVSwitch(v.net());
    } catch (RuntimeException e) {
      undo(v.id(), () -> host.deleteVSwitch(v.id()), store::deleteVSwitch, id -> store.setVSwitchDeleting(id, true));
      store.forgetToken(accountId, "CreateVSwitch", token);
      throw VpcError.hostFailed("CreateVSwitch", e);
    }
    store.setVSwitchStatus(v.id(), "Available");
    return vSwitch(accountId, v.id());
  }

  /** The caller's vSwitches, oldest first. */
  public List<VSwitch> vSwitches(String accountId) {
    return store.vSwitches().stream().filter(v -> !v.deleting() && v.accountId().equals(accountId)).toList();
  }

  public VSwitch vSwitch(String accountId, String vSwitchId) {
    return store.findVSwitch(vSwitchId).filter(v -> !v.deleting() && v.accountId().equals(accountId))
        .orElseThrow(() -> VpcError.vSwitchNotFound(vSwitchId));
  }

  public void modifyVSwitch(String accountId, String vSwitchId, String name, String description) {
    checkName(name, VpcError.VSWITCH_NAME_MALFORMED, "VSwitchName");
    vSwitch(accountId, vSwitchId);
    store.updateVSwitch(vSwitchId, name, description);
  }

  /** Free addresses of a vSwitch (DescribeVSwitches' AvailableIpAddressCount). */
  public long availableIpAddressCount(VSwitch v) {
    return new SubnetPool(v.cidr(), nics.dhcpHosts(v.id()).stream().map(DhcpHost::ip).toList()).available();
  }

  /** Deletes a vSwitch and its host objects; DependencyViolation while NICs use it. */
  public void deleteVSwitch(String accountId, String vSwitchId) {
    vSwitch(accountId, vSwitchId);
    store.db().tx(c -> {
      VpcStore.findVSwitch(c, vSwitchId).filter(v -> !v.deleting() && v.accountId().equals(accountId))
          .orElseThrow(() -> VpcError.vSwitchNotFound(vSwitchId));
      if (nics.vSwitchInUse(vSwitchId)) { // in the transaction (it joins it): no NIC slips in meanwhile
        throw VpcError.dependencyViolation(vSwitchId, "network interfaces");
      }
      VpcStore.setVSwitchDeleting(c, vSwitchId, true);
      return null;
    });
    try {
      host.deleteVSwitch(vSwitchId);
    } catch (RuntimeException e) {
      store.setVSwitchDeleting(vSwitchId, false);
      throw VpcError.hostFailed("DeleteVSwitch", e);
    }
    store.deleteVSwitch(vSwitchId);
  }

  /**
   * Makes the host match the store (at daemon start): rows being deleted lose their host
   * objects and then their rows, the others get theirs made (Pending ones become Available);
   * vRouters and bridges of ours that no row wants are removed.
   */
  public void reconcile() {
    List<Vpc> vpcs = store.vpcs();
    List<VSwitch> vSwitches = store.vSwitches();
    Set<String> wantedVpcs = new TreeSet<>();
    vpcs.stream().filter(v -> !v.deleting()).forEach(v -> wantedVpcs.add(v.id()));
    Map<VSwitchNet, List<DhcpHost>> wantedVsw = new LinkedHashMap<>();
    vSwitches.stream().filter(v -> !v.deleting() && wantedVpcs.contains(v.vpcId()))
        .forEach(v -> wantedVsw.put(v.net(), nics.dhcpHosts(v.id())));
    host.reconcile(wantedVpcs, wantedVsw);
    for (VSwitch v : vSwitches) {
      if (v.deleting() || !wantedVpcs.contains(v.vpcId())) {
        store.deleteVSwitch(v.id());
      } else if (!"Available".equals(v.status())) {
        store.setVSwitchStatus(v.id(), "Available");
      }
    }
    for (Vpc v : vpcs) {
      if (v.deleting()) {
        store.deleteVpc(v.id());
      } else if (!"Available".equals(v.status())) {
        store.setVpcStatus(v.id(), "Available");
      }
    }
    log.info("networking: {} VPCs, {} vSwitches on the host", wantedVpcs.size(), wantedVsw.size());
  }

  /**
   * Rolls a failed create back: removes the host object, then the row; if the host removal
   * fails too, the row stays hidden (deleting) so the next reconcile finishes the job.
   */
  private static void undo(String id, Runnable hostRemove, java.util.function.Consumer<String> deleteRow,
      java.util.function.Consumer<String> hideRow) {
    try {
      hostRemove.run();
    } catch (RuntimeException e) {
      log.error("rollback of {} on the host failed, the next daemon start removes it: {}", id, e.getMessage());
      hideRow.accept(id);
      return;
    }
    deleteRow.accept(id);
  }

  /** The id a ClientToken already made; IdempotentParameterMismatch if the parameters differ. */
  private static Optional<String> seenToken(Connection c, String accountId, String action, String token,
      String paramsHash) throws SQLException {
    if (token == null) {
      return Optional.empty();
    }
    Optional<ClientTokenStore.Entry> e = ClientTokenStore.find(c, accountId, action, token);
    if (e.isPresent() && !e.get().paramsHash().equals(paramsHash)) {
      throw VpcError.idempotentMismatch();
    }
    return e.map(ClientTokenStore.Entry::result);
  }

  private void rememberToken(Connection c, String accountId, String action, String token, String paramsHash,
      String id) throws SQLException {
    if (token != null) {
      ClientTokenStore.put(c, accountId, action, token, paramsHash, id, now());
    }
  }

  private static void checkName(String name, VpcError malformed, String param) {
    if (name != null && !name.isEmpty() && !Validation.instanceName(name)) {
      throw VpcError.nameMalformed(malformed, param);
    }
  }

  /** After a failed delete: the VPC serves again as far as the host lets it (else the next start repairs it). */
  private void restore(String vpcId) {
    try {
      host.ensureVpc(vpcId);
    } catch (RuntimeException e) {
      log.error("VPC {} stays as the failed delete left it until the next start: {}", vpcId, e.getMessage(), e);
    }
  }

  private Instant now() {
    return clock.get().truncatedTo(ChronoUnit.SECONDS);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
