package dev.snoop.ingest.reader;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a file name says about its place in a set of rotated logs: the set (the live file's name)
 * and how old it is. Files of a set are read oldest first:
 *
 * <ol>
 *   <li>backups named with a time, oldest first: kube-apiserver's own rotation (lumberjack, {@code
 *       audit-2024-01-01T00-00-00.000.log}) and logrotate's dateext ({@code audit.log-20240101});
 *   <li>numbered backups, highest number first: {@code audit.log.2}, then {@code audit.log.1};
 *   <li>the live file, {@code audit.log}.
 * </ol>
 *
 * A trailing {@code .gz} is ignored. A set would not mix named and numbered backups; if it does,
 * they are read in this order.
 *
 * @param set the name of the set's live file
 * @param rank 0 for a backup named with a time, 1 numbered, 2 the live file
 * @param stamp the time of a backup, as 17 digits (yyyyMMddHHmmssSSS), else ""
 * @param number the number of a numbered backup, else 0
 */
record RotationName(String set, int rank, String stamp, long number) {
  private static final Pattern LUMBERJACK =
      Pattern.compile("(.+)-(\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}(?:\\.\\d{3})?)(\\.[^.]*)?");
  private static final Pattern DATEEXT = Pattern.compile("(.+)-(\\d{8,14})");
  private static final Pattern NUMBERED = Pattern.compile("(.+)\\.(\\d{1,9})");

  /** Oldest first within a set. */
  static final Comparator<RotationName> OLDEST_FIRST =
      Comparator.comparingInt(RotationName::rank)
          .thenComparing(RotationName::stamp)
          .thenComparing(Comparator.comparingLong(RotationName::number).reversed());

  static RotationName of(String fileName) {
    String name =
        fileName.endsWith(".gz") ? fileName.substring(0, fileName.length() - 3) : fileName;
    Matcher m = LUMBERJACK.matcher(name);
    if (m.matches()) {
      return new RotationName(
          m.group(1) + (m.group(3) == null ? "" : m.group(3)), 0, stamp(m.group(2)), 0);
    }
    m = DATEEXT.matcher(name);
    if (m.matches()) {
      return new RotationName(m.group(1), 0, stamp(m.group(2)), 0);
    }
    m = NUMBERED.matcher(name);
    if (m.matches()) {
      return new RotationName(m.group(1), 1, "", Long.parseLong(m.group(2)));
    }
    return new RotationName(name, 2, "", 0);
  }

  /**
   * Whether a file in a directory is taken as an audit log: its name contains "audit" and its set
   * ends in .log, .json or .jsonl ({@code audit.log}, {@code audit.log.3.gz}, {@code
   * audit-2024-01-01T00-00-00.000.log}, {@code kube-apiserver-audit.json}).
   */
  boolean looksLikeAuditLog(String fileName) {
    String lower = set.toLowerCase();
    return fileName.toLowerCase().contains("audit")
        && (lower.endsWith(".log") || lower.endsWith(".json") || lower.endsWith(".jsonl"));
  }

  private static String stamp(String text) {
    String digits = text.replaceAll("\\D", "");
    return (digits + "0".repeat(17)).substring(0, 17);
  }
}
