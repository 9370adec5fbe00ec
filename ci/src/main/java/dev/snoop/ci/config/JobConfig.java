package dev.snoop.ci.config;

import java.util.List;
import java.util.Map;

/**
 * A loaded job config: its jobs after defaulting, every problem found, and the fields the engine
 * accepted without acting on them.
 *
 * @param ignored for each ignored field, the number of jobs (or files, for a file-level field such
 *     as {@code presets}) that set it
 */
public record JobConfig(
    List<Job> jobs, List<Problem> problems, Map<String, Integer> ignored, int files) {
  public JobConfig {
    jobs = List.copyOf(jobs);
    problems = List.copyOf(problems);
    ignored = Map.copyOf(ignored);
  }

  /**
   * The jobs, when the config has no problem.
   *
   * @throws JobConfigException listing every problem otherwise
   */
  public List<Job> validJobs() {
    if (!problems.isEmpty()) {
      throw new JobConfigException(problems);
    }
    return jobs;
  }
}
