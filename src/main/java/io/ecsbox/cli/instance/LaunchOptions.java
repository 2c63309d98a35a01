package io.ecsbox.cli.instance;

import io.ecsbox.cli.common.Params;
import io.ecsbox.cli.common.Tag;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options {@code instance run} and {@code instance create} share, and their mapping to
 * RunInstances/CreateInstance parameters. User data is sent Base64-encoded, as ECS expects.
 */
public final class LaunchOptions {
  @Option(
      names = "--image",
      required = true,
      paramLabel = "IMAGE_ID",
      description = "Image to boot from (see 'ecsbox image list').")
  String imageId;

  @Option(
      names = "--type",
      required = true,
      paramLabel = "TYPE",
      description = "Instance type: vCPUs and memory, e.g. ecs.t5.small"
          + " (see 'ecsbox type list').")
  String type;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "Instance name (need not be unique).")
  String name;

  @Option(
      names = "--hostname",
      paramLabel = "HOSTNAME",
      description = "Host name the guest sets for itself.")
  String hostname;

  @Option(names = "--description", paramLabel = "TEXT", description = "Free-text description.")
  String description;

  @Option(
      names = "--user-data-file",
      paramLabel = "FILE",
      description = "File whose content the guest receives as user data (e.g. a cloud-init"
          + " script). The CLI Base64-encodes it.")
  Path userDataFile;

  @Option(
      names = "--user-data",
      paramLabel = "TEXT",
      description = "User data given inline; use either this or --user-data-file.")
  String userData;

  @Option(
      names = "--key-pair",
      paramLabel = "NAME",
      description = "Key pair whose public key the guest gets (see 'ecsbox keypair list'): in its"
          + " config drive's meta-data and at the metadata service's public-keys/0/openssh-key.")
  String keyPair;

  @Option(
      names = "--password-prompt",
      description = "Ask for the root password (twice, without echo; from stdin's first line when it is"
          + " not a terminal): ECS's rules, 8-30 characters of at least three of upper, lower, digit and"
          + " special. The guest gets it at each start; ecsbox keeps only its SHA-512 crypt hash.")
  boolean passwordPrompt;

  @Option(
      names = "--system-disk-size",
      paramLabel = "GiB",
      description = "Size of the system disk in GiB (default: the image's size).")
  Integer systemDiskSize;

  @Option(
      names = "--system-disk-category",
      paramLabel = "CATEGORY",
      description = "System disk category: cloud_efficiency, cloud_ssd or cloud_essd"
          + " (sets its I/O limits).")
  String systemDiskCategory;

  @Option(names = "--zone", paramLabel = "ZONE_ID", description = "Zone to place it in.")
  String zoneId;

  @Option(
      names = "--vswitch",
      paramLabel = "VSWITCH_ID",
      description = "vSwitch for its primary NIC (default: the zone's default vSwitch, made on"
          + " first use).")
  String vswitchId;

  @Option(
      names = "--private-ip",
      paramLabel = "IP",
      description = "Private IP of its primary NIC; needs --vswitch (default: the next free"
          + " one).")
  String privateIp;

  @Option(
      names = {"--sg", "--security-group"},
      paramLabel = "SG_ID",
      description = "Security group to join; repeat for several, at most 5 (default: the VPC's"
          + " default group).")
  List<String> securityGroups = new ArrayList<>();

  @Option(
      names = "--tag",
      paramLabel = "KEY=VALUE",
      description = "Tag to set on the instance; repeat for several.")
  List<Tag> tags = new ArrayList<>();

  @Option(
      names = "--client-token",
      paramLabel = "TOKEN",
      description = "Idempotency token: retrying with the same token and options creates"
          + " nothing new and answers the same ids.")
  String clientToken;

  /**
   * The request parameters common to RunInstances and CreateInstance.
   *
   * @throws CommandLine.ParameterException when the user-data options clash or the file
   *     cannot be read (exit code 2)
   */
  Params toParams(CommandLine cmd) {
    Params p =
        new Params()
            .put("ImageId", imageId)
            .put("InstanceType", type)
            .put("InstanceName", name)
            .put("HostName", hostname)
            .put("Description", description)
            .put("UserData", encodedUserData(cmd, userDataFile, userData))
            .put("KeyPairName", keyPair)
            .put("Password", passwordPrompt ? PasswordPrompt.read(cmd) : null)
            .put("SystemDisk.Size", systemDiskSize)
            .put("SystemDisk.Category", systemDiskCategory)
            .put("ZoneId", zoneId)
            .put("VSwitchId", vswitchId)
            .put("PrivateIpAddress", privateIp)
            .put("ClientToken", clientToken);
    if (securityGroups.size() == 1) {
      p.put("SecurityGroupId", securityGroups.get(0));
    } else {
      p.repeat("SecurityGroupIds", securityGroups);
    }
    return p.tags(tags);
  }

  /** Base64 of the file or inline text, or null when neither is given. */
  static String encodedUserData(CommandLine cmd, Path file, String inline) {
    if (file != null && inline != null) {
      throw new CommandLine.ParameterException(
          cmd, "Give user data either with --user-data-file or with --user-data, not both.");
    }
    byte[] bytes;
    if (file != null) {
      try {
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        throw new CommandLine.ParameterException(
            cmd, "Cannot read --user-data-file " + file + ": " + e.getMessage());
      }
    } else if (inline != null) {
      bytes = inline.getBytes(StandardCharsets.UTF_8);
    } else {
      return null;
    }
    return Base64.getEncoder().encodeToString(bytes);
  }
}
