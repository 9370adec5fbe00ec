package dev.snoop.ci.exec.kubernetes;

import dev.snoop.ci.exec.Executor;
import dev.snoop.ci.exec.StartRefusedException;
import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.JobState;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.PodResource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each run as a pod named after the run, as Prow's plank does: a pod already there under that
 * name is adopted (an engine that died between creating it and recording that), its phase and exit
 * codes give the run's state, a pod the cluster stopped (evicted, its node lost, phase Unknown) is
 * made again up to 3 times, and the scheduling, pending and running timeouts end the run. Before a
 * run's pod goes, its logs and {@code podinfo.json} are written to the run's build directory.
 */
public final class KubernetesExecutor implements Executor {
  /** The label Prow puts on every pod it makes; only such pods are ever deleted by GC. */
  static final String CREATED_BY_PROW = "created-by-prow";

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesExecutor.class);

  private final KubernetesClient client;
  private final DSLContext sql;
  private final PodReports reports;
  private final Clock clock;

  /**
   * @param sql the database of the runs (the revival count is kept in the run's row)
   * @param buildDirectory a run's build directory, where its logs and podinfo.json go
   */
  public KubernetesExecutor(
      KubernetesClient client, DSLContext sql, Function<JobRun, Path> buildDirectory, Clock clock) {
    this.client = client;
    this.sql = sql;
    this.reports = new PodReports(client, buildDirectory);
    this.clock = clock;
  }

  @Override
  public String name() {
    return "kubernetes";
  }

  @Override
  public String start(JobRun run) {
    Pod pod;
    try {
      pod = RunPods.of(run);
    } catch (IllegalArgumentException e) {
      throw new StartRefusedException("Pod can not be created: " + e.getMessage());
    }
    create(pod);
    return pod.getMetadata().getName();
  }

  @Override
  public Observation observe(JobRun run) {
    Optional<Pod> pod = Optional.ofNullable(pod(run).get());
    if (run.state() == JobState.ABORTED) {
      return stopping(run, pod);
    }
    PodVerdict verdict = PodVerdict.of(run, pod, clock.instant());
    if (verdict instanceof PodVerdict.Running running) {
      return new Observation.Running(running.detail());
    }
    if (verdict instanceof PodVerdict.Finish finish) {
      reports.collect(run, pod.orElseThrow());
      if (finish.deletePod()) {
        delete(run);
      }
      return new Observation.Finished(finish.state(), finish.description());
    }
    if (verdict instanceof PodVerdict.Revive revive) {
      return revive(run, pod.orElseThrow(), revive.cause());
    }
    try {
      create(RunPods.of(run));
    } catch (StartRefusedException e) {
      return new Observation.Finished(JobState.ERROR, e.getMessage());
    }
    LOG.info("pod of run {} ({}) was missing: made it again", run.id(), run.job());
    return new Observation.Running("pod was missing: made again");
  }

  @Override
  public void abort(JobRun run) {
    Pod pod = pod(run).get();
    if (pod == null) {
      return;
    }
    // keep what the pod logged so far: once it is deleted it is gone
    try {
      reports.collect(run, pod);
    } catch (RuntimeException e) {
      LOG.warn("cannot keep the logs of aborted run {}: {}", run.id(), e.getMessage());
    }
    delete(run);
  }

  @Override
  public void cleanUp(JobRun run) {
    if (!run.complete()) {
      // deleting a running run's pod would only make it come back
      LOG.warn("not removing the pod of run {}: the run is not complete", run.id());
      return;
    }
    Pod pod = pod(run).get();
    if (pod == null) {
      return;
    }
    if (!"true".equals(pod.getMetadata().getLabels().get(CREATED_BY_PROW))) {
      LOG.warn("not removing pod {}: it is not labelled {}=true", run.id(), CREATED_BY_PROW);
      return;
    }
    delete(run);
  }

  /** An aborted run is complete once its pod is gone; until then its pod is being deleted. */
  private Observation stopping(JobRun run, Optional<Pod> pod) {
    if (pod.isEmpty()) {
      return new Observation.Finished(JobState.ABORTED, run.description());
    }
    if (pod.get().getMetadata().getDeletionTimestamp() == null) {
      delete(run);
    }
    return new Observation.Running("stopping");
  }

  /**
   * Deletes a pod the cluster stopped, so the next look makes it again, or ends the run once it was
   * made again {@value PodRevivals#MAX} times. The count goes first, so a crash in between counts
   * one revival too many rather than one too few.
   */
  private Observation revive(JobRun run, Pod pod, String cause) {
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      return new Observation.Running("pod " + cause + ": waiting for it to go");
    }
    int revivals = PodRevivals.count(sql, run.id());
    if (revivals >= PodRevivals.MAX) {
      reports.collect(run, pod);
      return new Observation.Finished(
          JobState.ERROR,
          "Job pod reached max revivals ("
              + revivals
              + ") after being stopped unexpectedly ("
              + cause
              + ")");
    }
    if (PodRevivals.increment(sql, run.id(), revivals)) {
      LOG.info("pod of run {} ({}) {}: deleting it to make it again", run.id(), run.job(), cause);
      delete(run);
    }
    return new Observation.Running(
        "pod "
            + cause
            + ": made again (revival "
            + (revivals + 1)
            + " of "
            + PodRevivals.MAX
            + ")");
  }

  private void create(Pod pod) {
    try {
      client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        LOG.info("pod {} exists already: adopting it", pod.getMetadata().getName());
        return;
      }
      if (e.getCode() >= 400 && e.getCode() < 500) {
        throw new StartRefusedException("Pod can not be created: " + e.getMessage());
      }
      throw e;
    }
  }

  private void delete(JobRun run) {
    // a pod already gone is fine: delete answers with an empty list, not an error
    pod(run).delete();
  }

  private PodResource pod(JobRun run) {
    return client.pods().inNamespace(RunPods.namespace(run)).withName(run.id());
  }
}
