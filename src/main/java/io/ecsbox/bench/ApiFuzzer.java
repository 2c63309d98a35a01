package io.ecsbox.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Hostile calls for an ECS endpoint, the same ones for the same seed. For one action, a batch
 * per {@link Kind}: missing, mistyped, empty, 1 MiB, negative, unicode, NUL, path, shell and SQL
 * values, repeated parameters and JSON lists, half by GET and half by POST. It knows no
 * action's parameters: each call takes one to four names from {@link #NAMES}, the parameters
 * ecsbox's handlers read, so a new action is fuzzed as it is. No call carries a whole valid
 * parameter set (every value is hostile), so none can launch a guest.
 */
public final class ApiFuzzer {
  /** The kinds of hostile input. */
  public enum Kind { MISSING, WRONG_TYPE, EMPTY, OVERSIZED, NEGATIVE, UNICODE, NUL, PATH, SHELL, SQL, DUPLICATE,
    JSON_LIST }

  /**
   * One call: the action, GET or POST, and its parameter pairs in order (a name may repeat;
   * the server keeps the first).
   */
  public record Call(String action, String method, Kind kind, List<Map.Entry<String, String>> params) {
    /** The call for a report, values cut to 40 characters and control characters escaped. */
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(method + " " + action + " [" + kind + "]");
      for (Map.Entry<String, String> p : params) {
        String v = p.getValue();
        String shown = v.length() > 40 ? v.substring(0, 40) + "...(" + v.length() + " chars)" : v;
        sb.append(' ').append(p.getKey()).append("='").append(shown.replace("\0", "\\0").replace("\n", "\\n"))
            .append('\'');
      }
      return sb.toString();
    }
  }

  /** Parameter names the handlers read (the common ones, AccessKeyId and RegionId, aside). */
  static final List<String> NAMES = List.of("AccountId", "AccountName", "AllocationId", "Amount", "Architecture",
      "AutoSnapshotPolicyId", "Bandwidth", "Category", "CidrBlock", "ClientToken", "DeleteAutoSnapshot",
      "DeleteWithInstance", "Description", "DestCidrIp", "Direction", "DiskCategory", "DiskId", "DiskIds",
      "DiskName", "DryRun", "EipAddress", "EventId", "Force", "ForceStop", "HostName", "ImageId", "ImageName",
      "InstanceId", "InstanceId.1", "InstanceIds", "InstanceName", "InstanceType", "InternetMaxBandwidthOut",
      "IpProtocol", "MaxResults", "NetworkInterfaceId", "NetworkInterfaceName", "NewSize", "NextToken", "PageNumber",
      "PageSize", "Password", "Policy", "PortRange", "PrivateIpAddress", "ResourceId", "ResourceType",
      "RetentionDays", "SecurityGroupId", "SecurityGroupIds.1", "SecurityGroupName", "Size", "SnapshotId",
      "SnapshotIds", "SnapshotName", "SourceCidrIp", "SourceGroupId", "Status", "SystemDisk.Category",
      "SystemDisk.Size", "Tag.1.Key", "Tag.1.Value", "TimePoints", "RepeatWeekdays", "Url", "UserData",
      "VSwitchId", "VSwitchName", "VpcId", "VpcName", "ZoneId");
  static final int MIB = 1 << 20;
  // a repeated name's first value; 1 MiB values come one a call (OVERSIZED), as the server promises to read them
  private static final List<Kind> REPEATED = List.of(Kind.WRONG_TYPE, Kind.EMPTY, Kind.NEGATIVE, Kind.UNICODE,
      Kind.NUL, Kind.PATH, Kind.SHELL, Kind.SQL, Kind.JSON_LIST);

  private static final Map<Kind, List<String>> VALUES = Map.ofEntries(
      Map.entry(Kind.WRONG_TYPE, List.of("abc", "1.5", "true", "{}", "[1,2", "0x10", "1e9", "NaN", "yes",
          "99999999999999999999", "i-", "vpc-", "{\"a\":1}")),
      Map.entry(Kind.EMPTY, List.of("", " ", "\t")),
      Map.entry(Kind.NEGATIVE, List.of("-1", "-0", "-2147483648", "-2147483649", "-9223372036854775809", "-1.5")),
      Map.entry(Kind.UNICODE, List.of("名前", "e\u0301\u0301", "\uD83D\uDCA5", "\u202Eevil", "\uFEFFbom",
          "\uD800", "Ω≈ç√", "ｉ－ａｂｃ")),
      Map.entry(Kind.NUL, List.of("\0", "a\0b", "i-abc\0", "\0\0\0\n\r")),
      Map.entry(Kind.PATH, List.of("../../../../etc/passwd", "..", "/", "./x/../../y", "..\\..\\windows",
          "/var/lib/ecsbox/ecsbox.db", "file:///etc/shadow")),
      Map.entry(Kind.SHELL, List.of("$(touch /tmp/ecsbox-fuzz-pwned)", "`id`", "; rm -rf /tmp/x", "| cat /etc/shadow",
          "&& reboot", "\n--help", "-rf", "--conf-file=/etc/passwd", "x' \"y")),
      Map.entry(Kind.SQL, List.of("' OR '1'='1", "\"; DROP TABLE instances; --", "%", "_", "\\", "1; SELECT 1",
          "' UNION SELECT * FROM access_keys --")),
      Map.entry(Kind.JSON_LIST, List.of("[\"a\",\"b\"]", "[]", "[1,{\"a\":2},null]", "[\"../x\"]",
          "[".repeat(5000) + "]".repeat(5000), "[" + "\"i-x\",".repeat(500) + "\"i-y\"]", "[\"\\u0000\"]")));

  private final Random random;

  public ApiFuzzer(long seed) {
    this.random = new Random(seed);
  }

  /** {@code perKind} calls of every kind for {@code action}, GET and POST in turn. */
  public List<Call> batch(String action, int perKind) {
    List<Call> calls = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      for (int i = 0; i < perKind; i++) {
        calls.add(new Call(action, i % 2 == 0 ? "POST" : "GET", kind, params(kind)));
      }
    }
    return calls;
  }

  private List<Map.Entry<String, String>> params(Kind kind) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    if (kind == Kind.MISSING) {
      if (random.nextBoolean()) {
        out.add(Map.entry(name(), "x"));
      }
      return out;
    }
    int n = 1 + random.nextInt(4);
    for (int i = 0; i < n; i++) {
      String name = name();
      switch (kind) {
        case OVERSIZED -> out.add(Map.entry(name, i == 0 ? oversized() : pick(Kind.WRONG_TYPE)));
        case DUPLICATE -> {
          out.add(Map.entry(name, pick(REPEATED.get(random.nextInt(REPEATED.size())))));
          out.add(Map.entry(name, pick(Kind.SQL)));
        }
        default -> out.add(Map.entry(name, pick(kind)));
      }
    }
    return out;
  }

  private String name() {
    return NAMES.get(random.nextInt(NAMES.size()));
  }

  private String pick(Kind kind) {
    List<String> values = VALUES.get(kind);
    return values.get(random.nextInt(values.size()));
  }

  private String oversized() {
    String unit = List.of("x", "i-", "名", "%00", "[\"a\",").get(random.nextInt(5));
    return unit.repeat(MIB / unit.length());
  }
}
