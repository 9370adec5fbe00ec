package dev.snoop.ci.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing wrong with a job config: the file, the job (absent for a problem of the file itself)
 * and the field (absent for a problem of the whole job).
 */
public record Problem(Path file, Optional<String> job, Optional<String> field, String message) {
  public Problem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  static Problem ofFile(Path file, String message) {
    return new Problem(file, Optional.empty(), Optional.empty(), message);
  }

  static Problem ofJob(Path file, String job, String message) {
    return new Problem(file, Optional.of(job), Optional.empty(), message);
  }

  static Problem ofField(Path file, String job, String field, String message) {
    return new Problem(file, Optional.ofNullable(job), Optional.of(field), message);
  }

  /** {@code FILE: job NAME: FIELD: message}, leaving out what is absent. */
  @Override
  public String toString() {
    return file
        + job.map(j -> ": job " + j).orElse("")
        + field.map(f -> ": " + f).orElse("")
        + ": "
        + message;
  }
}
