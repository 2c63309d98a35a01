package io.ecsbox.host.metadata;

import io.ecsbox.agent.GuestMetadata;
import io.ecsbox.agent.NicMetadata;
import io.ecsbox.host.configdrive.CloudInitUserData;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One instance's metadata as the paths under {@code /<version>/}: {@code meta-data/…} as a
 * tree of directories (maps) and items (strings, or lists shown as {@code ["a"]}),
 * {@code user-data}, {@code dynamic/instance-identity/document}. Pure: no host, no HTTP.
 */
final class MetadataTree {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final GuestMetadata g;
  private final Map<String, Object> metaData;

  MetadataTree(GuestMetadata g) {
    this.g = g;
    this.metaData = build(g);
  }

  /** The answer for {@code path}, relative to the version prefix ("" is the version's root). */
  MetadataReply get(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    String[] parts = p.isEmpty() ? new String[0] : p.split("/+");
    if (parts.length == 0) {
      return MetadataReply.text("dynamic/\nmeta-data/" + (g.userData() == null ? "" : "\nuser-data")
          + (vendorData() == null ? "" : "\nvendor-data"));
    }
    return switch (parts[0]) {
      case "meta-data" -> parts.length == 2 && parts[1].equals("all")
          ? MetadataReply.json(toJson(metaData))
          : walk(metaData, parts, 1);
      case "user-data" -> parts.length == 1 && g.userData() != null
          ? new MetadataReply(200, MetadataReply.BYTES, g.userData().clone())
          : MetadataReply.status(404);
      case "dynamic" -> walk(dynamic(), parts, 1);
      case "vendor-data" -> parts.length == 1 && vendorData() != null
          ? MetadataReply.text(vendorData())
          : MetadataReply.status(404);
      default -> MetadataReply.status(404);
    };
  }

  // The password's cloud-config when the guest has one (user-data stays the user's own), else null.
  private String vendorData() {
    String hash = g.access().passwordHash();
    return hash == null ? null : CloudInitUserData.passwordConfig(hash);
  }

  Map<String, Object> metaData() {
    return metaData;
  }

  private static MetadataReply walk(Map<String, Object> root, String[] parts, int from) {
    Object node = root;
    for (int i = from; i < parts.length; i++) {
      if (!(node instanceof Map<?, ?> dir) || !dir.containsKey(parts[i])) {
        return MetadataReply.status(404);
      }
      node = dir.get(parts[i]);
    }
    if (node instanceof Map<?, ?> dir) {
      List<String> names = new ArrayList<>();
      dir.forEach((k, v) -> names.add(v instanceof Map ? k + "/" : k.toString()));
      return MetadataReply.text(String.join("\n", names));
    }
    if (node instanceof List<?> list) {
      return MetadataReply.text(toJson(list));
    }
    return node instanceof Json j ? MetadataReply.json(j.text()) : MetadataReply.text(node.toString());
  }

  /** A leaf served as application/json. */
  private record Json(String text) {}

  private Map<String, Object> dynamic() {
    Map<String, Object> doc = new LinkedHashMap<>();
    NicMetadata nic = g.nics().isEmpty() ? null : g.nics().get(0);
    put(doc, "zone-id", g.zoneId());
    put(doc, "serial-number", g.serialNumber());
    put(doc, "instance-id", g.instanceId());
    put(doc, "region-id", g.regionId());
    put(doc, "private-ipv4", nic == null ? null : nic.primaryIp());
    put(doc, "owner-account-id", g.ownerAccountId());
    put(doc, "mac", nic == null ? null : nic.mac());
    put(doc, "image-id", g.imageId());
    put(doc, "instance-type", g.instanceType());
    return Map.of("instance-identity", Map.of("document", new Json(toJson(doc))));
  }

  private static Map<String, Object> build(GuestMetadata g) {
    Map<String, Object> m = new TreeMap<>(); // listings in a stable, sorted order
    put(m, "instance-id", g.instanceId());
    put(m, "hostname", g.hostName());
    put(m, "region-id", g.regionId());
    put(m, "zone-id", g.zoneId());
    put(m, "image-id", g.imageId());
    put(m, "serial-number", g.serialNumber());
    put(m, "owner-account-id", g.ownerAccountId());
    put(m, "eipv4", g.eipv4());
    Map<String, Object> instance = new TreeMap<>();
    put(instance, "instance-type", g.instanceType());
    put(instance, "instance-name", g.instanceName());
    put(instance, "max-netbw-egress", Integer.toString(g.maxBandwidthEgressMbps()));
    m.put("instance", instance);
    if (!g.access().publicKeys().isEmpty()) { // Alibaba's form: public-keys/0/openssh-key
      Map<String, Object> keys = new TreeMap<>();
      List<String> lines = g.access().publicKeys();
      for (int n = 0; n < lines.size(); n++) {
        keys.put(Integer.toString(n), Map.of("openssh-key", lines.get(n)));
      }
      m.put("public-keys", keys);
    }
    if (!g.nics().isEmpty()) {
      NicMetadata p = g.nics().get(0);
      put(m, "mac", p.mac());
      put(m, "private-ipv4", p.primaryIp());
      m.put("network-type", "vpc");
      put(m, "vpc-id", p.vpcId());
      put(m, "vpc-cidr-block", p.vpcCidr());
      put(m, "vswitch-id", p.vSwitchId());
      put(m, "vswitch-cidr-block", p.vSwitchCidr());
      if (p.gateway() != null) {
        m.put("dns-conf", new TreeMap<>(Map.of("nameservers", p.gateway())));
      }
      Map<String, Object> macs = new TreeMap<>();
      for (NicMetadata n : g.nics()) {
        Map<String, Object> one = new TreeMap<>();
        put(one, "network-interface-id", n.networkInterfaceId());
        put(one, "netmask", n.netmask());
        put(one, "gateway", n.gateway());
        put(one, "primary-ip-address", n.primaryIp());
        if (n.primaryIp() != null) {
          one.put("private-ipv4s", List.of(n.primaryIp()));
        }
        put(one, "vpc-id", n.vpcId());
        put(one, "vpc-cidr-block", n.vpcCidr());
        put(one, "vswitch-id", n.vSwitchId());
        put(one, "vswitch-cidr-block", n.vSwitchCidr());
        if (n.mac() != null) {
          macs.put(n.mac(), one);
        }
      }
      m.put("network", Map.of("interfaces", Map.of("macs", macs)));
    }
    return m;
  }

  private static void put(Map<String, Object> m, String key, String value) {
    if (value != null) {
      m.put(key, value);
    }
  }

  private static String toJson(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("metadata is not JSON-serializable", e);
    }
  }
}
