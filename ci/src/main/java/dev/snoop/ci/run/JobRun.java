package dev.snoop.ci.run;

import dev.snoop.ci.config.GoDuration;
import dev.snoop.ci.config.Job;
import dev.snoop.ci.config.JobType;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One run of a job, as stored in {@code snoop.prow_job}: Prow's ProwJob, whose spec is fixed when
 * the run is triggered (a later config change does not alter it) and whose status the engine's
 * loops move on.
 *
 * @param id a UUID: the ProwJob's name, the pod's name and the local process's work directory name
 * @param spec the ProwJob's spec as Prow writes it (snake_case), see {@link NewRuns}
 * @param executor local, kubernetes or prow
 * @param owner the engine process that started the pending run and holds it until {@code
 *     leaseUntil}
 */
public record JobRun(
    String id,
    String job,
    JobType type,
    long buildId,
    JobState state,
    Optional<String> context,
    Optional<Refs> refs,
    ObjectNode spec,
    Map<String, String> labels,
    Map<String, String> annotations,
    String executor,
    Instant startTime,
    Optional<Instant> pendingTime,
    Optional<Instant> completionTime,
    String description,
    Optional<String> url,
    Optional<String> podName,
    Map<String, String> prevReportStates,
    Optional<String> owner,
    Optional<Instant> leaseUntil,
    Optional<String> eventGuid) {

  public JobRun {
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    prevReportStates = Collections.unmodifiableMap(new LinkedHashMap<>(prevReportStates));
  }

  /** Prow's "complete": the completion time is set (an aborted run is not until it stopped). */
  public boolean complete() {
    return completionTime.isPresent();
  }

  /** The build id as Prow prints it. */
  public String buildIdText() {
    return Long.toUnsignedString(buildId);
  }

  /** When the test process is interrupted: {@code decoration_config.timeout}, else 2 hours. */
  public Duration timeout() {
    return decorationDuration("timeout").orElse(Job.DEFAULT_TIMEOUT);
  }

  /** Between interrupt and kill: {@code decoration_config.grace_period}, else 15 seconds. */
  public Duration gracePeriod() {
    return decorationDuration("grace_period").orElse(Job.DEFAULT_GRACE_PERIOD);
  }

  /** {@code job_queue_name}: the queue whose capacity it shares with other jobs' runs. */
  public Optional<String> jobQueueName() {
    String queue = spec.path("job_queue_name").asString("");
    return queue.isEmpty() ? Optional.empty() : Optional.of(queue);
  }

  /** {@code max_concurrency}: how many runs of this job may be pending at once, 0 for any. */
  public int maxConcurrency() {
    return spec.path("max_concurrency").asInt(0);
  }

  /** Whether the run reports to GitHub ({@code spec.report}: the job is not skip_report). */
  public boolean reports() {
    return spec.path("report").asBoolean(false);
  }

  /** The same run in another state (the caller stores it). */
  public JobRun withState(JobState newState, String newDescription) {
    return withStatus(newState, newDescription, pendingTime, completionTime, url, podName);
  }

  /**
   * The same run with another status (the caller stores it).
   *
   * @param newPendingTime when it started running
   * @param newCompletionTime when it completed
   */
  public JobRun withStatus(
      JobState newState,
      String newDescription,
      Optional<Instant> newPendingTime,
      Optional<Instant> newCompletionTime,
      Optional<String> newUrl,
      Optional<String> newPodName) {
    return new JobRun(
        id,
        job,
        type,
        buildId,
        newState,
        context,
        refs,
        spec,
        labels,
        annotations,
        executor,
        startTime,
        newPendingTime,
        newCompletionTime,
        newDescription,
        newUrl,
        newPodName,
        prevReportStates,
        owner,
        leaseUntil,
        eventGuid);
  }

  /** The same run, complete: {@code newState} since {@code time}. */
  public JobRun completed(JobState newState, String newDescription, Instant time) {
    return withStatus(newState, newDescription, pendingTime, Optional.of(time), url, podName);
  }

  /** The same run held by {@code newOwner} until {@code until}. */
  public JobRun withLease(String newOwner, Instant until) {
    return new JobRun(
        id,
        job,
        type,
        buildId,
        state,
        context,
        refs,
        spec,
        labels,
        annotations,
        executor,
        startTime,
        pendingTime,
        completionTime,
        description,
        url,
        podName,
        prevReportStates,
        Optional.of(newOwner),
        Optional.of(until),
        eventGuid);
  }

  /** When the test process is interrupted: its timeout after it started running. */
  public Optional<Instant> deadline() {
    return pendingTime.map(t -> t.plus(timeout()));
  }

  private Optional<Duration> decorationDuration(String field) {
    JsonNode value = spec.path("decoration_config").path(field);
    return value.isString() ? Optional.of(GoDuration.parse(value.asString())) : Optional.empty();
  }
}
