package dev.snoop.db.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The real inputs in {@code ../shared/data}. When {@code SNOOP_SHARED_DATA} is set (CI sets it) the
 * data is required and a missing file fails the test; when it is not set, tests that need the data
 * are skipped if it is absent.
 */
public final class SharedData {
  private SharedData() {}

  /**
   * The file or folder at {@code relative} below the shared data, e.g. {@code openapi/STATS.json}.
   */
  public static Path path(String relative) {
    String configured = System.getProperty("snoop.shared.data", "");
    boolean required = !configured.isBlank() && !configured.startsWith("${");
    Path root = projectRoot().resolve(required ? configured : "../shared/data").normalize();
    Path file = root.resolve(relative);
    if (Files.exists(file)) {
      return file;
    }
    if (required) {
      throw new AssertionError(
          "shared data missing: "
              + file
              + " (SNOOP_SHARED_DATA="
              + configured
              + " is set, so the real inputs are required)");
    }
    Assumptions.abort("shared data not found at " + file + "; set SNOOP_SHARED_DATA to run this");
    throw new AssertionError("unreachable");
  }

  /** The repository's root: the folder with mvnw at or above the working directory. */
  static Path projectRoot() {
    String root = System.getProperty("snoop.project.root", "");
    if (!root.isBlank() && !root.startsWith("${")) {
      return Path.of(root);
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir.getParent() != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    return dir;
  }
}
