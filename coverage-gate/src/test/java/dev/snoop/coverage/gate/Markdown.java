package dev.snoop.coverage.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the first GFM table of a Markdown text the way a GFM renderer finds it: a header row, a
 * delimiter row of as many cells, then rows of the same width, each cell unescaped.
 */
final class Markdown {
  private Markdown() {}

  static List<List<String>> firstTable(String markdown) {
    List<String> lines = markdown.lines().toList();
    for (int i = 0; i + 1 < lines.size(); i++) {
      if (lines.get(i).startsWith("|") && lines.get(i + 1).matches("\\|(\\s*:?-{3,}:?\\s*\\|)+")) {
        if (i > 0) {
          assertThat(lines.get(i - 1)).as("a blank line before the table").isEmpty();
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> header = cells(lines.get(i));
        assertThat(cells(lines.get(i + 1))).hasSameSizeAs(header);
        rows.add(header);
        for (int j = i + 2; j < lines.size() && lines.get(j).startsWith("|"); j++) {
          List<String> row = cells(lines.get(j));
          assertThat(row).as(lines.get(j)).hasSameSizeAs(header);
          rows.add(row);
        }
        return rows;
      }
    }
    throw new AssertionError("no table in:\n" + markdown);
  }

  /** The cells of a row, split at unescaped pipes, with backslash escapes removed. */
  private static List<String> cells(String row) {
    assertThat(row).startsWith("|").endsWith("|");
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    for (int k = 1; k < row.length(); k++) {
      char c = row.charAt(k);
      if (c == '\\' && k + 1 < row.length()) {
        cell.append(row.charAt(++k));
      } else if (c == '|') {
        cells.add(cell.toString().strip());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    return cells;
  }
}
