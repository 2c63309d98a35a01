package io.ecsbox.storage.policy;

import io.ecsbox.TestErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ecsbox.api.errors.EcsException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Schedule math in UTC+8 and the parsing of the SDK's JSON arrays. */
class SnapshotScheduleTest {
  private static final List<Integer> EVERY_DAY = List.of(1, 2, 3, 4, 5, 6, 7);

  private static Instant t(String s) {
    return Instant.parse(s);
  }

  @Test
  void parsesStringAndNumberArraysSortedAndUnique() {
    SnapshotSchedule s = SnapshotSchedule.parse("[\"12\", \"0\", \"12\"]", "[7,1]");
    assertEquals(List.of(0, 12), s.timePoints());
    assertEquals(List.of(1, 7), s.repeatWeekdays());
    assertEquals("[\"0\",\"12\"]", s.timePointsJson());
    assertEquals("[\"1\",\"7\"]", s.repeatWeekdaysJson());
    assertEquals(List.of(0, 1), SnapshotSchedule.parseTimePoints("[0,1]"));
    assertEquals(List.of(23), SnapshotSchedule.parseTimePoints("[\" 23 \"]"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"[24]", "[\"-1\"]", "[]", "abc", "[1.5]", "[\"x\"]", "{}", "[[1]]", "[null]", "\"1\""})
  void badTimePointsAreParameterInvalid(String json) {
    EcsException e = TestErrors.thrown(() -> SnapshotSchedule.parseTimePoints(json));
    assertEquals("ParameterInvalid", e.code());
    assertEquals(403, e.httpStatus());
  }

  @ParameterizedTest
  @ValueSource(strings = {"[0]", "[\"8\"]", "[]", "[\"Monday\"]"})
  void badWeekdaysAreParameterInvalid(String json) {
    EcsException e = TestErrors.thrown(() -> SnapshotSchedule.parseRepeatWeekdays(json));
    assertEquals("ParameterInvalid", e.code());
    assertEquals(true, e.getMessage().contains("RepeatWeekdays"), e.getMessage());
  }

  @Test
  void missingArrayIsMissingParameter() {
    assertEquals("MissingParameter",
        TestErrors.thrown(() -> SnapshotSchedule.parse(null, "[1]")).code());
  }

  @Test
  void hoursAndWeekdaysAreReadInUtcPlus8() {
    // Monday 02:00 in UTC+8 is Sunday 18:00 UTC; 2024-05-06 is a Monday.
    SnapshotSchedule mondayTwo = new SnapshotSchedule(List.of(2), List.of(1));
    assertEquals(t("2024-05-05T18:00:00Z"), mondayTwo.next(t("2024-05-05T00:00:00Z")));
    assertEquals(t("2024-05-12T18:00:00Z"), mondayTwo.next(t("2024-05-05T18:00:00Z")));
    // Sunday is 7: Sunday 23:00 UTC+8 is Sunday 15:00 UTC.
    SnapshotSchedule sundayLate = new SnapshotSchedule(List.of(23), List.of(7));
    assertEquals(t("2024-05-05T15:00:00Z"), sundayLate.next(t("2024-05-01T00:00:00Z")));
  }

  @Test
  void dueIsTheSlotBetweenSinceAndNow() {
    SnapshotSchedule mondayTwo = new SnapshotSchedule(List.of(2), List.of(1));
    Instant since = t("2024-05-05T17:00:00Z");
    assertEquals(Optional.empty(), mondayTwo.due(since, t("2024-05-05T17:59:59Z")));
    assertEquals(Optional.of(t("2024-05-05T18:00:00Z")), mondayTwo.due(since, t("2024-05-05T18:00:00Z")));
    assertEquals(Optional.of(t("2024-05-05T18:00:00Z")), mondayTwo.due(since, t("2024-05-05T18:00:30Z")));
    // The slot is handled once since has reached it.
    assertEquals(Optional.empty(), mondayTwo.due(t("2024-05-05T18:00:30Z"), t("2024-05-06T18:00:30Z")));
  }

  @Test
  void catchUpAfterDowntimeIsOneRunForTheLatestSlot() {
    SnapshotSchedule twiceADay = new SnapshotSchedule(List.of(0, 12), EVERY_DAY);
    // Down nine days: 18 slots missed, one run, for 12:00 UTC+8 = 04:00 UTC on the 10th.
    Instant now = t("2024-05-10T05:00:00Z");
    assertEquals(Optional.of(t("2024-05-10T04:00:00Z")), twiceADay.due(t("2024-05-01T00:00:00Z"), now));
    assertEquals(Optional.empty(), twiceADay.due(now, now.plusSeconds(60)));
    assertEquals(t("2024-05-10T16:00:00Z"), twiceADay.next(now));
  }

  @Test
  void weekdaysSkipOtherDays() {
    // Weekdays only at 09:00 UTC+8 (01:00 UTC). Saturday 2024-05-04 and Sunday are skipped.
    SnapshotSchedule weekdays = new SnapshotSchedule(List.of(9), List.of(1, 2, 3, 4, 5));
    assertEquals(t("2024-05-06T01:00:00Z"), weekdays.next(t("2024-05-03T01:00:00Z")));
    assertEquals(Optional.empty(), weekdays.due(t("2024-05-03T01:00:00Z"), t("2024-05-06T00:59:00Z")));
  }
}
