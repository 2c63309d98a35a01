package io.ecsbox.daemon;

import io.ecsbox.api.ActionRegistry;
import io.ecsbox.api.ApiLimits;
import io.ecsbox.api.ApiServer;
import io.ecsbox.api.Throttle;
import io.ecsbox.api.actions.AccountActions;
import io.ecsbox.api.actions.AutoSnapshotPolicyActions;
import io.ecsbox.api.actions.CaptureActions;
import io.ecsbox.api.actions.DiskActions;
import io.ecsbox.api.actions.EipActions;
import io.ecsbox.api.actions.ImageActions;
import io.ecsbox.api.actions.InstanceActions;
import io.ecsbox.api.actions.InstanceEventActions;
import io.ecsbox.api.actions.InstanceNetView;
import io.ecsbox.api.actions.NetworkInterfaceActions;
import io.ecsbox.api.actions.RegionActions;
import io.ecsbox.api.actions.SecurityGroupActions;
import io.ecsbox.api.actions.SnapshotActions;
import io.ecsbox.api.actions.TypeActions;
import io.ecsbox.api.actions.VpcActions;
import io.ecsbox.api.auth.Authenticator;
import io.ecsbox.api.auth.NonceCache;
import io.ecsbox.compute.type.InstanceTypeCatalog;
import io.ecsbox.config.DaemonConfig;
import io.ecsbox.account.AccountService;
import io.ecsbox.account.AccountStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;

/** The ECS API: every Action on its capability's services, behind signature checks. */
final class ApiModule {
  final ApiServer server;
  final ActionRegistry registry;

  ApiModule(DaemonConfig config, String region, Stores stores, InstanceTypeCatalog types, StorageModule storage,
      NetworkModule network, ComputeModule compute, Optional<SSLContext> tls) throws IOException {
    AccountStore accounts = stores.accounts();
    List<String> zones = config.zones();
    registry = new ActionRegistry();
    new RegionActions(region, zones, types).registerIn(registry);
    new TypeActions(types).registerIn(registry);
    new ImageActions(storage.images, region).registerIn(registry);
    new AccountActions(new AccountService(accounts)).registerIn(registry);
    new InstanceActions(compute.instances, storage.images, types,
        id -> InstanceNetView.of(network.nics, network.eips, id), region)
        .registerIn(registry);
    new InstanceEventActions(stores.events()).registerIn(registry);
    new DiskActions(storage.disks, storage.snapshots, region, zones.get(0)).registerIn(registry);
    new SnapshotActions(storage.snapshots, region, Clock.systemUTC()).registerIn(registry);
    new CaptureActions(storage.capture).registerIn(registry);
    new AutoSnapshotPolicyActions(storage.policies, region).registerIn(registry);
    new VpcActions(network.vpcs, region).registerIn(registry);
    new SecurityGroupActions(network.groups, region).registerIn(registry);
    new NetworkInterfaceActions(network.nics, region).registerIn(registry);
    new EipActions(network.eips, region).registerIn(registry);
    Authenticator auth = new Authenticator(
        keyId -> accounts.key(keyId).map(AccountStore.AccessKey::secret), Clock.systemUTC(), new NonceCache());
    server = new ApiServer(new InetSocketAddress(config.listen().host(), config.listen().port()), tls, region, auth,
        keyId -> accounts.key(keyId).orElseThrow().accountId(), registry,
        ApiLimits.of(new Throttle(config.api().ratePerSecond(), config.api().burst(), Clock.systemUTC())));
    Set<String> vpcApi = new HashSet<>(VpcActions.ACTIONS);
    vpcApi.addAll(EipActions.ACTIONS);
    server.alsoServe(VpcActions.VPC_VERSION, vpcApi);
  }
}
