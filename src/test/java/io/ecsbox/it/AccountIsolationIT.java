package io.ecsbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.bench.DaemonState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Account B cannot reach account A's resources. A makes one of each resource it can make
 * without booting (VPC, vSwitch, security group, ENI, disk, snapshot, auto-snapshot policy,
 * a created, never started instance and an image of it). Then, for every Action the daemon serves
 * (from its registry), B calls with A's ids where {@link #ID_PARAMS} names them, all at once
 * and one at a time, and again with well-formed ids that do not exist: the two answers have
 * the same HTTP status and Code (a 2xx of a Describe or Get action, the same body), and no 2xx answer to B
 * names any of A's ids. Every Describe* as B, unfiltered, shows none of A's ids. A's rows in
 * the store are the same after. AccessKeyId is left out: it is also the signing key's
 * parameter, so "yours" and "no such key" must differ there, as in ECS.
 */
class AccountIsolationIT {
  /** Parameters that carry a resource id, each with the kind of A's resource it gets. */
  private static final Map<String, String> ID_PARAMS = Map.ofEntries(Map.entry("VpcId", "vpc"),
      Map.entry("VSwitchId", "vsw"), Map.entry("SecurityGroupId", "sg"), Map.entry("SourceGroupId", "sg"),
      Map.entry("SecurityGroupIds.1", "sg"), Map.entry("NetworkInterfaceId", "eni"), Map.entry("DiskId", "disk"),
      Map.entry("DiskIds", "[disk]"), Map.entry("SnapshotId", "snapshot"), Map.entry("SnapshotIds", "[snapshot]"),
      Map.entry("ImageId", "image"), Map.entry("InstanceId", "instance"), Map.entry("InstanceId.1", "instance"),
      Map.entry("InstanceIds", "[instance]"), Map.entry("ResourceId", "disk"),
      Map.entry("ResourceId.1", "disk"),
      Map.entry("AutoSnapshotPolicyId", "policy"), Map.entry("AccountId", "account"),
      Map.entry("KeyPairName", "keypair"), Map.entry("KeyPairNames", "[keypair]"));
  /** Values that get past the first checks of the creates, so the id is what decides. */
  private static final Map<String, String> PLAUSIBLE = Map.of("ZoneId", EcsboxHarness.ZONE, "CidrBlock",
      "172.16.9.0/24", "Size", "20", "InstanceType", EcsboxHarness.NANO, "IpProtocol", "tcp", "PortRange", "22/22",
      "SourceCidrIp", "0.0.0.0/0", "ResourceType", "disk", "Tag.1.Key", "k");
  /** Actions that make a resource from no id of anyone's: as B they only make B's own. */
  private static final Set<String> FROM_NOTHING = Set.of("CreateVpc", "CreateAccount", "CreateAccessKey",
      "CreateAutoSnapshotPolicy", "AllocateEipAddress", "ImportImage", "CreateKeyPair", "ImportKeyPair");

  private static EcsboxHarness h;
  private static AccountClient a;
  private static AccountClient b;
  private static final Map<String, String> owned = new LinkedHashMap<>(); // kind -> A's id
  private static int notFound;

