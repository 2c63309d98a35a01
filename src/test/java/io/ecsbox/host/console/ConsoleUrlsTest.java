package io.ecsbox.host.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsoleUrlsTest {
  private static final String T = "JI9y1-CBB7LM66SXU6FxIq1FOfo9kq-xfbZEjk58dqA";

  @Test
  void theProxyFindsTheTicketInItsPath() {
    assertEquals(Optional.of(T), ConsoleProxy.ticket("/websockify/?s=" + T));
    assertEquals(Optional.of(T), ConsoleProxy.ticket("/websockify?s=" + T));
    assertEquals(Optional.of(T), ConsoleProxy.ticket("/websockify/?a=1&s=" + T + "&b=2"));
    assertEquals(Optional.empty(), ConsoleProxy.ticket("/other/?s=" + T));
    assertEquals(Optional.empty(), ConsoleProxy.ticket("/websockify/?s=short"));
    assertEquals(Optional.empty(), ConsoleProxy.ticket("/websockify/?s=" + T + "<"));
    assertEquals(Optional.empty(), ConsoleProxy.ticket(null));
  }

  @Test
  void thePageTakesTheVncUrlEncodedOrNot() {
    String plain = "ws://10.0.0.1:18081/websockify/?s=" + T;
    assertEquals(Optional.of(T), ConsolePages.ticket(plain));
    assertEquals(Optional.of(T), ConsolePages.ticket(URLEncoder.encode(plain, StandardCharsets.UTF_8)));
    assertEquals(Optional.empty(), ConsolePages.ticket("ws://h/websockify/"));
    assertEquals(Optional.empty(), ConsolePages.ticket(null));
  }

  @Test
  void theWebSocketGoesToTheHostTheBrowserUsedAndNoOther() {
    assertEquals("10.0.0.1", ConsolePages.hostOf("10.0.0.1:18080"));
    assertEquals("lab.example", ConsolePages.hostOf("lab.example"));
    assertEquals("[::1]", ConsolePages.hostOf("[::1]:18080"));
    assertEquals("localhost", ConsolePages.hostOf("evil\"</script>:1"));
    assertEquals("localhost", ConsolePages.hostOf(null));
  }
}
