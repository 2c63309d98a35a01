package io.ecsbox.compute;

import io.ecsbox.agent.ConsoleGate;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One-time console tickets, as ECS's VNC URLs: each opens one console once, within
 * {@link #VALID} of being issued. Kept in memory only: a daemon restart voids them all.
 */
public final class ConsoleTickets implements ConsoleGate {
  /** How long a ticket may wait to be opened (ECS: 15 seconds). */
  public static final Duration VALID = Duration.ofSeconds(15);

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Entry> tickets = new ConcurrentHashMap<>();

  private record Entry(Target target, Instant expires, boolean pageShown) {}

  public ConsoleTickets(Clock clock) {
    this.clock = clock;
  }

  /** A new ticket (32 random bytes, URL-safe Base64) for {@code kind} of {@code instanceId}'s consoles. */
  public String issue(String instanceId, Kind kind) {
    Instant now = clock.instant();
    tickets.values().removeIf(e -> !now.isBefore(e.expires()));
    byte[] b = new byte[32];
    random.nextBytes(b);
    String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    tickets.put(ticket, new Entry(new Target(instanceId, kind), now.plus(VALID), false));
    return ticket;
  }

  @Override
  public Optional<Target> showPage(String ticket) {
    Instant now = clock.instant();
    Entry[] shown = new Entry[1];
    tickets.computeIfPresent(ticket, (k, e) -> {
      if (!e.pageShown() && now.isBefore(e.expires())) {
        shown[0] = e;
        return new Entry(e.target(), e.expires(), true);
      }
      return e;
    });
    return Optional.ofNullable(shown[0]).map(Entry::target);
  }

  @Override
  public Optional<Target> connect(String ticket) {
    Entry e = ticket == null ? null : tickets.remove(ticket);
    return e != null && clock.instant().isBefore(e.expires()) ? Optional.of(e.target()) : Optional.empty();
  }
}
