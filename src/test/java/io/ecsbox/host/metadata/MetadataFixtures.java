package io.ecsbox.host.metadata;

import io.ecsbox.agent.GuestMetadata;
import io.ecsbox.agent.MetadataDirectory;
import io.ecsbox.agent.NicMetadata;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Instances for metadata tests and a {@link MetadataDirectory} over a map. */
final class MetadataFixtures {
  private MetadataFixtures() {}

  static GuestMetadata guest(String id, String vpcId, String ip, String mac, String userData) {
    return guest(id, vpcId, ip, mac, userData, "optional", "enabled");
  }

  static GuestMetadata guest(String id, String vpcId, String ip, String mac, String userData, String tokens,
      String endpoint) {
    NicMetadata nic = new NicMetadata("eni-" + id.substring(2), mac, ip, "255.255.255.0", "10.77.1.253", vpcId,
        "10.77.0.0/16", "vsw-" + id.substring(2), "10.77.1.0/24");
    return new GuestMetadata(id, "host-" + id, "cn-ecsbox", "cn-ecsbox-a", "m-tiny", "ser-" + id, "1234567890",
        "ecs.t1.small", "name-" + id, userData == null ? null : userData.getBytes(StandardCharsets.UTF_8), tokens,
        endpoint, null, List.of(nic), 100);
  }

  /** A directory that knows exactly the guests put into it. */
  static final class FakeDirectory implements MetadataDirectory {
    private final Map<String, GuestMetadata> byKey = new HashMap<>();

    FakeDirectory put(String vpcId, String ip, GuestMetadata g) {
      synchronized (byKey) {
        byKey.put(vpcId + "/" + ip, g);
      }
      return this;
    }

    @Override
    public Optional<GuestMetadata> lookup(String vpcId, String sourceIp) {
      synchronized (byKey) {
        return Optional.ofNullable(byKey.get(vpcId + "/" + sourceIp));
      }
    }
  }
}
