package dev.snoop.ci.engine;

import dev.snoop.ci.config.Job;
import dev.snoop.ci.config.JobConfigLoader;
import dev.snoop.ci.config.ProwSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Jobs from a job config written in the test. */
final class TestJobs {
  private TestJobs() {}

  static List<Job> load(String yaml) {
    try {
      Path file = Files.createTempFile("snoop-jobs", ".yaml");
      Files.writeString(file, yaml);
      try {
        return JobConfigLoader.load(List.of(file), ProwSettings.NONE).validJobs();
      } finally {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Job job(List<Job> jobs, String name) {
    return jobs.stream().filter(j -> j.name().equals(name)).findFirst().orElseThrow();
  }

  /** A periodic (or any job) with a trivial container. */
  static String periodic(String name, String schedule, String extra) {
    return "- name: "
        + name
        + "\n  "
        + schedule
        + "\n"
        + extra
        + "  spec:\n    containers:\n    - image: busybox\n      command: [\"true\"]\n";
  }
}
