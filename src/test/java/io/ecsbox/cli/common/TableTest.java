package io.ecsbox.cli.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TableTest {
  @Test
  void padsColumnsToWidestCellWithoutTrailingSpaces() {
    Table t = new Table("ID", "NAME", "STATUS")
        .row("i-1", "web-server", "Running")
        .row("i-22222", "db", "Stopped");
    assertEquals(
        "ID       NAME        STATUS\n"
            + "i-1      web-server  Running\n"
            + "i-22222  db          Stopped\n",
        t.render());
  }

  @Test
  void nullAndEmptyCellsShowDashAndNewlinesAreFlattened() {
    Table t = new Table("A", "B").row(null, "").row("x\ny", 7);
    assertEquals("A    B\n-    -\nx y  7\n", t.render());
  }

  @Test
  void emptyTableIsJustTheHeader() {
    assertEquals("ID  NAME\n", new Table("ID", "NAME").render());
  }

  @Test
  void rejectsRowsOfTheWrongLength() {
    assertThrows(IllegalArgumentException.class, () -> new Table("A", "B").row("only one"));
  }
}
