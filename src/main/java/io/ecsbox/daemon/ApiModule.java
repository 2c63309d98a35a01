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
import io.ecsbox.api.actions.InstanceAttributeActions;
import io.ecsbox.api.actions.InstanceEventActions;
import io.ecsbox.api.actions.InstanceNetView;
import io.ecsbox.api.actions.NetworkInterfaceActions;
import io.ecsbox.api.actions.RegionActions;
import io.ecsbox.api.actions.SecurityGroupActions;
import io.ecsbox.api.actions.SnapshotActions;
import io.ecsbox.api.actions.KeyPairActions;
import io.ecsbox.api.actions.KeyPairBindingActions;
import io.ecsbox.compute.InstanceAccess;
import io.ecsbox.api.actions.TagActions;
import io.ecsbox.api.actions.TypeActions;
import io.ecsbox.api.actions.VpcActions;
import io.ecsbox.api.actions.VpcAttributeActions;
import io.ecsbox.compute.Instance;
import io.ecsbox.network.NetworkInterface;
import io.ecsbox.network.VSwitch;
import io.ecsbox.network.Vpc;
import io.ecsbox.network.eip.Eip;
import io.ecsbox.network.secgroup.GroupRecord;
import io.ecsbox.storage.Disk;
import io.ecsbox.storage.Snapshot;
import io.ecsbox.keypair.KeyPair;
import io.ecsbox.keypair.KeyPairService;
import io.ecsbox.keypair.KeyPairStore;
import io.ecsbox.tag.ResourceType;
import io.ecsbox.tag.TagService;
import io.ecsbox.tag.TagStore;
import io.ecsbox.api.auth.Authenticator;
import io.ecsbox.api.auth.NonceCache;
import io.ecsbox.common.Metrics;
import io.ecsbox.compute.type.InstanceTypeCatalog;
import io.ecsbox.config.DaemonConfig;
import io.ecsbox.account.AccountService;
import io.ecsbox.account.AccountStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.HashSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/** The ECS API: every Action on its capability's services, behind signature checks. */
final class ApiModule {
  final ApiServer server;
  final ActionRegistry registry;

  ApiModule(DaemonConfig config, String region, Stores stores, InstanceTypeCatalog types, StorageModule storage,
      NetworkModule network, ComputeModule compute, Metrics metrics, Optional<SSLContext> tls) throws IOException {
    AccountStore accounts = stores.accounts();
    List<String> zones = config.zones();
    registry = new ActionRegistry();
    KeyPairService keyPairs = new KeyPairService(new KeyPairStore(stores.db()), Clock.systemUTC());
    TagService tags = tagService(stores, storage, network, compute, keyPairs);
    new RegionActions(region, zones, types).registerIn(registry);
    new TypeActions(types).registerIn(registry);
    new ImageActions(storage.images, region, tags::of).registerIn(registry);
    new AccountActions(new AccountService(accounts)).registerIn(registry);
    Function<String, InstanceNetView> netView =
        id -> InstanceNetView.of(network.nics, network.eips, id);
    new InstanceActions(compute.instances, storage.images, types, netView, region).registerIn(registry);
    new InstanceAttributeActions(compute.instances, storage.images, types, netView, region).registerIn(registry);
    new InstanceEventActions(stores.events()).registerIn(registry);
    new DiskActions(storage.disks, storage.snapshots, region, zones.get(0), tags::of).registerIn(registry);
    new SnapshotActions(storage.snapshots, region, Clock.systemUTC(), tags::of).registerIn(registry);
    new CaptureActions(storage.capture).registerIn(registry);
    new AutoSnapshotPolicyActions(storage.policies, region).registerIn(registry);
    new VpcActions(network.vpcs, region, tags::of).registerIn(registry);
    new VpcAttributeActions(network.vpcs, tags::of, region).registerIn(registry);
    new SecurityGroupActions(network.groups, region, tags::of).registerIn(registry);
    new NetworkInterfaceActions(network.nics, region, tags::of).registerIn(registry);
    new EipActions(network.eips, region, tags::of).registerIn(registry);
    new KeyPairActions(keyPairs, tags::of).registerIn(registry);
    new KeyPairBindingActions(new InstanceAccess(stores.db(), stores.instances())).registerIn(registry);
    new TagActions(tags).registerIn(registry);
    Authenticator auth = new Authenticator(
        keyId -> accounts.key(keyId).map(AccountStore.AccessKey::secret), Clock.systemUTC(), new NonceCache());
    server = new ApiServer(new InetSocketAddress(config.listen().host(), config.listen().port()), tls, region, auth,
        keyId -> accounts.key(keyId).orElseThrow().accountId(), registry,
        ApiLimits.of(new Throttle(config.api().ratePerSecond(), config.api().burst(), Clock.systemUTC())), metrics);
    Set<String> vpcApi = new HashSet<>(VpcActions.ACTIONS);
    vpcApi.addAll(EipActions.ACTIONS);
    vpcApi.addAll(VpcAttributeActions.ACTIONS);
    vpcApi.addAll(TagActions.VPC_ACTIONS);
    server.alsoServe(VpcActions.VPC_VERSION, vpcApi);
  }

  // Each taggable type with how to find one account's resources of it (an image: the account's own).
  private static TagService tagService(Stores stores, StorageModule storage, NetworkModule network,
      ComputeModule compute, KeyPairService keyPairs) {
    Map<ResourceType, TagService.Owned> owners = new EnumMap<>(ResourceType.class);
    owners.put(ResourceType.INSTANCE, a -> compute.instances.list(a).stream().map(Instance::id).toList());
    owners.put(ResourceType.DISK, a -> storage.disks.list(a).stream().map(Disk::id).toList());
    owners.put(ResourceType.SNAPSHOT, a -> storage.snapshots.list(a).stream().map(Snapshot::id).toList());
    owners.put(ResourceType.IMAGE, a -> storage.images.visibleTo(a).stream()
        .filter(v -> "self".equals(v.ownerAlias())).map(v -> v.image().id()).toList());
    owners.put(ResourceType.SECURITYGROUP, a -> network.groups.groups(a).stream().map(GroupRecord::id).toList());
    owners.put(ResourceType.ENI, a -> network.nics.list(a).stream().map(NetworkInterface::id).toList());
    owners.put(ResourceType.VPC, a -> network.vpcs.vpcs(a).stream().map(Vpc::id).toList());
    owners.put(ResourceType.VSWITCH, a -> network.vpcs.vSwitches(a).stream().map(VSwitch::id).toList());
    owners.put(ResourceType.EIP, a -> network.eips.eips(a).stream().map(Eip::allocationId).toList());
    owners.put(ResourceType.KEYPAIR, a -> keyPairs.list(a).stream().map(KeyPair::id).toList());
    return new TagService(new TagStore(stores.db()), owners);
  }
}
