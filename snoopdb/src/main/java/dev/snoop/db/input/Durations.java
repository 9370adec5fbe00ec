package dev.snoop.db.input;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them on a command line: {@code 48h}, {@code 2d}, {@code 1h30m}; the one
 * parser for every option that takes one.
 */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d{1,9})([dhms])");

  private Durations() {}

  /**
   * Parses {@code 2d}, {@code 48h}, {@code 1h30m}, {@code 90m}, {@code 45s} or ISO-8601 ({@code
   * PT48H}).
   *
   * @throws InvalidValueException when the text is no duration
   */
  public static Duration parse(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    if (t.startsWith("p")) {
      Duration iso;
      try {
        iso = Duration.parse(t.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw invalid(text);
      }
      if (iso.isNegative()) {
        throw invalid(text);
      }
      return iso;
    }
    Matcher m = PART.matcher(t);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
              });
      end = m.end();
    }
    if (end == 0 || end != t.length()) {
      throw invalid(text);
    }
    return total;
  }

  /** A duration in its two largest units: {@code 2d 4h}, {@code 3h 12m}, {@code 40s}. */
  public static String format(Duration d) {
    long s = Math.max(0, d.getSeconds());
    long days = s / 86400;
    long hours = s % 86400 / 3600;
    long minutes = s % 3600 / 60;
    if (days > 0) {
      return days + "d" + (hours > 0 ? " " + hours + "h" : "");
    }
    if (hours > 0) {
      return hours + "h" + (minutes > 0 ? " " + minutes + "m" : "");
    }
    return minutes > 0 ? minutes + "m" : s + "s";
  }

  private static InvalidValueException invalid(String text) {
    return new InvalidValueException(
        "\"" + text + "\" is not a duration (e.g. 48h, 2d, 1h30m, PT48H)");
  }
}
