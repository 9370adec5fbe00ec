package dev.snoop.submissions.evidence;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an e2e.log says about its run: the version lines a verbose log has ({@code e2e test version:
 * v1.33.0}, {@code kube-apiserver version: v1.33.0+k3s1}), the last {@code Ran N of M Specs} line
 * and the last {@code SUCCESS!}/{@code FAIL!} summary.
 */
public record E2eLog(List<VersionLine> versions, Optional<Ran> ran, Optional<Summary> summary) {
  private static final Pattern VERSION =
      Pattern.compile("(e2e test|kube-apiserver) version: (\\S+)");
  private static final Pattern RAN = Pattern.compile("Ran (\\d+) of (\\d+) Specs");
  private static final Pattern SUMMARY =
      Pattern.compile(
          "(SUCCESS|FAIL)! -- (\\d+) Passed \\| (\\d+) Failed \\| (?:(\\d+) Flaked \\| )?(\\d+)"
              + " Pending \\| (\\d+) Skipped");
  private static final Pattern COLOUR = Pattern.compile("\u001B\\[[0-9;]*m");

  public E2eLog {
    versions = List.copyOf(versions);
  }

  /** A version line: which component, the version as written, and the 1-based line number. */
  public record VersionLine(int line, String component, String version) {}

  public record Ran(int line, int specs, int of) {}

  public record Summary(int line, boolean success, int passed, int failed, String text) {}

  public static E2eLog parse(byte[] content) {
    // ISO-8859-1 keeps every byte and cannot fail; the lines looked for are ASCII.
    String text = new String(content, StandardCharsets.ISO_8859_1);
    List<VersionLine> versions = new ArrayList<>();
    Ran ran = null;
    Summary summary = null;
    int lineNumber = 0;
    int start = 0;
    while (start <= text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      lineNumber++;
      String line = text.substring(start, end);
      if (line.contains(" version: ")) {
        Matcher m = VERSION.matcher(COLOUR.matcher(line).replaceAll(""));
        if (m.find()) {
          versions.add(new VersionLine(lineNumber, m.group(1), m.group(2)));
        }
      } else if (line.contains("Ran ")) {
        Matcher m = RAN.matcher(COLOUR.matcher(line).replaceAll(""));
        if (m.find()) {
          ran = new Ran(lineNumber, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
      } else if (line.contains("! -- ") || line.contains(" Passed ")) {
        String plain = COLOUR.matcher(line).replaceAll("");
        Matcher m = SUMMARY.matcher(plain);
        if (m.find()) {
          summary =
              new Summary(
                  lineNumber,
                  m.group(1).equals("SUCCESS"),
                  Integer.parseInt(m.group(2)),
                  Integer.parseInt(m.group(3)),
                  m.group().strip());
        }
      }
      start = end + 1;
    }
    return new E2eLog(versions, Optional.ofNullable(ran), Optional.ofNullable(summary));
  }
}
