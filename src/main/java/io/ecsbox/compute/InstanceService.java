package io.ecsbox.compute;

import io.ecsbox.agent.Console;
import io.ecsbox.agent.GuestMemory;
import io.ecsbox.common.Generic;
import io.ecsbox.common.ServiceException;
import io.ecsbox.common.Ids;
import io.ecsbox.compute.type.HostCapabilities;
import io.ecsbox.compute.type.InstanceType;
import io.ecsbox.compute.type.InstanceTypeCatalog;
import io.ecsbox.scheduler.Scheduler;
import io.ecsbox.store.ClientTokenStore;
import io.ecsbox.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Instances, as the API sees them: validates a request, records the desired state in the
 * store at once (so the call returns with ids), and hands the host work to
 * {@link InstanceOperations}, which runs it in the background through the host's agent.
 */
public final class InstanceService {
  /** The default grace for an ACPI power-off before the guest is powered off. */
  public static final Duration STOP_GRACE = Duration.ofSeconds(60);

  private final Database db;
  private final InstanceStore store;
  private final InstanceTypeCatalog types;
  private final HostCapabilities host;
  private final InstanceOperations ops;
  private final Scheduler scheduler;
  private final List<String> zones;
  private final InstanceDisks disks;
  private final InstanceNetwork network;
  private final Clock clock;

  public InstanceService(Database db, InstanceStore store, InstanceTypeCatalog types, HostCapabilities host,
      InstanceOperations ops, Scheduler scheduler, List<String> zones, InstanceDisks disks, InstanceNetwork network,
      Clock clock) {
    this.clock = clock;
    this.network = network;
    this.disks = disks;
    this.scheduler = scheduler;
    this.db = db;
    this.store = store;
    this.types = types;
    this.host = host;
    this.ops = ops;
    this.zones = List.copyOf(zones);
  }

  /** Creates the instances (Pending, or Stopped when not auto-started) and returns their ids. */
  public List<String> launch(LaunchRequest r) {
    InstanceDisks.SystemDisk system = disks.checkSystemDisk(r.accountId(), r.imageId(), r.systemDiskGiB(),
        r.systemDiskCategory(), r.systemDiskPerformanceLevel());
    InstanceType type = types.require(r.instanceType());
    types.checkLaunchable(type, host);
    String keyPair = r.access().keyPairName();
    if (keyPair != null) { // before the plan, which may make the zone's default VPC
      db.tx(c -> InstanceAccess.requireKeyPair(c, r.accountId(), keyPair));
    }
    if (r.zoneId() != null && !zones.contains(r.zoneId())) {
      throw InstanceError.zoneNotFound(r.zoneId());
    }
    // Without a zone, a given vSwitch decides it (planning that makes nothing); otherwise the
    // data disks are checked before the plan, which may make the zone's default VPC.
    String askedZone = r.zoneId() == null && r.network().vSwitchId() == null ? zones.get(0) : r.zoneId();
    List<InstanceDisks.DataDisk> early =
        askedZone == null ? null : disks.checkDataDisks(r.accountId(), askedZone, r.dataDisks());
    InstanceNetwork.Plan net = network.plan(r.accountId(), askedZone, r.network(), r.amount());
    String zone = net.zoneId();
    List<InstanceDisks.DataDisk> data =
        early != null ? early : disks.checkDataDisks(r.accountId(), zone, r.dataDisks());
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    List<Instance> created = new ArrayList<>();
    for (int n = 0; n < r.amount(); n++) {
      String id = Ids.next("i");
      String name = r.instanceName() == null ? id : r.instanceName();
      String hostName = r.hostName() == null ? "iZ" + id.substring(2) + "Z"
          : r.uniqueSuffix() ? r.hostName() + String.format("%03d", n + 1) : r.hostName();
      created.add(new Instance(id, r.accountId(), name, hostName, r.description() == null ? "" : r.description(),
          r.autoStart() ? InstanceStatus.Pending : InstanceStatus.Stopped, type.id(), type.vcpus(),
          type.memoryMiB(), system.imageId(), zone, system.sizeGiB(), system.category(),
          r.userData() == null ? "" : r.userData(),
          java.util.UUID.randomUUID().toString(), now, null, false, r.tags(), null,
          keyPair == null ? "" : keyPair));
    }
    List<String> ids = created.stream().map(Instance::id).toList();
    String action = r.autoStart() ? "RunInstances" : "CreateInstance";
    // A retried ClientToken answers the first call's ids and starts nothing new.
    Optional<List<String>> earlier = db.tx(c -> {
      if (r.clientToken() != null) {
        Optional<ClientTokenStore.Entry> seen = ClientTokenStore.find(c, r.accountId(), action, r.clientToken());
        if (seen.isPresent()) {
          if (!seen.get().paramsHash().equals(r.paramsHash())) {
            throw new ServiceException(Generic.IDEMPOTENT_MISMATCH,
                "The specified parameters are different from before with the same ClientToken.");
          }
          return Optional.of(List.of(seen.get().result().split(",")));
        }
      }
      if (r.autoStart()) { // inside the transaction: two launches cannot both take the last capacity
        scheduler.admit(InstanceStore.usage(c), r.amount(), type.vcpus(), type.memoryMiB());
      }
      if (r.clientToken() != null) {
        ClientTokenStore.put(c, r.accountId(), action, r.clientToken(), r.paramsHash(), String.join(",", ids), now);
      }
      if (keyPair != null) { // again: a DeleteKeyPairs may have run since the check above
        InstanceAccess.requireKeyPair(c, r.accountId(), keyPair);
      }
      InstanceStore.insert(c, created);
      for (Instance i : created) {
        net.insert(c, r.accountId(), i.id(), now);
        InstanceStore.setMetadataOptions(c, i.id(), r.network().metadataHttpTokens(),
            r.network().metadataHttpEndpoint());
        disks.insert(c, r.accountId(), i.id(), zone, system, data, now);
        InstanceStore.setPasswordHash(c, i.id(), r.access().passwordHash());
      }
      return Optional.<List<String>>empty();
    });
    if (earlier.isPresent()) {
      return earlier.get();
    }
    net.committed(ids);
    if (r.autoStart()) {
      ids.forEach(ops::submitStart);
    }
    return ids;
  }

