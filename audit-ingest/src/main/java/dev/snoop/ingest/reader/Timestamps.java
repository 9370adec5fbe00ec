package dev.snoop.ingest.reader;

import java.util.Arrays;

/**
 * Parses the RFC 3339 times of audit events ({@code 2025-03-04T06:22:18.819232Z}, Go's MicroTime)
 * to microseconds since the epoch, straight from the parser's characters: java.time would cost more
 * than the rest of an event. An instance remembers the last date and time to the second, which the
 * next event nearly always shares; it is for one thread.
 */
final class Timestamps {
  /** Returned for text that is not an RFC 3339 time. */
  static final long INVALID = Long.MIN_VALUE;

  private static final long MICROS_PER_SECOND = 1_000_000L;

  /** "YYYY-MM-DDTHH:MM:SS", and its seconds since the epoch in the text's own time zone. */
  private static final int PREFIX = 19;

  private final char[] lastPrefix = new char[PREFIX];
  private long lastLocalSeconds = INVALID;

  /**
   * {@code YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)}, the fraction of 1 to 9 digits (truncated to
   * microseconds); 't', 'z' and a space for 'T' are accepted as RFC 3339 allows.
   */
  long micros(char[] c, int off, int len) {
    if (len <= PREFIX) {
      return INVALID;
    }
    long local;
    if (lastLocalSeconds != INVALID && Arrays.equals(c, off, off + PREFIX, lastPrefix, 0, PREFIX)) {
      local = lastLocalSeconds;
    } else {
      local = localSeconds(c, off);
      if (local == INVALID) {
        return INVALID;
      }
      System.arraycopy(c, off, lastPrefix, 0, PREFIX);
      lastLocalSeconds = local;
    }
    return withFractionAndZone(c, off, len, local);
  }

  static long micros(String text) {
    return new Timestamps().micros(text.toCharArray(), 0, text.length());
  }

  /** The date and time to the second at {@code off}, as seconds since the epoch, or INVALID. */
  private static long localSeconds(char[] c, int off) {
    int year = digit(c[off]) * 1000 + digit(c[off + 1]) * 100 + two(c, off + 2);
    int month = two(c, off + 5);
    int day = two(c, off + 8);
    int hour = two(c, off + 11);
    int minute = two(c, off + 14);
    int second = two(c, off + 17);
    char t = c[off + 10];
    if ((year | month | day | hour | minute | second) < 0
        || c[off + 4] != '-'
        || c[off + 7] != '-'
        || (t != 'T' && t != 't' && t != ' ')
        || c[off + 13] != ':'
        || c[off + 16] != ':'
        || month < 1
        || month > 12
        || day < 1
        || day > daysInMonth(year, month)
        || hour > 23
        || minute > 59
        || second > 59) {
      return INVALID;
    }
    return epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second;
  }

  /** Adds the fraction and takes off the zone offset that follow the seconds. */
  private static long withFractionAndZone(char[] c, int off, int len, long localSeconds) {
    int end = off + len;
    int i = off + PREFIX;
    long fraction = 0;
    if (c[i] == '.') {
      int start = ++i;
      while (i < end && c[i] >= '0' && c[i] <= '9') {
        if (i - start < 6) {
          fraction = fraction * 10 + (c[i] - '0');
        }
        i++;
      }
      int digits = i - start;
      if (digits == 0 || digits > 9) {
        return INVALID;
      }
      for (int d = digits; d < 6; d++) {
        fraction *= 10;
      }
    }
    long offsetSeconds;
    if (i == end - 1 && (c[i] == 'Z' || c[i] == 'z')) {
      offsetSeconds = 0;
    } else if (i == end - 6 && (c[i] == '+' || c[i] == '-') && c[i + 3] == ':') {
      int oh = two(c, i + 1);
      int om = two(c, i + 4);
      if ((oh | om) < 0 || oh > 23 || om > 59) {
        return INVALID;
      }
      offsetSeconds = (c[i] == '-' ? -1 : 1) * (oh * 3600L + om * 60L);
    } else {
      return INVALID;
    }
    return (localSeconds - offsetSeconds) * MICROS_PER_SECOND + fraction;
  }

  /** The value of a digit; a large negative number for any other character. */
  private static int digit(char ch) {
    int d = ch - '0';
    return d >= 0 && d <= 9 ? d : -100_000;
  }

  /** The two digits at {@code at}, or a negative number. */
  private static int two(char[] c, int at) {
    return digit(c[at]) * 10 + digit(c[at + 1]);
  }

  private static int daysInMonth(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
  private static long epochDay(int year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yearOfEra = y - era * 400;
    long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097 + dayOfEra - 719_468;
  }
}
