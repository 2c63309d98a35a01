package io.ecsbox.cli.instance;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.Api;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.client.EcsApiException;
import io.ecsbox.client.Json;
import io.ecsbox.common.GuestReady;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Watches freshly launched instances until all are Running and, when asked, until each
 * guest printed its ready line on the serial console (read with GetInstanceConsoleOutput,
 * Base64): the tiny image's {@code ECSBOX-READY} line or cloud-init's "finished" line, see
 * {@link GuestReady}.
 */
final class LaunchWatcher {
  private final Api api;
  private final List<String> ids;
  private final boolean checkReady;
  private final Map<String, String> ready = new LinkedHashMap<>();
  private final Map<String, String> failed = new LinkedHashMap<>();
  private int running;

  LaunchWatcher(Api api, List<String> ids, boolean checkReady) {
    this.api = api;
    this.ids = List.copyOf(ids);
    this.checkReady = checkReady;
  }

  /**
   * One round of polling; true when every instance reached the goal or failed (stopped by the
   * host: see {@link #failures}).
   */
  boolean poll() {
    Map<String, InstanceStates.State> states = InstanceStates.of(api, ids);
    running = 0;
    for (String id : ids) {
      InstanceStates.State s = states.get(id);
      if (s != null && s.failed()) {
        failed.put(id, s.failure());
        ready.remove(id);
        continue;
      }
      if (s == null || !"Running".equals(s.status())) {
        continue;
      }
      running++;
      if (checkReady && !ready.containsKey(id)) {
        String line = readyLine(id);
        if (line != null) {
          ready.put(id, line);
        }
      }
    }
    int up = checkReady ? ready.size() : running;
    return up + failed.size() == ids.size();
  }

  /** Progress text, e.g. {@code 12/20 Running, 8 READY, 1 failed}. */
  String summary() {
    String s = running + "/" + ids.size() + " Running";
    s = checkReady ? s + ", " + ready.size() + " READY" : s;
    return failed.isEmpty() ? s : s + ", " + failed.size() + " failed";
  }

  /** The instances the host stopped instead of running, with why ({@code Code: Message}), in launch order. */
  Map<String, String> failures() {
    Map<String, String> ordered = new LinkedHashMap<>();
    ids.stream().filter(failed::containsKey).forEach(id -> ordered.put(id, failed.get(id)));
    return ordered;
  }

  /** READY lines by instance id, in launch order. */
  Map<String, String> readyLines() {
    Map<String, String> ordered = new LinkedHashMap<>();
    ids.stream().filter(ready::containsKey).forEach(id -> ordered.put(id, ready.get(id)));
    return ordered;
  }

  private String readyLine(String id) {
    JsonNode r;
    try {
      r = api.call("GetInstanceConsoleOutput", Map.of("InstanceId", id));
    } catch (EcsApiException e) {
      if (ExitCodes.of(e) == ExitCodes.UNREACHABLE) {
        throw e;
      }
      return null; // console not readable yet (e.g. just started): try again next round
    }
    return findReadyLine(Json.decodeBase64(Json.text(r, "ConsoleOutput")));
  }

  /** Whether some instance is Running but has not printed its ready line (yet). */
  boolean runningNotReady() {
    return checkReady && running > ready.size();
  }

  /** The first ready line, without its line end, or null. */
  static String findReadyLine(String console) {
    return GuestReady.firstLine(console);
  }
}
