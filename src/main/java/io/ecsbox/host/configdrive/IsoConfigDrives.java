package io.ecsbox.host.configdrive;

import io.ecsbox.host.exec.CommandRunner;
import io.ecsbox.host.files.ImageFiles;
import io.ecsbox.host.configdrive.IsoArgs.Tool;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;
import io.ecsbox.host.files.FileTrees;

/**
 * {@link ConfigDrives} that writes a NoCloud ISO with xorriso (or genisoimage when xorriso
 * is not installed). Side effects: a private stage directory beside the ISO, removed
 * afterwards; {@code ISO.part}, renamed onto the ISO when complete (mode 0600, since user
 * data may hold secrets; libvirt's dynamic ownership hands it to QEMU).
 */
public final class IsoConfigDrives implements ConfigDrives {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String STAGE = ".cidata-"; // a drive's staging directory, beside it
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9._-]*");
  private static final Pattern PLAIN_KEY = Pattern.compile("[a-z][a-z0-9.@-]* [A-Za-z0-9+/]+={0,2}");
  private static final Set<String> YAML_WORDS = Set.of("y", "yes", "n", "no", "true", "false",
      "on", "off", "null");

  private final CommandRunner runner;
  private final Tool tool;

  /** Uses xorriso if it is on the PATH, else genisoimage. */
  public IsoConfigDrives(CommandRunner runner) {
    this(runner, onPath(Tool.XORRISO.binary()) ? Tool.XORRISO : Tool.GENISOIMAGE);
  }

  public IsoConfigDrives(CommandRunner runner, Tool tool) {
    this.runner = runner;
    this.tool = tool;
  }

  /**
   * NoCloud meta-data YAML: {@code instance-id} and {@code local-hostname}, each plain when
   * that is unambiguous, else double-quoted with escapes.
   */
  public static String metaData(String instanceId, String hostname) {
    return metaData(instanceId, hostname, java.util.List.of());
  }

  /**
   * NoCloud meta-data with the guest's OpenSSH public keys as cloud-init reads them: a
   * {@code public-keys:} block list, each key a plain scalar ({@code type base64}); none: no list.
   */
  public static String metaData(String instanceId, String hostname, java.util.List<String> publicKeys) {
    StringBuilder y = new StringBuilder("instance-id: " + yamlScalar(instanceId, "instanceId") + "\n"
        + "local-hostname: " + yamlScalar(hostname, "hostname") + "\n");
    if (!publicKeys.isEmpty()) {
      y.append("public-keys:\n");
      for (String k : publicKeys) {
        y.append("  - ").append(PLAIN_KEY.matcher(k).matches() ? k : yamlScalar(k, "publicKey")).append('\n');
      }
    }
    return y.toString();
  }

  /**
   * NoCloud network-config (version 2): each NIC matched by its MAC and named eth0, eth1, ...
   * in order, with its fixed private address (the same one the vRouter's DHCP hands out). Only
   * the first NIC gets the default route (the vRouter).
   */
  public static String networkConfig(java.util.List<io.ecsbox.agent.NicSpec> nics) {
    StringBuilder y = new StringBuilder("version: 2\nethernets:\n");
    for (int i = 0; i < nics.size(); i++) {
      io.ecsbox.agent.NicSpec n = nics.get(i);
      y.append("  eth").append(i).append(":\n");
      y.append("    match:\n      macaddress: \"").append(n.mac()).append("\"\n");
      y.append("    set-name: eth").append(i).append("\n");
      y.append("    addresses: [\"").append(n.ip()).append('/').append(n.prefix()).append("\"]\n");
      if (i == 0) {
        y.append("    routes:\n      - to: 0.0.0.0/0\n        via: ").append(n.gateway()).append("\n");
      }
    }
    return y.toString();
  }

  @Override
  public void write(Path iso, String metaData, byte[] userData, String networkConfig) {
    Path target = iso.toAbsolutePath();
    Path part = ImageFiles.partOf(target);
    Path stage = null;
    try {
      stage = Files.createTempDirectory(target.getParent(), STAGE); // 0700: user data may be secret
      Files.writeString(stage.resolve("meta-data"), metaData, StandardCharsets.UTF_8);
      Files.write(stage.resolve("user-data"), userData);
      if (networkConfig != null) {
        Files.writeString(stage.resolve("network-config"), networkConfig, StandardCharsets.UTF_8);
      }
      Files.deleteIfExists(part); // xorriso refuses to overwrite; a crash may have left one
      runner.run(IsoArgs.mkisofs(tool, part, stage), TIMEOUT);
      Files.setPosixFilePermissions(part, PosixFilePermissions.fromString("rw-------"));
      ImageFiles.moveIntoPlace(part, target);
    } catch (IOException e) {
      ImageFiles.deleteQuietly(part);
      throw new UncheckedIOException("cannot write config drive " + target, e);
    } catch (RuntimeException | Error e) {
      ImageFiles.deleteQuietly(part);
      throw e;
    } finally {
      deleteTree(stage);
    }
  }

  @Override
  public void remove(Path iso) {
    Path target = iso.toAbsolutePath();
    ImageFiles.deleteQuietly(target);
    ImageFiles.deleteQuietly(ImageFiles.partOf(target));
    if (!Files.isDirectory(target.getParent())) {
      return;
    }
    try (DirectoryStream<Path> stages = Files.newDirectoryStream(target.getParent(), STAGE + "*")) {
      stages.forEach(IsoConfigDrives::deleteTree);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + target.getParent(), e);
    }
  }

  static String yamlScalar(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    if (PLAIN.matcher(value).matches() && !YAML_WORDS.contains(value.toLowerCase())) {
      return value;
    }
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029) {
        sb.append(String.format("\\u%04x", (int) c)); // YAML would fold or break on these
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  private static boolean onPath(String binary) {
    String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, binary))) {
        return true;
      }
    }
    return false;
  }

  private static void deleteTree(Path dir) {
    if (dir == null) {
      return;
    }
    try {
      FileTrees.delete(dir);
    } catch (IOException e) {
      // best effort: a leftover stage dir is hidden and holds only this drive's files
    }
  }
}
