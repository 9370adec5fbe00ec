package dev.snoop.ingest.prow;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Finds a build's audit log files by its job's {@link JobLayout}. */
final class AuditLogFinder {
  /**
   * An audit log, current or rotated, plain or gzipped: {@code kube-apiserver-audit.log}, {@code
   * kube-apiserver-audit.log-20220407-1649311234.gz} (logrotate), {@code audit.log.1.gz}, {@code
   * audit-2022-04-07T21-22-19.123.log} (the API server's own rotation). Not the audit policy file.
   */
  static final Pattern AUDIT_LOG =
      Pattern.compile("(kube-apiserver-)?audit(\\.log([-.][^/]*)?|-[^/]*\\.log(\\.gz)?)");

  private AuditLogFinder() {}

  /** A build's audit logs (relative to the build, in name order) and the layout that found them. */
  record Found(JobLayout layout, List<String> files) {}

  /**
   * @throws AuditLogsNotFoundException when no layout tried finds a file
   */
  static Found find(BuildFiles build) {
    List<JobLayout> layouts = JobLayout.candidates(build.job());
    for (JobLayout layout : layouts) {
      List<String> files = auditLogs(build, layout.auditFolder());
      if (!files.isEmpty()) {
        return new Found(layout, files);
      }
    }
    throw new AuditLogsNotFoundException(
        "no audit logs in build "
            + build.build()
            + " of "
            + build.job()
            + " ("
            + build.url("")
            + "): looked in "
            + layouts.stream()
                .map(l -> l.auditFolder() + " (" + l.name() + " layout)")
                .collect(Collectors.joining(", "))
            + " for files named like kube-apiserver-audit.log or audit.log, rotated or gzipped");
  }

  /** The audit logs in the folders that a folder pattern matches. */
  static List<String> auditLogs(BuildFiles build, String folderPattern) {
    List<String> files = new ArrayList<>();
    for (String folder : folders(build, folderPattern)) {
      for (String file : build.list(folder).files()) {
        if (AUDIT_LOG.matcher(file.substring(folder.length())).matches()) {
          files.add(file);
        }
      }
    }
    files.sort(null);
    return files;
  }

  /** The folders a pattern matches, expanding each segment with "*" by listing its parent. */
  private static List<String> folders(BuildFiles build, String pattern) {
    List<String> folders = List.of("");
    for (String segment : pattern.split("/")) {
      List<String> next = new ArrayList<>();
      if (segment.contains("*")) {
        Pattern glob = glob(segment);
        for (String parent : folders) {
          for (String child : build.list(parent).folders()) {
            String name = child.substring(parent.length()).replaceAll("/+$", "");
            if (glob.matcher(name).matches()) {
              next.add(parent + name + "/");
            }
          }
        }
      } else {
        folders.forEach(parent -> next.add(parent + segment + "/"));
      }
      folders = next;
    }
    return folders;
  }

  private static Pattern glob(String segment) {
    StringBuilder regex = new StringBuilder();
    for (String literal : segment.split("\\*", -1)) {
      if (!regex.isEmpty()) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(literal));
    }
    return Pattern.compile(regex.toString());
  }
}
