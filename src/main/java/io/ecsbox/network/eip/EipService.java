package io.ecsbox.network.eip;

import io.ecsbox.agent.EipAgent;
import io.ecsbox.network.NetworkInterface;
import io.ecsbox.network.NicService;
import io.ecsbox.common.ServiceException;
import io.ecsbox.common.Ids;
import io.ecsbox.common.Validation;
import io.ecsbox.store.ClientTokenStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Elastic IPs and the NAT public IPs of instances: the rules, the rows, and the host mappings
 * through {@link EipAgent}. Input is checked before anything changes. An association marks the
 * row Associating, maps on the host, then marks it InUse; if the host refuses, the mapping is
 * undone and the row is Available again. An unassociation goes through Unassociating the same
 * way. A crash in between is finished by {@link #reconcile()} at the next start. Changes are
 * serialized (one lock): they are rare and each is a few host commands.
 */
public final class EipService implements NicService.PublicIps {
  private static final Logger log = LoggerFactory.getLogger(EipService.class);
  public static final int MIN_BANDWIDTH = 1;
  public static final int MAX_BANDWIDTH = 200;
  public static final int DEFAULT_BANDWIDTH = 5;
  public static final String DEFAULT_CHARGE_TYPE = "PayByBandwidth";
  private static final Set<String> CHARGE_TYPES = Set.of("PayByBandwidth", "PayByTraffic");

  private final EipStore store;
  private final EipConfig config;
  private final EipAgent host;
  private final Supplier<Instant> clock;
  private final ReentrantLock lock = new ReentrantLock(true);
  private final EipMappings mappings;

  /** {@code config} empty: EIPs are disabled and {@code host} may be null. */
  public EipService(EipStore store, Optional<EipConfig> config, EipAgent host, EipTargets targets,
      Supplier<Instant> clock) {
    this.store = store;
    this.config = config.orElse(null);
    this.host = host;
    this.clock = clock;
    if (this.config != null && host == null) {
      throw new IllegalArgumentException("EIPs are configured but no EipAgent was given");
    }
    this.mappings = new EipMappings(store, host, targets);
  }

  public boolean enabled() {
    return config != null;
  }

  public Optional<EipConfig> config() {
    return Optional.ofNullable(config);
  }

  /** Takes a free address of the range as a new Available EIP of the account. */
  public Eip allocate(String accountId, int bandwidth, String chargeType, String name, String description,
      String token, String paramsHash) {
    EipConfig c = requireEnabled();
    checkBandwidth(EipError.BANDWIDTH_OUT_OF_RANGE, "Bandwidth", bandwidth);
    String charge = chargeType == null ? DEFAULT_CHARGE_TYPE : chargeType;
    if (!CHARGE_TYPES.contains(charge)) {
      throw ServiceException.invalid("InternetChargeType", "use PayByBandwidth or PayByTraffic, got " + charge);
    }
    checkName(name);
    return store.db().tx(conn -> {
      Optional<String> seen = seenToken(conn, accountId, "AllocateEipAddress", token, paramsHash);
      if (seen.isPresent()) {
        return EipStore.find(conn, seen.get()).orElseThrow(() -> EipError.notFound(seen.get()));
      }
      String ip = c.firstFree(EipStore.usedIps(conn)).orElseThrow(() -> EipError.rangeFull(c));
      Eip e = new Eip(Ids.next("eip"), accountId, ip, bandwidth, charge, Eip.AVAILABLE, Eip.KIND_EIP, null, null,
          orEmpty(name), orEmpty(description), now());
      EipStore.insert(conn, e);
      if (token != null) {
        ClientTokenStore.put(conn, accountId, "AllocateEipAddress", token, paramsHash, e.allocationId(), now());
      }
      return e;
    });
  }

  /** The account's elastic IPs (NAT IPs are not listed), oldest first. */
  public List<Eip> eips(String accountId) {
    return store.elastic(accountId);
  }

  public Eip eip(String accountId, String allocationId) {
    return store.find(allocationId).filter(e -> !e.isNat() && e.accountId().equals(accountId))
        .orElseThrow(() -> EipError.notFound(allocationId));
  }

  /**
   * Associates an Available EIP with an instance's primary NIC ({@code instanceType} null or
   * "EcsInstance") or an ENI ("NetworkInterface"); a target holds at most one public IP.
   */
  public void associate(String accountId, String allocationId, String instanceType, String targetId) {
    requireEnabled();
    String type = instanceType == null ? "EcsInstance" : instanceType;
    if (!type.equals("EcsInstance") && !type.equals("NetworkInterface")) {
      throw EipError.instanceTypeNotSupported(type);
    }
    withLock(() -> {
      Eip e = eip(accountId, allocationId);
      if (!Eip.AVAILABLE.equals(e.status())) {
        throw EipError.incorrectStatus(allocationId, e.status());
      }
      EipTargets.Target t = type.equals("EcsInstance") ? mappings.targets().instance(accountId, targetId)
          : mappings.targets().networkInterface(accountId, targetId);
      if (t.privateIp() == null || t.vpcId() == null) {
        throw EipError.noPrivateIp(targetId);
      }
      String instanceId = type.equals("EcsInstance") ? (t.instanceId() != null ? t.instanceId() : targetId) : null;
      store.db().tx(conn -> {
        List<Eip> held = EipStore.holding(conn, t.eniId(), instanceId);
        if (!held.isEmpty()) {
          throw EipError.duplicated(targetId, held.get(0).ip());
        }
        EipStore.setState(conn, allocationId, Eip.ASSOCIATING, t.eniId(), instanceId);
        return null;
      });
      mappings.map(e, t, () -> store.setState(allocationId, Eip.AVAILABLE, null, null), "AssociateEipAddress");
      store.setStatus(allocationId, Eip.IN_USE);
      return null;
    });
  }

  /** Unassociates an InUse EIP; {@code targetId}, when given, must be what it is associated with. */
  public void unassociate(String accountId, String allocationId, String targetId) {
    withLock(() -> {
      Eip e = eip(accountId, allocationId);
      if (!Eip.IN_USE.equals(e.status())) {
        throw EipError.incorrectStatus(allocationId, e.status());
      }
      if (targetId != null && !targetId.equals(e.associatedId()) && !targetId.equals(e.eniId())) {
        throw EipError.notAssociatedWith(allocationId, targetId);
      }
      requireEnabled();
      store.setStatus(allocationId, Eip.UNASSOCIATING);
      try {
        mappings.unmap(e);
      } catch (RuntimeException ex) {
        store.setStatus(allocationId, Eip.IN_USE);
        throw EipError.hostFailed("UnassociateEipAddress", ex);
      }
      store.setState(allocationId, Eip.AVAILABLE, null, null);
      return null;
    });
  }

  /** Releases an Available EIP: its address goes back to the range. */
  public void release(String accountId, String allocationId) {
    withLock(() -> {
      Eip e = eip(accountId, allocationId);
      if (!Eip.AVAILABLE.equals(e.status())) {
        throw EipError.incorrectStatus(allocationId, e.status());
      }
      store.delete(allocationId);
      return null;
    });
  }

  /** Changes bandwidth (on the host at once when InUse), name, description; null leaves a field. */
  public void modify(String accountId, String allocationId, Integer bandwidth, String name, String description) {
    if (bandwidth != null) {
      checkBandwidth(EipError.BANDWIDTH_OUT_OF_RANGE, "Bandwidth", bandwidth);
    }
    checkName(name);
    withLock(() -> {
      Eip e = eip(accountId, allocationId);
      if (bandwidth != null && bandwidth != e.bandwidth()) {
        if (Eip.ASSOCIATING.equals(e.status()) || Eip.UNASSOCIATING.equals(e.status())) {
          throw EipError.incorrectStatus(allocationId, e.status());
        }
        if (Eip.IN_USE.equals(e.status())) {
          requireEnabled();
          try {
            mappings.setBandwidth(e, bandwidth);
          } catch (RuntimeException ex) {
            throw EipError.hostFailed("ModifyEipAddressAttribute", ex);
          }
        }
      }
      store.update(allocationId, bandwidth, name, description);
      return null;
    });
  }

  /**
   * Gives the NIC a NAT public IP (RunInstances with InternetMaxBandwidthOut &gt; 0): kind
   * "nat", InUse at once, released with the instance. Returns the address.
   */
  public String assignNatIp(String accountId, EipTargets.Target t, int bandwidthMbps) {
    EipConfig c = requireEnabled();
    checkBandwidth(EipError.MAX_BANDWIDTH_OUT_OF_RANGE, "InternetMaxBandwidthOut", bandwidthMbps);
    if (t.privateIp() == null || t.vpcId() == null) {
      throw EipError.noPrivateIp(t.instanceId() != null ? t.instanceId() : t.eniId());
    }
    return withLock(() -> {
      Eip e = store.db().tx(conn -> {
        List<Eip> held = EipStore.holding(conn, t.eniId(), t.instanceId());
        if (!held.isEmpty()) {
          throw EipError.duplicated(t.instanceId() != null ? t.instanceId() : t.eniId(), held.get(0).ip());
        }
        String ip = c.firstFree(EipStore.usedIps(conn)).orElseThrow(() -> EipError.rangeFull(c));
        Eip row = new Eip(Ids.next("eip"), accountId, ip, bandwidthMbps, "PayByTraffic", Eip.ASSOCIATING,
            Eip.KIND_NAT, t.eniId(), t.instanceId(), "", "", now());
        EipStore.insert(conn, row);
        return row;
      });
      mappings.map(e, t, () -> store.delete(e.allocationId()), "RunInstances (public IP)");
      store.setStatus(e.allocationId(), Eip.IN_USE);
      return e.ip();
    });
  }

  @Override
  public void check(int bandwidthMbps) {
    requireEnabled();
  }

  @Override
  public void assign(String accountId, NetworkInterface primary, int bandwidthMbps) {
    assignNatIp(accountId, new EipTargets.Target(primary.id(), primary.instanceId(), primary.vpcId(),
        primary.privateIp()), bandwidthMbps);
  }

  /**
   * Drops the instance's NAT IP and unassociates its EIPs (call before its NICs are gone). A
   * host failure is logged; the row stays Unassociating and the next start finishes it.
   */
  @Override
  public void releaseForInstance(String instanceId) {
    withLock(() -> {
      store.ofInstance(instanceId).forEach(this::releaseQuietly);
      return null;
    });
  }

  /** Like {@link #releaseForInstance} for an ENI being detached or deleted. */
  @Override
  public void releaseForEni(String eniId) {
    withLock(() -> {
      store.ofEni(eniId).forEach(this::releaseQuietly);
      return null;
    });
  }

  /** The instance's public address (NAT IP or EIP associated as EcsInstance), for DescribeInstances. */
  public Optional<Eip> forInstance(String instanceId) {
    return store.ofInstance(instanceId).stream().findFirst();
  }

  /** The addresses associated with an ENI. */
  public List<Eip> forEni(String eniId) {
    return store.ofEni(eniId);
  }

  /**
   * Makes the host match the rows (at daemon start, after the VPCs): Associating rows are
   * finished to InUse, Unassociating ones to Available (NAT rows deleted), rows whose NIC is
   * gone are freed, and mappings of ours that no row wants are removed.
   */
  public void reconcile() {
    withLock(() -> {
      List<Eip> rows = store.all();
      if (config == null) {
        long held = rows.stream().filter(e -> !Eip.AVAILABLE.equals(e.status())).count();
        if (held > 0) {
          log.warn("EIPs: {} public IPs are associated but {} is unset, so none is mapped", held,
              EipConfig.CIDR_VAR);
        }
        return null;
      }
      List<Eip> gone = mappings.reconcile(rows);
      int mapped = 0;
      for (Eip e : rows) {
        if (gone.contains(e) || Eip.UNASSOCIATING.equals(e.status())) {
          finishRelease(e);
        } else if (Eip.ASSOCIATING.equals(e.status())) {
          store.setStatus(e.allocationId(), Eip.IN_USE);
          mapped++;
        } else if (Eip.IN_USE.equals(e.status())) {
          mapped++;
        }
      }
      log.info("EIPs: {} public IPs mapped on the host, range {}", mapped, config.range());
      return null;
    });
  }

  private void releaseQuietly(Eip e) {
    if (Eip.AVAILABLE.equals(e.status())) {
      return;
    }
    store.setStatus(e.allocationId(), Eip.UNASSOCIATING);
    if (config != null) {
      try {
        mappings.unmap(e);
      } catch (RuntimeException ex) {
        log.error("EIP {}: cannot remove its mapping now, the next start will: {}", e.ip(), ex.getMessage(), ex);
        return;
      }
    }
    finishRelease(e);
  }

  private void finishRelease(Eip e) {
    if (e.isNat()) {
      store.delete(e.allocationId());
    } else {
      store.setState(e.allocationId(), Eip.AVAILABLE, null, null);
    }
  }

  private EipConfig requireEnabled() {
    if (config == null) {
      throw EipError.disabled();
    }
    return config;
  }

  private <T> T withLock(Supplier<T> work) {
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }

  private static void checkBandwidth(EipError outOfRange, String param, int mbps) {
    if (mbps < MIN_BANDWIDTH || mbps > MAX_BANDWIDTH) {
      throw EipError.bandwidth(outOfRange, param, MIN_BANDWIDTH, MAX_BANDWIDTH, mbps);
    }
  }

  private static void checkName(String name) {
    if (name != null && !name.isEmpty() && !Validation.instanceName(name)) {
      throw EipError.nameMalformed();
    }
  }

  private static Optional<String> seenToken(Connection c, String accountId, String action, String token,
      String paramsHash) throws SQLException {
    if (token == null) {
      return Optional.empty();
    }
    Optional<ClientTokenStore.Entry> e = ClientTokenStore.find(c, accountId, action, token);
    if (e.isPresent() && !e.get().paramsHash().equals(paramsHash)) {
      throw EipError.idempotentMismatch();
    }
    return e.map(ClientTokenStore.Entry::result);
  }

  private Instant now() {
    return clock.get().truncatedTo(ChronoUnit.SECONDS);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