  /**
   * The account's instances, oldest first. One being released shows Stopping until its
   * domain, disks, NICs and addresses are gone: once the API stops listing an instance,
   * nothing it held blocks another call (deleting its security group or vSwitch).
   */
  public List<Instance> list(String accountId) {
    return store.all().stream().filter(i -> i.accountId().equals(accountId)).map(InstanceService::shown).toList();
  }

  public Instance get(String accountId, String id) {
    return store.find(id).filter(i -> i.accountId().equals(accountId)).map(InstanceService::shown)
        .orElseThrow(() -> InstanceError.notFound());
  }

  private static Instance shown(Instance i) {
    return i.deleting() ? i.withStatus(InstanceStatus.Stopping) : i;
  }

  /** The instance for a change of its attributes: IncorrectInstanceStatus while it is being released. */
  private Instance changeable(String accountId, String id) {
    Instance i = get(accountId, id);
    if (i.deleting()) {
      throw InstanceError.incorrectStatus(id, i.status().name());
    }
    return i;
  }

  public void start(String accountId, String id) {
    Instance i = get(accountId, id);
    boolean started = db.tx(c -> {
      if (i.status() == InstanceStatus.Stopped) {
        scheduler.admit(InstanceStore.usage(c), 1, i.vcpus(), i.memoryMiB());
      }
      return InstanceStore.transition(c, id, EnumSet.of(InstanceStatus.Stopped), InstanceStatus.Starting);
    });
    if (!started) {
      throw InstanceError.incorrectStatus(id, store.find(id).map(x -> shown(x).status().name()).orElse("gone"));
    }
    ops.submitStart(id);
  }

  public void stop(String accountId, String id, boolean force) {
    get(accountId, id);
    Set<InstanceStatus> from = force ? EnumSet.of(InstanceStatus.Running, InstanceStatus.Starting,
        InstanceStatus.Stopping) : EnumSet.of(InstanceStatus.Running);
    transition(id, from, InstanceStatus.Stopping);
    ops.submitStop(id, force);
  }

  public void reboot(String accountId, String id, boolean force) {
    get(accountId, id);
    transition(id, EnumSet.of(InstanceStatus.Running), InstanceStatus.Starting);
    ops.submitReboot(id, force);
  }

