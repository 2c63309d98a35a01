package io.ecsbox.api.actions;

import io.ecsbox.api.ApiRequest;
import io.ecsbox.api.Params;
import io.ecsbox.api.errors.EcsException;
import io.ecsbox.common.Validation;
import io.ecsbox.compute.LaunchRequest;
import io.ecsbox.compute.RootPassword;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Turns RunInstances / CreateInstance parameters into a validated {@link LaunchRequest}. */
final class LaunchParams {
  private static final int MAX_USER_DATA = 32 * 1024;
  // Parameters that change on every retry and so are left out of the ClientToken comparison.
  private static final Set<String> VOLATILE = Set.of("Signature", "SignatureNonce", "Timestamp",
      "SignatureMethod", "SignatureVersion", "AccessKeyId", "Format", "SecurityToken");

  private LaunchParams() {}

  static LaunchRequest parse(ApiRequest req, int maxAmount, boolean autoStart) {
    Params p = req.params();
    String image = p.require("ImageId");
    String type = p.require("InstanceType");
    int amount = maxAmount == 1 ? 1 : p.intValue("Amount", 1, 1, maxAmount);
    String name = p.getOrNull("InstanceName");
    checkName(name);
    String host = p.getOrNull("HostName");
    checkHostName(host);
    String desc = p.getOrNull("Description");
    checkDescription(desc);
    String userData = p.getOrNull("UserData");
    checkUserData(userData);
    String token = clientToken(p);
    Integer disk = p.intOrNull("SystemDisk.Size", 1, 65536);
    Map<String, String> tags = p.tags(20);
    LaunchRequest r = new LaunchRequest(req.accountId(), image, type, name, host,
        p.bool("UniqueSuffix", false), desc, userData, disk, p.getOrNull("SystemDisk.Category"), amount,
        autoStart, token, hash(p), p.getOrNull("ZoneId"), tags, p.getOrNull("SystemDisk.PerformanceLevel"),
        dataDisks(p), network(p, autoStart), new LaunchRequest.Access(p.getOrNull("KeyPairName"),
        passwordHash(p)));
    if (p.bool("DryRun", false)) {
      throw EcsException.badRequest("DryRunOperation", "Request validation has been passed with DryRun flag set.");
    }
    return r;
  }

