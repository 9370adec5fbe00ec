package dev.snoop.submissions;

import java.util.Objects;
import java.util.Optional;

/**
 * One problem a check found: what is wrong, and in which file when it is about one.
 *
 * @param file the file's path in the submission
 */
public record Finding(Optional<String> file, String message) {
  public Finding {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
  }

  public static Finding of(String message) {
    return new Finding(Optional.empty(), message);
  }

  public static Finding in(String file, String message) {
    return new Finding(Optional.of(file), message);
  }
}
