package dev.snoop.db.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL examples of {@code docs/queries.md}, so the tests run exactly what the page shows: each
 * {@code ```sql} block with the {@code ## } section it is in and, when a {@code ```text} block
 * follows it directly, the error that block shows (psql's {@code ERROR:} and {@code HINT:} lines).
 */
public final class QueryDoc {
  private static final Path DOC = Path.of("docs/queries.md");
  private static final Pattern BLOCK =
      Pattern.compile(
          "(?m)^## ([^\\n]+)$|```sql\\n(.*?)```(\\s*```text\\n(.*?)```)?", Pattern.DOTALL);

  /**
   * One query of the page.
   *
   * @param section the {@code ## } heading above it, "" before the first
   * @param sql the query, without its final semicolon
   * @param error the message it must fail with, null when it must succeed
   * @param hint the hint of that error, null when none is shown
   */
  public record Example(String section, String sql, String error, String hint) {}

  private QueryDoc() {}

  /** Every example of the page, in order. */
  public static List<Example> examples() {
    String text;
    Path doc = SharedData.projectRoot().resolve(DOC);
    try {
      text = Files.readString(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Example> examples = new ArrayList<>();
    String section = "";
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      if (m.group(1) != null) {
        section = m.group(1).strip();
        continue;
      }
      String sql = m.group(2).strip().replaceAll(";$", "");
      String shown = m.group(4);
      examples.add(new Example(section, sql, line(shown, "ERROR:"), line(shown, "HINT:")));
    }
    return examples;
  }

  /** The examples of one section. */
  public static List<Example> section(String heading) {
    List<Example> in = examples().stream().filter(e -> e.section().equals(heading)).toList();
    if (in.isEmpty()) {
      throw new AssertionError(DOC + " has no queries under \"## " + heading + "\"");
    }
    return in;
  }

  private static String line(String shown, String prefix) {
    if (shown == null) {
      return null;
    }
    return shown
        .lines()
        .filter(l -> l.startsWith(prefix))
        .map(l -> l.substring(prefix.length()).strip())
        .findFirst()
        .orElse(null);
  }
}