  @BeforeAll
  static void start() throws Exception {
    h = EcsboxHarness.start("isolation", List.of(), Map.of("ECSBOX_API_RATE", "0"));
    a = AccountClient.create(h, "iso-a");
    b = AccountClient.create(h, "iso-b");
    owned.put("account", a.accountId());
    owned.put("keypair", "isoakey-q7w3e5r1t9y2u4"); // a key pair is named by its name; its id must not leak either
    owned.put("keypairid", ok(a, "CreateKeyPair", "KeyPairName", owned.get("keypair")).path("KeyPairId").asText());
    owned.put("vpc", ok(a, "CreateVpc", "CidrBlock", "172.16.0.0/16").path("VpcId").asText());
    owned.put("vsw", ok(a, "CreateVSwitch", "VpcId", owned.get("vpc"), "ZoneId", EcsboxHarness.ZONE, "CidrBlock",
        "172.16.1.0/24").path("VSwitchId").asText());
    owned.put("sg", ok(a, "CreateSecurityGroup", "VpcId", owned.get("vpc")).path("SecurityGroupId").asText());
    owned.put("eni", ok(a, "CreateNetworkInterface", "VSwitchId", owned.get("vsw"), "SecurityGroupId",
        owned.get("sg")).path("NetworkInterfaceId").asText());
    owned.put("disk", ok(a, "CreateDisk", "Size", "20").path("DiskId").asText());
    waitFor("DescribeDisks", "DiskIds", owned.get("disk"), "Disks", "Disk", "Available");
    owned.put("snapshot", ok(a, "CreateSnapshot", "DiskId", owned.get("disk")).path("SnapshotId").asText());
    waitFor("DescribeSnapshots", "SnapshotIds", owned.get("snapshot"), "Snapshots", "Snapshot", "accomplished");
    owned.put("policy", ok(a, "CreateAutoSnapshotPolicy", "timePoints", "[\"3\"]", "repeatWeekdays", "[\"1\"]")
        .path("AutoSnapshotPolicyId").asText());
    String instance = ok(a, "CreateInstance", "ImageId", EcsboxHarness.IMAGE_ID, "InstanceType", EcsboxHarness.NANO,
        "VSwitchId", owned.get("vsw"), "SecurityGroupId", owned.get("sg")).path("InstanceId").asText();
    h.track(List.of(instance));
    owned.put("instance", instance);
    waitFor("DescribeInstances", "InstanceIds", instance, "Instances", "Instance", "Stopped");
    owned.put("image", ok(a, "CreateImage", "InstanceId", instance).path("ImageId").asText());
    waitFor("DescribeImages", "ImageId", owned.get("image"), "Images", "Image", "Available");
  }

  @AfterAll
  static void cleanUp() {
    if (h != null) {
      h.close(); // deletes the tracked instance, the scope's bridges, namespaces and chains, and the data dir
    }
  }

  @Test
  void accountBGetsNothingOfAccountA() throws Exception {
    long t0 = System.nanoTime();
    List<String> problems = new ArrayList<>();
    int calls = 0;
    try (DaemonState state = new DaemonState(h.dataDir(), h.networkTag(), EcsboxHarness.LIBVIRT_URI)) {
      String before = rowsOfA(state);
      owned.forEach((kind, id) -> assertTrue(before.contains(id), "the store has no row of A's " + kind));
      for (String action : h.actions()) {
        if (action.startsWith("Describe")) {
          calls++;
          RawApi.Response r = send(b, action, Map.of("PageSize", "50"));
          leaks(action + " (unfiltered)", r, problems);
        }
        if (FROM_NOTHING.contains(action)) {
          continue;
        }
        calls += 2;
        compare(action, "all ids", ids(true), ids(false), problems);
        for (String param : ID_PARAMS.keySet()) {
          calls += 2;
          compare(action, param, Map.of(param, value(param, true)), Map.of(param, value(param, false)), problems);
        }
      }
      assertEquals(before, rowsOfA(state), "A's rows in the store after B's calls");
    }
    System.out.printf("AccountIsolationIT: %d calls as B over %d actions in %d s, %d answered NotFound for A's"
        + " ids, %d problems%n", calls, h.actions().size(), (System.nanoTime() - t0) / 1_000_000_000L, notFound,
        problems.size());
    assertTrue(problems.isEmpty(), String.join("\n", problems));
    assertTrue(notFound > 50, "B's calls reach the lookups of A's ids: " + notFound + " NotFound answers");
  }

  /** B's answer with A's ids and with ids that do not exist: same status and Code; a 2xx names nothing of A's. */
  private static void compare(String action, String what, Map<String, String> theirs, Map<String, String> none,
      List<String> problems) throws Exception {
    RawApi.Response missing = send(b, action, none);
    RawApi.Response foreign = send(b, action, theirs);
    String where = action + " with " + what;
    if (missing.status() != foreign.status() || !String.valueOf(missing.code()).equals(String.valueOf(foreign.code()))) {
      problems.add(where + ": A's ids answer " + foreign.status() + " " + foreign.code() + " (" + message(foreign)
          + "), absent ids " + missing.status() + " " + missing.code() + " (" + message(missing) + ")");
    } else if (foreign.status() == 200 && (action.startsWith("Describe") || action.startsWith("Get"))
        && !withoutRequestId(foreign).equals(withoutRequestId(missing))) {
      problems.add(where + ": Describe bodies differ: " + foreign.body() + " vs " + missing.body());
    }
    if (String.valueOf(foreign.code()).endsWith("NotFound")) {
      notFound++;
    }
    leaks(where, foreign, problems);
  }

