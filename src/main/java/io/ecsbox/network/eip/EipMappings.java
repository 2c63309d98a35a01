package io.ecsbox.network.eip;

import io.ecsbox.agent.EipAgent;
import io.ecsbox.common.ServiceException;
import io.ecsbox.network.NicError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host half of {@link EipService}: turns rows into {@link EipAgent} mappings through the
 * NICs {@link EipTargets} resolves, and undoes a mapping the host half-made. Callers hold the
 * service's lock.
 */
final class EipMappings {
  private static final Logger log = LoggerFactory.getLogger(EipMappings.class);
  private final EipStore store;
  private final EipAgent host;
  private final EipTargets targets;

  EipMappings(EipStore store, EipAgent host, EipTargets targets) {
    this.store = store;
    this.host = host;
    this.targets = targets;
  }

  EipTargets targets() {
    return targets;
  }

  /** Maps on the host; on failure undoes it, runs {@code rowBack} and throws. */
  void map(Eip e, EipTargets.Target t, Runnable rowBack, String what) {
    try {
      host.associate(t.vpcId(), e.ip(), t.privateIp(), e.bandwidth());
    } catch (RuntimeException ex) {
      try {
        host.disassociate(t.vpcId(), e.ip(), t.privateIp());
        rowBack.run();
      } catch (RuntimeException undo) {
        // keep the address reserved until the next start's reconcile removes the mapping
        log.error("EIP {}: undoing a failed mapping failed too: {}", e.ip(), undo.getMessage());
        store.setStatus(e.allocationId(), Eip.UNASSOCIATING);
      }
      throw EipError.hostFailed(what, ex);
    }
  }

  /** Removes the row's mapping; when its NIC is already gone, converges the whole host instead. */
  void unmap(Eip e) {
    Optional<EipTargets.Target> t = target(e);
    if (t.isPresent()) {
      host.disassociate(t.get().vpcId(), e.ip(), t.get().privateIp());
    } else {
      reconcile(store.all());
    }
  }

  void setBandwidth(Eip e, int mbps) {
    EipTargets.Target t = targets().networkInterface(e.accountId(), e.eniId());
    host.setBandwidth(t.vpcId(), e.ip(), mbps);
  }

  /** Applies the mappings of the Associating/InUse rows; returns the rows whose NIC is gone. */
  List<Eip> reconcile(List<Eip> rows) {
    Map<String, List<EipAgent.Mapping>> wanted = new TreeMap<>();
    List<Eip> gone = new ArrayList<>();
    for (Eip e : rows) {
      if (!Eip.ASSOCIATING.equals(e.status()) && !Eip.IN_USE.equals(e.status())) {
        continue;
      }
      Optional<EipTargets.Target> t = target(e);
      if (t.isEmpty() || t.get().privateIp() == null) {
        gone.add(e);
        continue;
      }
      wanted.computeIfAbsent(t.get().vpcId(), k -> new ArrayList<>())
          .add(new EipAgent.Mapping(e.ip(), t.get().privateIp(), e.bandwidth()));
    }
    host.reconcile(wanted);
    return gone;
  }

  /** The row's NIC now; empty when it no longer exists. */
  private Optional<EipTargets.Target> target(Eip e) {
    if (e.eniId() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(targets().networkInterface(e.accountId(), e.eniId()));
    } catch (ServiceException ex) {
      if (ex.condition() == NicError.ENI_NOT_FOUND) {
        return Optional.empty();
      }
      throw ex;
    }
  }
}
