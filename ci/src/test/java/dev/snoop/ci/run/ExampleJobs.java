package dev.snoop.ci.run;

import dev.snoop.ci.config.Job;
import dev.snoop.ci.config.JobConfig;
import dev.snoop.ci.config.JobConfigLoader;
import dev.snoop.ci.config.ProwSettings;
import java.nio.file.Path;
import java.util.List;

/** snoop's own jobs from ci/examples, for tests that need a real job. */
public final class ExampleJobs {
  private ExampleJobs() {}

  public static Path directory() {
    String root = System.getProperty("snoop.project.root", "");
    return (root.isBlank() || root.startsWith("${") ? Path.of("..") : Path.of(root))
        .resolve("ci/examples");
  }

  public static JobConfig config() {
    return JobConfigLoader.load(List.of(directory()), ProwSettings.NONE);
  }

  public static Job job(String name) {
    return config().jobs().stream().filter(j -> j.name().equals(name)).findFirst().orElseThrow();
  }
}
