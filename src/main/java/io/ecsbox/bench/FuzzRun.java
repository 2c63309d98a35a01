package io.ecsbox.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Sends {@link ApiFuzzer} batches to one daemon and checks every answer: no HTTP 5xx, every body
 * one an SDK reads (a 2xx JSON object with RequestId, or an error with Code, Message and
 * RequestId), and nothing changed by a refused call.
 *
 * <p>The store (every row, {@link DaemonState#store}) is read before and after every refused
 * call, and every call of a read-only action (Describe*, Get*), and must be equal. Reading the
 * host takes about six commands, too slow for every call: it is read at the start and end of a
 * window and must be equal. A window is one action's batch; a mutating call that succeeds (2xx)
 * closes the window unchecked, and the next starts after it once the store is quiet.
 */
public final class FuzzRun {
  private static final int KEPT_FINDINGS = 50;
  private static final long QUIET_MS = 300;
  private static final long SETTLE_MS = 10_000;

  private final RawCaller caller;
  private final DaemonState state;
  private final ApiFuzzer fuzzer;
  private final long seed;
  private final List<String> findings = new ArrayList<>();
  private final Set<String> succeeded = new LinkedHashSet<>();
  private long calls;
  private long serverErrors;
  private long nonEcs;
  private long changedAfterRefusal;
  private long hostWindows;
  private long hostChanged;

  public FuzzRun(RawCaller caller, DaemonState state, long seed) {
    this.caller = caller;
    this.state = state;
    this.seed = seed;
    this.fuzzer = new ApiFuzzer(seed);
  }

  /** The figures so far; {@code findings} holds the first 50 problems, each with its call. */
  public record Report(long seed, long calls, long serverErrors, long nonEcs, long changedAfterRefusal,
      long hostWindows, long hostChanged, List<String> succeeded, List<String> findings) {
    public boolean clean() {
      return serverErrors == 0 && nonEcs == 0 && changedAfterRefusal == 0 && hostChanged == 0;
    }
  }

  public Report report() {
    return new Report(seed, calls, serverErrors, nonEcs, changedAfterRefusal, hostWindows, hostChanged,
        List.copyOf(succeeded), List.copyOf(findings));
  }

  /** One batch of {@code perKind} calls per kind for {@code action}, checked as the class says. */
  public void fuzz(String action, int perKind) {
    boolean readOnly = action.startsWith("Describe") || action.startsWith("Get");
    String hostBefore = state.host();
    String store = state.store();
    for (ApiFuzzer.Call call : fuzzer.batch(action, perKind)) {
      RawCaller.Answer a = caller.send(call);
      calls++;
      if (a.status() >= 500) {
        serverErrors++;
        find("HTTP " + a.status(), call, a);
      } else if (!a.ecsShaped()) {
        nonEcs++;
        find("not an ECS answer", call, a);
      }
      boolean refused = a.status() >= 400 || a.status() == 0;
      if (refused || readOnly) {
        String after = state.store();
        if (!after.equals(store)) {
          changedAfterRefusal++;
          find("store changed by a " + (refused ? "refused" : "read-only") + " call:" + diff(store, after), call, a);
          store = after;
        }
      } else {
        succeeded.add(action);
        store = settledStore();
        hostBefore = state.host(); // the host may rightly differ now: the window restarts after the change
      }
    }
    hostWindows++;
    String hostAfter = state.host();
    if (!hostAfter.equals(hostBefore)) {
      hostChanged++;
      record("host objects changed during refused calls of " + action + ":" + diff(hostBefore, hostAfter));
    }
  }

  // the store once two reads QUIET_MS apart agree: work a successful call started has landed
  private String settledStore() {
    long deadline = System.nanoTime() + SETTLE_MS * 1_000_000;
    String last = state.store();
    while (System.nanoTime() < deadline) {
      sleep(QUIET_MS);
      String now = state.store();
      if (now.equals(last)) {
        return now;
      }
      last = now;
    }
    return last;
  }

  private void find(String what, ApiFuzzer.Call call, RawCaller.Answer a) {
    record(what + "\n    call: " + call + "\n    answer: " + a);
  }

  private void record(String finding) {
    if (findings.size() < KEPT_FINDINGS) {
      findings.add(finding);
    }
  }

  /** Lines only in {@code before} (-) and only in {@code after} (+), at most 20. */
  static String diff(String before, String after) {
    List<String> a = before.lines().toList();
    List<String> b = after.lines().toList();
    List<String> out = new ArrayList<>();
    a.stream().filter(l -> !b.contains(l)).forEach(l -> out.add("- " + l));
    b.stream().filter(l -> !a.contains(l)).forEach(l -> out.add("+ " + l));
    return "\n      " + String.join("\n      ", out.subList(0, Math.min(20, out.size())));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
