package io.ecsbox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ecsbox.common.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The access line's fields, and labels that user text cannot multiply. */
class AccessLogTest {
  @Test
  void theLineHasEveryFieldAndDashesForWhatIsUnknown() {
    assertEquals("request=R1 account=acc-1 action=RunInstances status=200 error=- ms=42",
        AccessLog.line("R1", "acc-1", "RunInstances", 200, null, 42_900_000));
    assertEquals("request=R2 account=- action=- status=400 error=MissingParameter ms=0",
        AccessLog.line("R2", null, null, 400, "MissingParameter", 10));
  }

  @Test
  void anActionIsShownAsSentButCutAndWithoutControlOrSpecialCharacters() {
    // no forged fields: space and = go too
    assertEquals("Describe?Instances?account?x", AccessLog.shown("Describe\nInstances account=x"));
    assertEquals("?nf?", AccessLog.shown("ınf\u0000"));
    assertEquals("A".repeat(64) + "...", AccessLog.shown("A".repeat(65)));
    assertEquals("A".repeat(64), AccessLog.shown("A".repeat(64)));
  }

  @Test
  void onlyServedActionsBecomeLabels() {
    List<String> seen = new ArrayList<>();
    Metrics m = new Metrics() {
      @Override
      public void apiRequest(String action, int status, String errorCode, long nanos) {
        seen.add(action + " " + status + " " + errorCode);
      }
    };
    AccessLog log = new AccessLog(Set.of("DescribeRegions")::contains, m);
    log.finished("R", "a", "DescribeRegions", 200, null, 1);
    log.finished("R", "a", "Nope" + System.nanoTime(), 404, "InvalidAction.NotFound", 1);
    log.finished("R", null, "", 400, "MissingParameter", 1);
    assertEquals(List.of("DescribeRegions 200 null", "unknown 404 InvalidAction.NotFound", "none 400 MissingParameter"),
        seen);
  }
}