  public void delete(String accountId, String id, boolean force) {
    checkDeletable(accountId, List.of(id), force);
    if (get(accountId, id).deleting()) {
      return; // already being released (Force): the release under way finishes it
    }
    store.markDeleting(id);
    ops.submitRelease(id);
  }

  /**
   * The instances for a batch that changes all or none of them: each the account's and in
   * {@code needed} status, else the refusal of the first that is not.
   */
  public List<Instance> requireAll(String accountId, List<String> ids, InstanceStatus needed) {
    List<Instance> out = new ArrayList<>();
    for (String id : ids) {
      Instance i = get(accountId, id);
      if (i.status() != needed) {
        throw InstanceError.incorrectStatus(id, i.status().name());
      }
      out.add(i);
    }
    return out;
  }

  /** Checks that every one of the instances may be deleted (Stopped, or any status with force); changes nothing. */
  public void checkDeletable(String accountId, List<String> ids, boolean force) {
    for (String id : ids) {
      Instance i = get(accountId, id);
      if (!force && i.status() != InstanceStatus.Stopped) {
        throw InstanceError.incorrectStatus(id, i.status().name());
      }
    }
  }

  /**
   * Changes names, host name, user data, the root password ({@code passwordHash}, a SHA-512
   * crypt hash; null: unchanged) or the primary NIC's security groups ({@code groupIds} empty:
   * unchanged); a new host name, user data or password applies at next start. User data of an
   * instance that is not Stopped is refused before anything changes.
   */
  public void modifyAttribute(String accountId, String id, String name, String hostName, String description,
      String userData, List<String> groupIds, String passwordHash) {
    Instance i = changeable(accountId, id);
    if (userData != null && i.status() != InstanceStatus.Stopped) {
      throw InstanceError.incorrectStatus(id, i.status().name());
    }
    if (!groupIds.isEmpty()) {
      network.replaceGroups(accountId, id, groupIds);
    }
    db.tx(c -> {
      store.updateAttributes(id, name, hostName, description, userData);
      if (passwordHash != null) {
        InstanceStore.setPasswordHash(c, id, passwordHash);
      }
      return null;
    });
  }

  /** ModifyInstanceMetadataOptions: how the metadata service answers the instance (null keeps a setting). */
  public void modifyMetadataOptions(String accountId, String id, String httpTokens, String httpEndpoint) {
    changeable(accountId, id);
    store.setMetadataOptions(id, httpTokens, httpEndpoint);
  }

  public InstanceStore.MetadataOptions metadataOptions(String id) {
    return store.metadataOptions(id);
  }

  /** Changes the type of a stopped instance; the new vCPUs and memory apply at next start. */
  public void modifySpec(String accountId, String id, String typeId) {
    Instance i = changeable(accountId, id);
    InstanceType type = types.require(typeId);
    types.checkLaunchable(type, host);
    if (i.status() != InstanceStatus.Stopped) {
      throw InstanceError.incorrectStatus(id, i.status().name());
    }
    if (type.id().equals(i.instanceType())) {
      throw new ServiceException(InstanceError.TYPE_UNCHANGED,
          "The specified InstanceType is the same as the current one.");
    }
    store.updateSpec(id, type.id(), type.vcpus(), type.memoryMiB());
  }

  public Console console(String accountId, String id) {
    get(accountId, id);
    return ops.console(id);
  }

  /** A running instance's memory as its guest reports it; IncorrectInstanceStatus when it does not run. */
  public GuestMemory memory(String accountId, String id) {
    Instance i = get(accountId, id);
    if (i.status() != InstanceStatus.Running) {
      throw InstanceError.incorrectStatus(id, i.status().name());
    }
    return ops.memory(id).orElseThrow(() -> InstanceError.incorrectStatus(id, "not running on its host"));
  }

  static byte[] decodeUserData(String b64) {
    return b64 == null || b64.isEmpty() ? new byte[0] : Base64.getDecoder().decode(b64);
  }

  private void transition(String id, Set<InstanceStatus> from, InstanceStatus to) {
    if (!store.transition(id, from, to)) {
      Instance now = store.find(id).orElseThrow(() -> InstanceError.notFound());
      throw InstanceError.incorrectStatus(id, shown(now).status().name());
    }
  }
}