  /** ClientToken, checked: at most 64 printable ASCII characters; null when not given. */
  static String clientToken(Params p) {
    String token = p.getOrNull("ClientToken");
    if (token != null && (token.length() > 64 || !token.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f))) {
      throw EcsException.invalid("ClientToken", "at most 64 ASCII characters");
    }
    return token;
  }

  /** VSwitchId, PrivateIpAddress (CreateInstance: or InnerIpAddress), SecurityGroupId or SecurityGroupIds.N. */
  static LaunchRequest.Network network(Params p, boolean autoStart) {
    List<String> groups = groupIds(p);
    String ip = p.getOrNull("PrivateIpAddress");
    if (ip == null && !autoStart) {
      ip = p.getOrNull("InnerIpAddress");
    }
    int bandwidth = p.intValue("InternetMaxBandwidthOut", 0, 0, 100);
    if (bandwidth > 0 && !autoStart) {
      throw EcsException.badRequest("InvalidParameter.NotSupported", "CreateInstance assigns no public IP; use"
          + " RunInstances with InternetMaxBandwidthOut, or an EIP (AllocateEipAddress, AssociateEipAddress).");
    }
    return new LaunchRequest.Network(p.getOrNull("VSwitchId"), ip, groups, bandwidth, httpTokens(p),
        httpEndpoint(p));
  }

  /** HttpTokens: optional or required; null when not given. */
  static String httpTokens(Params p) {
    return oneOf(p, "HttpTokens", Set.of("optional", "required"));
  }

  /** HttpEndpoint: enabled or disabled; null when not given. */
  static String httpEndpoint(Params p) {
    return oneOf(p, "HttpEndpoint", Set.of("enabled", "disabled"));
  }

  private static String oneOf(Params p, String name, Set<String> values) {
    String v = p.getOrNull(name);
    if (v != null && !values.contains(v)) {
      throw EcsException.invalid(name, "one of " + String.join(", ", new java.util.TreeSet<>(values)));
    }
    return v;
  }

  /** SecurityGroupId or SecurityGroupIds.N (1-5, not both), in order, without repeats. */
  static List<String> groupIds(Params p) {
    List<String> list = new ArrayList<>();
    for (int n = 1; p.has("SecurityGroupIds." + n); n++) {
      list.add(p.require("SecurityGroupIds." + n));
    }
    String one = p.getOrNull("SecurityGroupId");
    if (one != null && !list.isEmpty()) {
      throw EcsException.badRequest("InvalidParameter.Conflict",
          "SecurityGroupId and SecurityGroupIds.N cannot be given together.");
    }
    if (one != null) {
      list.add(one);
    }
    if (!list.isEmpty()) { // none: the VPC's default group
      io.ecsbox.agent.firewall.Nic.checkGroups(list, "the new network interface");
    }
    return list;
  }

  // DataDisk.N.* with N from 1 to 16, in order; a gap ends the list.
  private static java.util.List<io.ecsbox.compute.InstanceDisks.DataDisk> dataDisks(Params p) {
    java.util.List<io.ecsbox.compute.InstanceDisks.DataDisk> out = new java.util.ArrayList<>();
    for (int n = 1; n <= 17; n++) {
      String k = "DataDisk." + n + ".";
      if (!p.has(k + "Size") && !p.has(k + "SnapshotId") && !p.has(k + "Category")) {
        break;
      }
      if (n == 17) {
        throw EcsException.forbidden("InstanceDiskNumber.LimitExceed", "An instance can have at most 16 data disks.");
      }
      out.add(new io.ecsbox.compute.InstanceDisks.DataDisk(p.intOrNull(k + "Size", 1, 65536),
          p.getOrNull(k + "Category"), p.getOrNull(k + "PerformanceLevel"), p.getOrNull(k + "SnapshotId"),
          p.getOrNull(k + "DiskName"), p.getOrNull(k + "Description"), p.bool(k + "DeleteWithInstance", true)));
    }
    return out;
  }

  static void checkName(String name) {
    if (name != null && !Validation.instanceName(name)) {
      throw EcsException.badRequest("InvalidInstanceName.Malformed",
          "The InstanceName must be 2-128 characters, start with a letter, and contain only letters,"
              + " digits, ':', '_', '.', '-'.");
    }
  }

  static void checkHostName(String host) {
    if (host != null && !Validation.hostName(host)) {
      throw EcsException.badRequest("InvalidHostName.Malformed",
          "The HostName must be 2-64 characters of dot-separated letters, digits and single '-'.");
    }
  }

  static void checkDescription(String desc) {
    if (desc != null && !Validation.description(desc)) {
      throw EcsException.badRequest("InvalidDescription.Malformed",
          "The Description must be at most 256 characters and not start with http:// or https://.");
    }
  }

  static void checkUserData(String userData) {
    if (userData == null) {
      return;
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(userData);
    } catch (IllegalArgumentException e) {
      throw EcsException.badRequest("InvalidUserData.Base64FormatInvalid", "The UserData is not valid Base64.");
    }
    if (raw.length > MAX_USER_DATA) {
      throw EcsException.badRequest("InvalidUserData.SizeExceeded", "The UserData is larger than 32 KiB.");
    }
  }

  /**
   * The SHA-512 crypt hash of Password (null when not given), checked against ECS's rules; the
   * plaintext goes no further. PasswordInherit=true (keep the image's own) with a Password is
   * refused, as ECS does.
   */
  static String passwordHash(Params p) {
    String password = p.getOrNull("Password");
    if (password != null && p.bool("PasswordInherit", false)) {
      throw EcsException.badRequest("InvalidParameter.Conflict",
          "Password cannot be given with PasswordInherit=true, which keeps the image's own password.");
    }
    return password == null ? null : RootPassword.hash(password);
  }

  static String hash(Params p) {
    TreeMap<String, String> stable = new TreeMap<>(p.asMap());
    stable.keySet().removeAll(VOLATILE);
    stable.remove("Password"); // no digest of a plaintext password is kept, even in client_tokens
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      stable.forEach((k, v) -> md.update((k + "=" + v + "\n").getBytes(StandardCharsets.UTF_8)));
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
