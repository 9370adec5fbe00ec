package dev.snoop.submissions.source;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One file a submission adds, as a pull request shows it.
 *
 * @param path the path in the k8s-conformance repository, e.g. {@code v1.34/gke/README.md}
 */
public record SubmissionFile(String path, byte[] content) {
  public SubmissionFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(content, "content");
    if (path.isBlank() || path.startsWith("/")) {
      throw new IllegalArgumentException(
          "a submission file path is relative and not empty: " + path);
    }
  }

  public static SubmissionFile of(String path, String content) {
    return new SubmissionFile(path, content.getBytes(StandardCharsets.UTF_8));
  }

  /** The last path segment: {@code README.md}. */
  public String baseName() {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** The folder, {@code .} for a file at the top: {@code v1.34/gke}. */
  public String folder() {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "." : path.substring(0, slash);
  }

  public String text() {
    return new String(content, StandardCharsets.UTF_8);
  }

  public boolean isEmpty() {
    return content.length == 0;
  }

  @Override
  public String toString() {
    return path + " (" + content.length + " bytes)";
  }
}
