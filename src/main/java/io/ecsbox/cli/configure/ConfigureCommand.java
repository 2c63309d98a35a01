package io.ecsbox.cli.configure;

import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.client.CliConfigFile;
import io.ecsbox.client.CliConfigFile.Profile;
import io.ecsbox.client.ClientConfig;
import io.ecsbox.client.EcsApiException;
import io.ecsbox.client.EcsClient;
import io.ecsbox.tls.Fingerprint;
import java.io.Console;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ecsbox configure}: writes a profile of the CLI's config file, as {@code aliyun configure}
 * does: asks for what the options do not give (the secret without echo), checks that the
 * endpoint answers DescribeRegions with that key, then saves (mode 0600) and makes it current.
 */
@Command(
    name = "configure",
    mixinStandardHelpOptions = true,
    description = {
      "Write a profile of the CLI's config file ($ECSBOX_CONFIG, else $XDG_CONFIG_HOME/ecsbox/config.json,"
          + " default ~/.config/ecsbox/config.json): endpoint, AccessKeyId, AccessKeySecret and region.",
      "Asks for what the options do not give (Enter keeps the value in brackets; the secret is not"
          + " echoed). Checks that the endpoint answers DescribeRegions with the key before saving;"
          + " the file is mode 0600. --profile NAME writes that profile (default: the current one) and"
          + " makes it current; 'ecsbox configure list' shows them."
    })
public final class ConfigureCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = "--endpoint", paramLabel = "URL", description = "The daemon's API, e.g. https://host:18080.")
  String endpoint;

  @Option(names = "--access-key-id", paramLabel = "ID", description = "The AccessKeyId.")
  String accessKeyId;

  @Option(names = "--access-key-secret", paramLabel = "SECRET",
      description = "The AccessKeySecret (visible in the process list: prefer the prompt).")
  String accessKeySecret;

  @Option(names = "--region", paramLabel = "REGION", description = "The default RegionId (default: local-1).")
  String region;

  @Spec CommandSpec spec;

  public ConfigureCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Map<String, String> env = ctx.env();
    Path home = home(env);
    Path file = CliConfigFile.path(env, home);
    CliConfigFile config = CliConfigFile.read(file);
    String fromEnv = env.getOrDefault("ECSBOX_PROFILE", "").strip();
    String name = ctx.profile() != null ? ctx.profile() : !fromEnv.isEmpty() ? fromEnv : config.current();
    Profile old = config.profile(name).orElse(new Profile(null, null, null, null, null));
    Console console = System.console();
    String url = value(endpoint, "Endpoint", "--endpoint", orDefault(old.endpoint(), ClientConfig.DEFAULT_ENDPOINT),
        console, false);
    String id = value(accessKeyId, "AccessKeyId", "--access-key-id", old.accessKeyId(), console, false);
    String secret = value(accessKeySecret, "AccessKeySecret", "--access-key-secret", old.accessKeySecret(), console, true);
    String regionId = value(region, "RegionId", "--region", orDefault(old.regionId(), EcsClient.DEFAULT_REGION_ID), console, false);
    URI uri = parse(url);
    url = uri.toString(); // host:port saved as the URL it means
    // a pinned fingerprint stays only while the endpoint does
    String fingerprint = url.equals(old.endpoint()) ? old.certificateSha256() : null;
    Set<Fingerprint> trusted = fingerprint == null ? Set.of() : Set.of(Fingerprint.parse(fingerprint));
    ClientConfig candidate = new ClientConfig(uri, id, secret, regionId, "ecsbox configure", trusted,
        ClientConfig.knownEndpoints(env, home));
    try {
      ctx.apiFor(candidate).call("DescribeRegions", Map.of());
    } catch (EcsApiException e) {
      ctx.err().println("Error: " + e.getMessage());
      ctx.err().println("Not saved: " + url + " did not answer DescribeRegions with AccessKeyId " + id + ".");
      return ExitCodes.of(e);
    }
    try {
      config.with(name, new Profile(url, id, secret, regionId, fingerprint)).write(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    ctx.out().println("Saved profile " + name + " (" + url + ", AccessKeyId " + id + ", region " + regionId + ") in "
        + file + "; it is the current profile.");
    return ExitCodes.OK;
  }

  static Path home(Map<String, String> env) {
    String h = env.get("HOME");
    return Path.of(h != null && !h.isBlank() ? h : System.getProperty("user.home"));
  }

  private URI parse(String url) {
    try {
      return ClientConfig.parseEndpoint(url, "--endpoint");
    } catch (EcsApiException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private String value(String given, String what, String flag, String current, Console console, boolean secret) {
    if (given != null && !given.isBlank()) {
      return given.strip();
    }
    if (console == null) {
      if (current != null) {
        return current;
      }
      throw new CommandLine.ParameterException(spec.commandLine(), what + " is needed: give " + flag
          + ", or run ecsbox configure in a terminal to be asked.");
    }
    String shown = current == null ? "" : secret ? mask(current) : current;
    String prompt = what + " [" + shown + "]: ";
    String answer = secret ? new String(orEmpty(console.readPassword("%s", prompt))) : console.readLine("%s", prompt);
    if (answer == null || answer.isBlank()) {
      if (current == null) {
        throw new CommandLine.ParameterException(spec.commandLine(), what + " is needed.");
      }
      return current;
    }
    return answer.strip();
  }

  private static char[] orEmpty(char[] c) {
    return c == null ? new char[0] : c;
  }

  private static String mask(String secret) {
    return secret.length() <= 4 ? "****" : "****" + secret.substring(secret.length() - 4);
  }

  private static String orDefault(String v, String d) {
    return v != null ? v : d;
  }
}
