package io.ecsbox.daemon;

import io.ecsbox.common.KeyedLocks;
import io.ecsbox.compute.type.InstanceTypeCatalog;
import io.ecsbox.config.DaemonConfig;
import io.ecsbox.network.ComputeInstances;
import io.ecsbox.network.NicService;
import io.ecsbox.network.VpcService;
import io.ecsbox.network.eip.EipConfig;
import io.ecsbox.network.eip.EipService;
import io.ecsbox.network.eip.NicTargets;
import io.ecsbox.network.secgroup.NicGroups;
import io.ecsbox.network.secgroup.SecurityGroupService;
import java.time.Clock;
import java.util.Set;

/** VPCs and vSwitches, security groups, EIPs and NICs. */
final class NetworkModule {
  final SecurityGroupService groups;
  final VpcService vpcs;
  final EipService eips;
  final NicService nics;

  NetworkModule(DaemonConfig config, Stores stores, HostModule host, InstanceTypeCatalog types, KeyedLocks locks) {
    Clock clock = Clock.systemUTC();
    groups = new SecurityGroupService(stores.groups(), host.firewall, clock::instant);
    vpcs = new VpcService(stores.vpcs(), stores.nics(), groups, host.vpcs, Set.copyOf(config.zones()),
        config.network().vSwitchesPerVpc(), clock::instant);
    ComputeInstances instances = new ComputeInstances(stores.instances(), types);
    eips = new EipService(stores.eips(), config.network().eip().map(e -> EipConfig.of(e.cidr(), e.uplink(),
        e.gateway())), host.eips.orElse(null),
        new NicTargets(stores.nics(), instances), clock::instant);
    nics = new NicService(stores.nics(), vpcs, new NicGroups(groups), instances, eips, host.guests, locks,
        clock::instant);
  }

  /** At start: NICs finished, then the host's VPCs, filter and public addresses made to match the store. */
  void reconcile() {
    nics.reconcile();
    vpcs.reconcile();
    groups.reconcile();
    eips.reconcile();
  }
}
