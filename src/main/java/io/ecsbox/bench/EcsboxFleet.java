package io.ecsbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.client.EcsApiException;
import io.ecsbox.common.GuestReady;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The density run's guests through ecsbox's API: RunInstances until it answers
 * OperationDenied.NoStock (the admitted capacity), and the reason the scheduler gave, reduced
 * to the resource that ran out. Closing deletes every instance it launched.
 */
final class EcsboxFleet implements Fleet {
  private static final Pattern SHORT = Pattern.compile(
      "need (\\d+) vCPU / (\\d+) MiB, but only (\\d+) vCPU / (\\d+) MiB are free");
  private static final Pattern LIMIT = Pattern.compile("the host's (.+?) \\(\\d+, \\d+ per guest\\)");

  private final BiFunction<String, Map<String, String>, JsonNode> api;
  private final String image;
  private final String type;
  private final List<String> launched = new ArrayList<>();
  private String full;

  EcsboxFleet(BiFunction<String, Map<String, String>, JsonNode> api, String image, String type) {
    this.api = api;
    this.image = image;
    this.type = type;
  }

  @Override
  public String label() {
    return "ecsbox";
  }

  @Override
  public List<String> launch(int n) {
    List<String> ids = new ArrayList<>();
    try {
      ids.addAll(run(n));
    } catch (EcsApiException e) {
      if (!"OperationDenied.NoStock".equals(e.code())) {
        throw e;
      }
      full = bindingLimit(e.getMessage()); // all or nothing: fill what is left one at a time
      try {
        while (ids.size() < n) {
          ids.addAll(run(1));
        }
      } catch (EcsApiException again) {
        if (!"OperationDenied.NoStock".equals(again.code())) {
          throw again;
        }
        full = bindingLimit(again.getMessage());
      }
    }
    return ids;
  }

  private List<String> run(int n) {
    JsonNode r = api.apply("RunInstances", Map.of("ImageId", image, "InstanceType", type,
        "Amount", String.valueOf(n), "InstanceName", "density", "HostName", "density"));
    List<String> ids = new ArrayList<>();
    r.path("InstanceIdSets").path("InstanceIdSet").forEach(x -> ids.add(x.asText()));
    launched.addAll(ids);
    return ids;
  }

  @Override
  public Optional<String> fullBecause() {
    return Optional.ofNullable(full);
  }

  /** The resource a NoStock message says ran out: memory, vcpus, available memory or a kernel limit's name. */
  static String bindingLimit(String message) {
    Matcher m = LIMIT.matcher(message);
    if (m.find()) {
      return m.group(1);
    }
    if (message.contains("memory available now")) {
      return "memory available";
    }
    m = SHORT.matcher(message);
    if (m.find()) {
      return Long.parseLong(m.group(2)) > Long.parseLong(m.group(4)) ? "memory" : "vcpus";
    }
    return message;
  }

  @Override
  public Map<String, Outcome> poll(Collection<String> ids) {
    Map<String, Outcome> out = new LinkedHashMap<>();
    List<String> list = List.copyOf(ids);
    for (int from = 0; from < list.size(); from += 50) {
      Map<String, String> p = new LinkedHashMap<>();
      List<String> batch = list.subList(from, Math.min(list.size(), from + 50));
      for (int i = 0; i < batch.size(); i++) {
        p.put("InstanceId." + (i + 1), batch.get(i));
      }
      p.put("PageSize", "50");
      for (JsonNode s : api.apply("DescribeInstanceStatus", p).path("InstanceStatuses").path("InstanceStatus")) {
        String id = s.path("InstanceId").asText();
        JsonNode reason = s.path("EcsboxStatusReason");
        if ("Stopped".equals(s.path("Status").asText()) && reason.has("Code")) {
          out.put(id, new Outcome(reason.path("Code").asText() + ": " + reason.path("Message").asText()));
        } else if ("Running".equals(s.path("Status").asText()) && GuestReady.isReady(console(id), id)) {
          out.put(id, Outcome.READY);
        }
      }
    }
    return out;
  }

  private String console(String id) {
    String b64 = api.apply("GetInstanceConsoleOutput", Map.of("InstanceId", id)).path("ConsoleOutput").asText();
    return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    for (String id : launched) {
      try {
        api.apply("DeleteInstance", Map.of("InstanceId", id, "Force", "true"));
      } catch (RuntimeException e) {
        // gone already
      }
    }
  }
}
