package dev.snoop.ci.artifacts;

import dev.snoop.ci.config.JobType;
import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.Refs;

/**
 * Where Prow puts a build's files in its bucket, with the {@code explicit} path strategy (a
 * presubmit's repository is always {@code <org>_<repo>}): {@code logs/<job>/<build>/} for periodics
 * and postsubmits, {@code pr-logs/pull/<org>_<repo>/<pr>/<job>/<build>/} for presubmits. TestGrid,
 * Spyglass and deck find builds there; the paths are relative to the artifact store's root.
 */
public final class BuildPaths {
  private BuildPaths() {}

  /** The build's directory, without a trailing slash. */
  public static String buildDirectory(JobRun run) {
    return jobDirectory(run) + "/" + run.buildIdText();
  }

  /** The directory of the job's builds, where {@code latest-build.txt} is. */
  public static String jobDirectory(JobRun run) {
    if (run.type() == JobType.PRESUBMIT) {
      Refs refs =
          run.refs().orElseThrow(() -> new IllegalStateException(run.id() + " has no refs"));
      int pull = refs.pull().orElseThrow().number();
      return "pr-logs/pull/" + repoSegment(refs) + "/" + pull + "/" + run.job();
    }
    return "logs/" + run.job();
  }

  /** For presubmits: {@code pr-logs/directory/<job>}, holding a link per build. */
  public static String presubmitDirectory(JobRun run) {
    return "pr-logs/directory/" + run.job();
  }

  /** {@code <org>_<repo>}, a slash inside the repository's name also becoming {@code _}. */
  static String repoSegment(Refs refs) {
    return (refs.org() + "_" + refs.repo()).replace('/', '_');
  }
}
