package io.ecsbox.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.agent.ConsoleGate.Kind;
import io.ecsbox.agent.ConsoleGate.Target;
import io.ecsbox.cli.common.FakeClock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsoleTicketsTest {
  private final FakeClock clock = new FakeClock();
  private final ConsoleTickets tickets = new ConsoleTickets(clock);

  @Test
  void aTicketOpensItsConsoleOnce() {
    String t = tickets.issue("i-abc", Kind.VNC);
    assertTrue(t.matches("[A-Za-z0-9_-]{43}"), t);
    assertEquals(Optional.of(new Target("i-abc", Kind.VNC)), tickets.showPage(t));
    assertEquals(Optional.empty(), tickets.showPage(t), "the page shows once");
    assertEquals(Optional.of(new Target("i-abc", Kind.VNC)), tickets.connect(t));
    assertEquals(Optional.empty(), tickets.connect(t), "the WebSocket opens once");
    assertEquals(Optional.empty(), tickets.showPage(t), "a used ticket shows no page");
  }

  @Test
  void aTicketExpiresAfterFifteenSeconds() {
    String page = tickets.issue("i-abc", Kind.SERIAL);
    String ws = tickets.issue("i-abc", Kind.SERIAL);
    clock.advance(Duration.ofSeconds(14));
    assertEquals(Optional.of(new Target("i-abc", Kind.SERIAL)), tickets.showPage(page));
    clock.advance(Duration.ofSeconds(1));
    assertEquals(Optional.empty(), tickets.connect(page));
    assertEquals(Optional.empty(), tickets.showPage(ws));
    assertEquals(Optional.empty(), tickets.connect(ws));
  }

  @Test
  void unknownTicketsOpenNothingAndTicketsDiffer() {
    assertEquals(Optional.empty(), tickets.connect("nope"));
    assertEquals(Optional.empty(), tickets.connect(null));
    assertEquals(Optional.empty(), tickets.showPage("nope"));
    assertNotEquals(tickets.issue("i-a", Kind.VNC), tickets.issue("i-a", Kind.VNC));
  }
}
