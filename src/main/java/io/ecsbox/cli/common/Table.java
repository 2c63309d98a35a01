package io.ecsbox.cli.common;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table: a header row and rows of cells, each column as wide as its widest
 * cell, two spaces between columns, no trailing spaces. Null cells print as {@code -}.
 */
public final class Table {
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  public Table(String... headers) {
    this.headers = List.of(headers);
  }

  /** Adds a row; it must have one cell per header. */
  public Table row(Object... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException(
          "row has " + cells.length + " cells, table has " + headers.size() + " columns");
    }
    rows.add(Arrays.stream(cells).map(Table::cell).toList());
    return this;
  }

  public int size() {
    return rows.size();
  }

  /** The table as text, one line per row, each ending in a newline. */
  public String render() {
    int[] widths = new int[headers.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = headers.get(i).length();
      for (List<String> r : rows) {
        widths[i] = Math.max(widths[i], r.get(i).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    line(sb, headers, widths);
    rows.forEach(r -> line(sb, r, widths));
    return sb.toString();
  }

  private static void line(StringBuilder sb, List<String> cells, int[] widths) {
    StringBuilder l = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        l.append("  ");
      }
      l.append(cells.get(i));
      l.append(" ".repeat(widths[i] - cells.get(i).length()));
    }
    sb.append(l.toString().stripTrailing()).append('\n');
  }

  private static String cell(Object o) {
    if (o == null) {
      return "-";
    }
    String s = o.toString().replace('\n', ' ').replace('\t', ' ');
    return s.isEmpty() ? "-" : s;
  }
}
