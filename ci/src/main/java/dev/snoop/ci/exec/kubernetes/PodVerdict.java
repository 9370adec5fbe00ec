package dev.snoop.ci.exec.kubernetes;

import dev.snoop.ci.config.GoDuration;
import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.JobState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What a run's pod means for the run, as Prow's plank decides it for a pending ProwJob: the pod's
 * phase, reason, container exit states and age give the run's state and Prow's description.
 */
sealed interface PodVerdict {
  /** Still running or starting: nothing to do. */
  record Running(String detail) implements PodVerdict {}

  /** The run ended; {@code deletePod} when plank deletes the pod too (the timeouts). */
  record Finish(JobState state, String description, boolean deletePod) implements PodVerdict {}

  /** The pod was stopped by the cluster, not by its test: delete it and make it again. */
  record Revive(String cause) implements PodVerdict {}

  /** There is no pod: make it again. */
  record Recreate() implements PodVerdict {}

  /** Prow's {@code plank.pod_unscheduled_timeout} default. */
  Duration UNSCHEDULED_TIMEOUT = Duration.ofMinutes(5);

  /** Prow's {@code plank.pod_pending_timeout} default. */
  Duration PENDING_TIMEOUT = Duration.ofMinutes(10);

  /** Prow's {@code plank.pod_running_timeout} default. */
  Duration RUNNING_TIMEOUT = Duration.ofHours(48);

  /** Set by the kubelet on a pod it evicted. */
  String EVICTED = "Evicted";

  /** Set by the node controller on the pods of a node that stopped answering. */
  String NODE_LOST = "NodeLost";

  /**
   * The verdict on a pending run's pod (empty: there is none), in Prow's order: eviction, a lost
   * node, then the phase; a pod being deleted that no rule above explains was deleted by someone
   * else, and the run is an error.
   */
  static PodVerdict of(JobRun run, Optional<Pod> found, Instant now) {
    if (found.isEmpty()) {
      return new Recreate();
    }
    Pod pod = found.get();
    PodStatus status = Optional.ofNullable(pod.getStatus()).orElseGet(PodStatus::new);
    boolean deleting = pod.getMetadata().getDeletionTimestamp() != null;
    if (EVICTED.equals(status.getReason())) {
      if (run.spec().path("error_on_eviction").asBoolean(false)) {
        return new Finish(JobState.ERROR, "Job pod was evicted by the cluster.", false);
      }
      return new Revive("evicted");
    }
    if (deleting && NODE_LOST.equals(status.getReason())) {
      return new Revive("node lost");
    }
    String phase = Optional.ofNullable(status.getPhase()).orElse("Pending");
    switch (phase) {
      case "Unknown":
        return new Revive("phase Unknown");
      case "Succeeded":
        return allContainersSucceeded(status)
            ? new Finish(JobState.SUCCESS, "Job succeeded.", false)
            : new Finish(
                JobState.ERROR,
                "Pod was in succeeded phase but some containers didn't finish",
                false);
      case "Failed":
        return oomKilled(status)
            .<PodVerdict>map(
                container ->
                    new Finish(
                        JobState.ERROR,
                        "Job pod's container " + container + " was OOM killed.",
                        false))
            .orElseGet(() -> new Finish(JobState.FAILURE, "Job failed.", false));
      case "Pending":
        if (!deleting) {
          Optional<Instant> started = time(status.getStartTime());
          if (started.isEmpty()) {
            Instant created = time(pod.getMetadata().getCreationTimestamp()).orElse(now);
            if (!now.isBefore(created.plus(timeout(run, "pod_unscheduled_timeout")))) {
              return new Finish(JobState.ERROR, "Pod scheduling timeout.", true);
            }
            return new Running("waiting to be scheduled");
          }
          if (!now.isBefore(started.get().plus(timeout(run, "pod_pending_timeout")))) {
            return new Finish(JobState.ERROR, "Pod pending timeout.", true);
          }
          return new Running("pending: " + waitingReason(status).orElse("starting"));
        }
        break;
      case "Running":
        if (!deleting) {
          Optional<Instant> started = time(status.getStartTime());
          if (started.isPresent()
              && !now.isBefore(started.get().plus(timeout(run, "pod_running_timeout")))) {
            return new Finish(JobState.ABORTED, "Pod running timeout.", true);
          }
          return new Running("running");
        }
        break;
      default:
        if (!deleting) {
          return new Running("phase " + phase);
        }
    }
    return new Finish(JobState.ERROR, "Pod got deleted unexpectedly", false);
  }

  /**
   * Prow's {@code didPodSucceed}: every container terminated with exit code 0 and a finish time.
   */
  private static boolean allContainersSucceeded(PodStatus status) {
    List<ContainerStatus> containers =
        Optional.ofNullable(status.getContainerStatuses()).orElse(List.of());
    return !containers.isEmpty()
        && containers.stream()
            .allMatch(
                c ->
                    c.getState() != null
                        && c.getState().getTerminated() != null
                        && Integer.valueOf(0).equals(c.getState().getTerminated().getExitCode())
                        && c.getState().getTerminated().getFinishedAt() != null);
  }

  private static Optional<String> oomKilled(PodStatus status) {
    return Optional.ofNullable(status.getContainerStatuses()).orElse(List.of()).stream()
        .filter(
            c ->
                c.getState() != null
                    && c.getState().getTerminated() != null
                    && "OOMKilled".equals(c.getState().getTerminated().getReason()))
        .map(ContainerStatus::getName)
        .findFirst();
  }

  /** Why a container is not running yet (ErrImagePull, ...), to say why a run is stuck. */
  private static Optional<String> waitingReason(PodStatus status) {
    return Optional.ofNullable(status.getContainerStatuses()).orElse(List.of()).stream()
        .filter(c -> c.getState() != null && c.getState().getWaiting() != null)
        .map(c -> c.getState().getWaiting().getReason())
        .filter(r -> r != null && !r.isBlank())
        .findFirst();
  }

  /** A plank timeout, or the job's {@code decoration_config} override of it. */
  private static Duration timeout(JobRun run, String field) {
    JsonNode value = run.spec().path("decoration_config").path(field);
    if (value.isString()) {
      return GoDuration.parse(value.asString());
    }
    return switch (field) {
      case "pod_unscheduled_timeout" -> UNSCHEDULED_TIMEOUT;
      case "pod_pending_timeout" -> PENDING_TIMEOUT;
      default -> RUNNING_TIMEOUT;
    };
  }

  private static Optional<Instant> time(String rfc3339) {
    return rfc3339 == null || rfc3339.isBlank()
        ? Optional.empty()
        : Optional.of(Instant.parse(rfc3339));
  }
}
