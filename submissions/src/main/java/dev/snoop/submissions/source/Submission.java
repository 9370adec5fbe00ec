package dev.snoop.submissions.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a certification pull request consists of, as the checks see it: its title, the files it adds
 * or changes (with their contents), and how many commits it has. The bot builds one from what
 * GitHub returns; {@link DirectorySubmission} and {@link GitSubmission} build one locally.
 */
public record Submission(
    String title, List<SubmissionFile> files, int commits, SubmissionOrigin origin) {
  public Submission {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(origin, "origin");
    files = List.copyOf(files);
    if (commits < 0) {
      throw new IllegalArgumentException("commits must not be negative");
    }
  }

  /** The same submission with one more file (tests and tools build variants this way). */
  public Submission withFile(SubmissionFile file) {
    List<SubmissionFile> more = new ArrayList<>(files);
    more.add(file);
    return new Submission(title, more, commits, origin);
  }

  public Submission withTitle(String newTitle) {
    return new Submission(newTitle, files, commits, origin);
  }

  public Submission withCommits(int count) {
    return new Submission(title, files, count, origin);
  }
}
