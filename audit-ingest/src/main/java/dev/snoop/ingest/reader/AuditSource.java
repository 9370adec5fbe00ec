package dev.snoop.ingest.reader;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One audit log to read.
 *
 * @param name how it is named in problems and provenance: the path as given, or the URL
 * @param file the local file to read (for a URL, its downloaded copy)
 */
public record AuditSource(String name, Path file) {
  public AuditSource {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(file, "file");
  }
}
