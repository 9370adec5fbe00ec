package dev.snoop.submissions.source;

import dev.snoop.db.input.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A product folder {@code vX.Y/<product>/} read as the pull request that would add it: every file
 * below it, with paths starting at the release folder, one commit.
 */
public final class DirectorySubmission {
  private DirectorySubmission() {}

  /**
   * @param title the PR title; empty for the title the instructions ask for, {@code Conformance
   *     results for vX.Y/<product>}
   */
  public static Submission read(Path productDir, Optional<String> title) {
    Path dir = productDir.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new InputException(
          productDir + ": not a directory (expected a product folder vX.Y/<product>)");
    }
    String product = dir.getFileName().toString();
    String release = dir.getParent() == null ? "" : dir.getParent().getFileName().toString();
    String prefix = release.isEmpty() ? product : release + "/" + product;
    List<SubmissionFile> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        String relative = dir.relativize(file).toString().replace('\\', '/');
        files.add(new SubmissionFile(prefix + "/" + relative, Files.readAllBytes(file)));
      }
    } catch (IOException e) {
      throw new InputException(productDir + ": cannot read: " + e.getMessage(), e);
    }
    return new Submission(
        title.orElse("Conformance results for " + prefix),
        files,
        1,
        SubmissionOrigin.directory(dir.toString()));
  }
}