  private static void leaks(String where, RawApi.Response r, List<String> problems) {
    if (r.status() >= 300) {
      return; // an error may echo the id it was given
    }
    String body = r.body().toString();
    owned.forEach((kind, id) -> {
      if (body.contains(id)) {
        problems.add(where + ": B's answer names A's " + kind + " " + id + ": " + cut(body));
      }
    });
  }

  /** Every id parameter at once: A's ids, or well-formed ones that do not exist. */
  private static Map<String, String> ids(boolean theirs) {
    Map<String, String> p = new LinkedHashMap<>();
    ID_PARAMS.keySet().forEach(param -> p.put(param, value(param, theirs)));
    return p;
  }

  private static final Map<String, String> ABSENT = new java.util.concurrent.ConcurrentHashMap<>();

  private static String value(String param, boolean theirs) {
    String kind = ID_PARAMS.get(param);
    boolean list = kind.startsWith("[");
    String id = owned.get(list ? kind.substring(1, kind.length() - 1) : kind);
    String v = theirs ? id : ABSENT.computeIfAbsent(id, AccountIsolationIT::absent);
    return list ? "[\"" + v + "\"]" : v;
  }

  /** An id of the same shape as {@code id} that nobody has: its part after the last '-' redrawn. */
  private static String absent(String id) {
    int dash = id.lastIndexOf('-');
    StringBuilder sb = new StringBuilder(id.substring(0, dash + 1));
    for (int i = dash + 1; i < id.length(); i++) {
      sb.append("abcdefghijklmnopqrstuvwxyz0123456789".charAt(ThreadLocalRandom.current().nextInt(36)));
    }
    return sb.toString();
  }

  private static RawApi.Response send(AccountClient who, String action, Map<String, String> extra) throws Exception {
    Map<String, String> p = who.raw().params(action);
    PLAUSIBLE.forEach(p::put);
    p.putAll(extra);
    return who.raw().send(p);
  }

  private static JsonNode ok(AccountClient who, String action, String... kv) throws Exception {
    Map<String, String> p = who.raw().params(action);
    for (int i = 0; i < kv.length; i += 2) {
      p.put(kv[i], kv[i + 1]);
    }
    RawApi.Response r = who.raw().send(p);
    assertEquals(200, r.status(), action + " as A: " + r.body());
    return r.body();
  }

  private static void waitFor(String action, String filter, String id, String list, String item, String status) {
    h.waitUntil(id + " to be " + status, Duration.ofSeconds(120), () -> {
      try {
        String value = filter.endsWith("Ids") ? "[\"" + id + "\"]" : id;
        JsonNode r = action.equals("DescribeImages") // it lists Available images only unless told
            ? ok(a, action, filter, value, "Status", "Creating,Available,CreateFailed") : ok(a, action, filter, value);
        JsonNode first = r.path(list).path(item).path(0);
        return first.path("Status").asText("<absent>");
      } catch (Exception e) {
        return "<" + e.getMessage() + ">";
      }
    }, status::equalsIgnoreCase, null);
  }

  /** The store rows that name A's account or one of its resources. */
  private static String rowsOfA(DaemonState state) {
    return state.store().lines().filter(l -> owned.values().stream().anyMatch(l::contains))
        .collect(Collectors.joining("\n"));
  }

  private static String withoutRequestId(RawApi.Response r) {
    ObjectNode copy = r.body().deepCopy();
    copy.remove("RequestId");
    return copy.toString();
  }

  private static String message(RawApi.Response r) {
    return cut(r.body().path("Message").asText(""));
  }

  private static String cut(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }
}
