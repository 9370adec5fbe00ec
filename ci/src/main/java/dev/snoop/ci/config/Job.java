package dev.snoop.ci.config;

import io.fabric8.kubernetes.api.model.PodSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * One job of a job config after Prow's defaulting. Fields a job type does not have are empty (a
 * periodic has no repo, context or trigger; only periodics have a schedule). Regular expressions
 * are Go's, compiled with {@link GoRegex}; they are empty only in a config that failed validation.
 *
 * @param repo {@code org/repo} for presubmits and postsubmits
 * @param alwaysRun for a postsubmit, whether it runs on every push: as set, else true when it has
 *     no change filter (Prow's default)
 * @param timeout after which the job is interrupted: {@code decoration_config.timeout}, else Prow's
 *     entrypoint default of 2 hours
 * @param gracePeriod between the interrupt and the kill: {@code decoration_config.grace_period},
 *     else 15 seconds
 * @param decorationConfig the job's decoration_config merged with the defaults of Prow's {@code
 *     plank} config for decorated jobs, as written (snake_case keys)
 * @param queue the job queue it shares with other jobs ({@code job_queue_name}) and that queue's
 *     capacity from {@code plank.job_queue_capacities}
 */
public record Job(
    String name,
    JobType type,
    Optional<String> repo,
    Path file,
    Optional<String> context,
    Optional<String> trigger,
    Optional<String> rerunCommand,
    boolean alwaysRun,
    boolean optional,
    boolean skipReport,
    Optional<String> runIfChanged,
    Optional<String> skipIfOnlyChanged,
    List<String> branches,
    List<String> skipBranches,
    Optional<String> cron,
    Optional<String> interval,
    Optional<String> minimumInterval,
    int maxConcurrency,
    boolean decorate,
    Duration timeout,
    Duration gracePeriod,
    Map<String, String> annotations,
    Map<String, String> labels,
    String agent,
    String cluster,
    Optional<PodSpec> spec,
    ObjectNode decorationConfig,
    Optional<JobQueue> queue,
    Patterns patterns) {

  /** Prow's default timeout of the test process (its entrypoint's). */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(2);

  /** Prow's default time between SIGINT and SIGKILL. */
  public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(15);

  public Job {
    branches = List.copyOf(branches);
    skipBranches = List.copyOf(skipBranches);
    annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
  }

  /**
   * A queue several jobs share: at most {@code capacity} of their runs pending at once (0: none may
   * start, negative: no limit), as Prow's plank counts it.
   */
  public record JobQueue(String name, int capacity) {}

  /**
   * The job's regular expressions, compiled; {@code branches} and {@code skip_branches} joined by
   * {@code |}.
   */
  public record Patterns(
      Optional<Pattern> trigger,
      Optional<Pattern> branches,
      Optional<Pattern> skipBranches,
      Optional<Pattern> changes) {}

  /**
   * Whether the job runs against {@code branch}: skip_branches wins over branches; neither set
   * means all.
   */
  public boolean runsAgainstBranch(String branch) {
    if (branches.isEmpty() && skipBranches.isEmpty()) {
      return true;
    }
    if (!skipBranches.isEmpty() && GoRegex.search(patterns.skipBranches().orElseThrow(), branch)) {
      return false;
    }
    return branches.isEmpty() || GoRegex.search(patterns.branches().orElseThrow(), branch);
  }

  /** Whether run_if_changed or skip_if_only_changed is set. */
  public boolean hasChangeFilter() {
    return runIfChanged.isPresent() || skipIfOnlyChanged.isPresent();
  }

  /** A presubmit that runs only when asked for: not always_run and no change filter. */
  public boolean needsExplicitTrigger() {
    return !alwaysRun && !hasChangeFilter();
  }

  /** Whether a comment asks for this presubmit ({@code /test NAME} by default). */
  public boolean triggerMatches(String comment) {
    return patterns.trigger().map(p -> GoRegex.search(p, comment)).orElse(false);
  }

  /**
   * The changed file that makes the job run: for run_if_changed the first file it matches, for
   * skip_if_only_changed the first file it does not match; empty when none does (or no filter is
   * set).
   */
  public Optional<String> fileThatTriggers(List<String> changedFiles) {
    if (!hasChangeFilter()) {
      return Optional.empty();
    }
    Pattern changes = patterns.changes().orElseThrow();
    boolean runIf = runIfChanged.isPresent();
    return changedFiles.stream().filter(f -> GoRegex.search(changes, f) == runIf).findFirst();
  }

  /** Whether two jobs could run against the same branch (Prow's Brancher.Intersects). */
  public boolean branchesIntersect(Job other) {
    boolean allBranches = branches.isEmpty() && skipBranches.isEmpty();
    boolean otherAll = other.branches.isEmpty() && other.skipBranches.isEmpty();
    if (allBranches || otherAll) {
      return true;
    }
    if (!branches.isEmpty()) {
      if (!other.branches.isEmpty()) {
        return branches.stream().anyMatch(other.branches::contains);
      }
      return branches.stream().anyMatch(other::runsAgainstBranch);
    }
    if (other.branches.isEmpty()) {
      return true; // both only skip some branches
    }
    return other.branchesIntersect(this);
  }
}
