package io.ecsbox.host.metadata;

import io.ecsbox.agent.GuestAccess;
import io.ecsbox.agent.GuestMetadata;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetadataTreeTest {
  private final GuestMetadata g =
      MetadataFixtures.guest("i-aaa", "vpc-x", "10.77.1.10", "00:16:3e:00:00:01", "#!/bin/sh\n");
  private final MetadataTree tree = new MetadataTree(g);

  private String text(String path) {
    MetadataReply r = tree.get(path);
    assertEquals(200, r.status(), path);
    return r.bodyText();
  }

  @Test
  void itemsAreTheInstancesOwn() {
    assertEquals("i-aaa", text("/meta-data/instance-id"));
    assertEquals("host-i-aaa", text("/meta-data/hostname"));
    assertEquals("10.77.1.10", text("/meta-data/private-ipv4"));
    assertEquals("00:16:3e:00:00:01", text("/meta-data/mac"));
    assertEquals("vpc", text("/meta-data/network-type"));
    assertEquals("vpc-x", text("/meta-data/vpc-id"));
    assertEquals("10.77.0.0/16", text("/meta-data/vpc-cidr-block"));
    assertEquals("vsw-aaa", text("/meta-data/vswitch-id"));
    assertEquals("10.77.1.0/24", text("/meta-data/vswitch-cidr-block"));
    assertEquals("ecs.t1.small", text("/meta-data/instance/instance-type"));
    assertEquals("name-i-aaa", text("/meta-data/instance/instance-name"));
    assertEquals("100", text("/meta-data/instance/max-netbw-egress"));
    assertEquals("10.77.1.253", text("/meta-data/dns-conf/nameservers"));
    assertEquals("cn-ecsbox", text("/meta-data/region-id"));
    assertEquals("cn-ecsbox-a", text("/meta-data/zone-id"));
    assertEquals(404, tree.get("/meta-data/eipv4").status(), "no EIP");
    assertEquals(404, tree.get("/meta-data/nothing").status());
    assertEquals(404, tree.get("/meta-data/instance-id/more").status());
  }

  @Test
  void directoriesListOneEntryPerLineWithSlashesOnSubDirectories() {
    List<String> top = text("/meta-data/").lines().toList();
    assertEquals(List.of("dns-conf/", "hostname", "image-id", "instance/", "instance-id", "mac", "network/",
        "network-type", "owner-account-id", "private-ipv4", "region-id", "serial-number", "vpc-cidr-block", "vpc-id",
        "vswitch-cidr-block", "vswitch-id", "zone-id"), top);
    assertEquals(text("/meta-data/"), text("/meta-data"));
    assertEquals("macs/", text("/meta-data/network/interfaces/"));
    assertEquals("00:16:3e:00:00:01/", text("/meta-data/network/interfaces/macs/"));
    String nic = "/meta-data/network/interfaces/macs/00:16:3e:00:00:01/";
    assertEquals(List.of("gateway", "netmask", "network-interface-id", "primary-ip-address", "private-ipv4s",
        "vpc-cidr-block", "vpc-id", "vswitch-cidr-block", "vswitch-id"), text(nic).lines().toList());
    assertEquals("[\"10.77.1.10\"]", text(nic + "private-ipv4s"));
    assertEquals("eni-aaa", text(nic + "network-interface-id"));
    assertEquals("255.255.255.0", text(nic + "netmask"));
    assertEquals("10.77.1.253", text(nic + "gateway"));
    assertEquals("dynamic/\nmeta-data/\nuser-data", text(""));
    assertEquals("instance-identity/", text("/dynamic/"));
  }

  @Test
  void allIsTheWholeTreeAsJson() throws Exception {
    MetadataReply r = tree.get("/meta-data/all");
    assertEquals(MetadataReply.JSON, r.contentType());
    JsonNode all = new ObjectMapper().readTree(r.body());
    assertEquals("i-aaa", all.get("instance-id").asText());
    assertEquals("ecs.t1.small", all.at("/instance/instance-type").asText());
    JsonNode nic = all.at("/network/interfaces/macs").get("00:16:3e:00:00:01");
    assertEquals("255.255.255.0", nic.get("netmask").asText());
    assertEquals("10.77.1.10", nic.get("private-ipv4s").get(0).asText());
    assertEquals("10.77.1.253", all.at("/dns-conf/nameservers").asText());
  }

  @Test
  void userDataIsRawAndVendorDataIsNone() {
    MetadataReply r = tree.get("/user-data");
    assertArrayEquals("#!/bin/sh\n".getBytes(StandardCharsets.UTF_8), r.body());
    assertEquals(404, tree.get("/vendor-data").status());
    MetadataTree none =
        new MetadataTree(MetadataFixtures.guest("i-b", "vpc-x", "10.77.1.11", "00:16:3e:00:00:02", null));
    assertEquals(404, none.get("/user-data").status());
    assertEquals("dynamic/\nmeta-data/", none.get("").bodyText());
  }

  @Test
  void publicKeysAsAlibabaServesThem() throws Exception {
    assertEquals(404, tree.get("/meta-data/public-keys/").status(), "no key pair: like any missing path");
    String key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
    GuestMetadata plain = MetadataFixtures.guest("i-k", "vpc-x", "10.77.1.12", "00:16:3e:00:00:03", null);
    MetadataTree keyed = new MetadataTree(new GuestMetadata(plain.instanceId(), plain.hostName(), plain.regionId(),
        plain.zoneId(), plain.imageId(), plain.serialNumber(), plain.ownerAccountId(), plain.instanceType(),
        plain.instanceName(), null, "optional", "enabled", null, plain.nics(), 5,
        new GuestAccess(List.of(key), null)));
    assertEquals("0/", keyed.get("/meta-data/public-keys/").bodyText());
    assertEquals("0/", keyed.get("/meta-data/public-keys").bodyText());
    assertEquals("openssh-key", keyed.get("/meta-data/public-keys/0/").bodyText());
    assertEquals(key, keyed.get("/meta-data/public-keys/0/openssh-key").bodyText());
    assertEquals(404, keyed.get("/meta-data/public-keys/1/openssh-key").status());
    assertEquals(key, new ObjectMapper().readTree(keyed.get("/meta-data/all").body())
        .at("/public-keys/0/openssh-key").asText(), "cloud-init reads meta-data/all first");
  }

  @Test
  void aPasswordIsVendorDataAndUserDataStaysTheUsers() {
    String hash = "$6$abcdefghABCDEFGH$" + "y".repeat(86);
    GuestMetadata plain = MetadataFixtures.guest("i-p", "vpc-x", "10.77.1.13", "00:16:3e:00:00:04", "#!/bin/sh\n");
    MetadataTree t = new MetadataTree(new GuestMetadata(plain.instanceId(), plain.hostName(), plain.regionId(),
        plain.zoneId(), plain.imageId(), plain.serialNumber(), plain.ownerAccountId(), plain.instanceType(),
        plain.instanceName(), plain.userData(), "optional", "enabled", null, plain.nics(), 5,
        new GuestAccess(List.of(), hash)));
    assertEquals(io.ecsbox.host.configdrive.CloudInitUserData.passwordConfig(hash), t.get("/vendor-data").bodyText());
    assertArrayEquals("#!/bin/sh\n".getBytes(StandardCharsets.UTF_8), t.get("/user-data").body());
    assertEquals("dynamic/\nmeta-data/\nuser-data\nvendor-data", t.get("").bodyText());
    assertEquals(404, t.get("/meta-data/public-keys/").status());
  }

  @Test
  void eipAndIdentityDocument() throws Exception {
    GuestMetadata withEip = new GuestMetadata("i-c", "h", "r", "z", "m", "s", "o", "t", "n", null, "optional",
        "enabled", "47.1.2.3", List.of(), 5);
    assertEquals("47.1.2.3", new MetadataTree(withEip).get("/meta-data/eipv4").bodyText());
    JsonNode doc = new ObjectMapper().readTree(tree.get("/dynamic/instance-identity/document").body());
    assertEquals("i-aaa", doc.get("instance-id").asText());
    assertEquals("10.77.1.10", doc.get("private-ipv4").asText());
    assertEquals("1234567890", doc.get("owner-account-id").asText());
  }
}
