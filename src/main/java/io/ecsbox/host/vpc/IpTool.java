package io.ecsbox.host.vpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsbox.common.ServiceException;
import io.ecsbox.host.exec.CommandRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Thin wrapper over iproute2's {@code ip} through the command runner; reads its JSON output. */
final class IpTool {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private final CommandRunner runner;

  IpTool(CommandRunner runner) {
    this.runner = runner;
  }

  /** Runs {@code ip ARGS}; throws CommandException on failure. */
  void ip(String... args) {
    runner.run(argv(null, args), TIMEOUT);
  }

  /** Runs {@code ip -n NETNS ARGS}. */
  void ipIn(String netns, String... args) {
    runner.run(argv(netns, args), TIMEOUT);
  }

  /** Runs a command inside a netns ({@code ip netns exec NETNS CMD…}). */
  void execIn(String netns, String... cmd) {
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", netns));
    argv.addAll(List.of(cmd));
    runner.run(argv, TIMEOUT);
  }

  List<String> netnsNames() {
    List<String> names = new ArrayList<>();
    for (JsonNode n : json(runner.run(List.of("ip", "-j", "netns", "list"), TIMEOUT).stdout())) {
      names.add(n.path("name").asText());
    }
    return names;
  }

  /** The processes running in a named network namespace. */
  List<Integer> netnsPids(String netns) {
    return runner.run(List.of("ip", "netns", "pids", netns), TIMEOUT).stdout().lines().map(String::strip)
        .filter(l -> l.matches("[0-9]+")).map(Integer::parseInt).toList();
  }

  boolean netnsExists(String netns) {
    return netnsNames().contains(netns);
  }

  /** Links of a kind ("bridge", "veth") in the root namespace: name → ifalias ("" if none). */
  Map<String, String> links(String kind) {
    Map<String, String> out = new TreeMap<>();
    String json = runner.run(List.of("ip", "-j", "link", "show", "type", kind), TIMEOUT).stdout();
    for (JsonNode n : json(json)) {
      out.put(n.path("ifname").asText(), n.path("ifalias").asText(""));
    }
    return out;
  }

  /** The ifalias of a link ({@code ""} if none), or null when it does not exist. */
  String linkAlias(String netns, String name) {
    CommandRunner.Result r = runner.runAllowingFailure(argv(netns, "-j", "link", "show", "dev", name), TIMEOUT);
    if (r.exitCode() != 0) {
      if (r.stderr().contains("does not exist") || r.stderr().contains("Cannot find device")) {
        return null;
      }
      throw new io.ecsbox.host.exec.CommandException(argv(netns, "-j", "link", "show", "dev", name), r.exitCode(), r.stderr());
    }
    JsonNode arr = json(r.stdout());
    return arr.size() == 0 ? null : arr.get(0).path("ifalias").asText("");
  }

  private static List<String> argv(String netns, String... args) {
    List<String> argv = new ArrayList<>(List.of("ip"));
    if (netns != null) {
      argv.addAll(List.of("-n", netns));
    }
    argv.addAll(List.of(args));
    return argv;
  }

  private static JsonNode json(String text) {
    if (text.isBlank()) {
      return JSON.createArrayNode();
    }
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw ServiceException.internal("cannot parse ip -j output: " + text, e);
    }
  }
}
