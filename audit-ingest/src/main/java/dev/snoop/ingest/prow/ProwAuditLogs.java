package dev.snoop.ingest.prow;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A build and the local copies of its audit logs, in name order (putting rotated files in time
 * order is the reader's job).
 */
public record ProwAuditLogs(ProwBuild build, List<Path> files) {
  public ProwAuditLogs {
    Objects.requireNonNull(build, "build");
    files = List.copyOf(files);
  }
}
