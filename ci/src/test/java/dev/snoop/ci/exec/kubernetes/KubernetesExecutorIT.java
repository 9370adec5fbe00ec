package dev.snoop.ci.exec.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.ci.artifacts.Runs;
import dev.snoop.ci.exec.Executor.Observation;
import dev.snoop.ci.run.BuildIds;
import dev.snoop.ci.run.ExampleJobs;
import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.JobState;
import dev.snoop.ci.run.JobStore;
import dev.snoop.ci.run.NewRuns;
import dev.snoop.db.Database;
import dev.snoop.db.testing.MigratedDatabase;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Kubernetes executor against fabric8's mock API server (CRUD) and a real PostgreSQL. */
@ExtendWith(MigratedDatabase.class)
@EnableKubernetesMockClient(crud = true)
class KubernetesExecutorIT {
  private static final String NS = "test-pods";

  KubernetesMockServer server;
  KubernetesClient client;

  private final Database db;
  private final NewRuns newRuns =
      new NewRuns(new BuildIds(Clock.systemUTC(), 1), Clock.systemUTC());
  private final MovableClock clock = new MovableClock(Instant.now());
  @TempDir Path builds;

  KubernetesExecutorIT(Database db) {
    this.db = db;
  }

  private KubernetesExecutor executor;

  @BeforeEach
  void setUp() {
    executor = newExecutor();
  }

  private KubernetesExecutor newExecutor() {
    return new KubernetesExecutor(client, db.dsl(), run -> builds.resolve(run.id()), clock);
  }

  @Test
  void startMakesThePodOfTheRunAsProwDoes() {
    JobRun run = storedRun("ci-snoop-conformance-gate");

    assertThat(executor.start(run)).isEqualTo(run.id());

    Pod pod = pod(run);
    assertThat(pod.getMetadata().getNamespace()).isEqualTo(NS);
    assertThat(pod.getMetadata().getLabels())
        .containsEntry("created-by-prow", "true")
        .containsEntry("prow.k8s.io/id", run.id())
        .containsEntry("prow.k8s.io/build-id", run.buildIdText())
        .containsEntry("prow.k8s.io/job", "ci-snoop-conformance-gate")
        .containsEntry("prow.k8s.io/type", "periodic");
    assertThat(pod.getMetadata().getAnnotations())
        .containsEntry("testgrid-tab-name", "snoop-conformance-gate");
    assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();
    // decorated, default grace period 15 s: 15 x 5/4
    assertThat(pod.getSpec().getTerminationGracePeriodSeconds()).isEqualTo(18L);
    assertThat(pod.getSpec().getContainers()).hasSize(1);
    var test = pod.getSpec().getContainers().get(0);
    assertThat(test.getName()).isEqualTo("test");
    assertThat(test.getCommand()).containsExactly("snoop");
    assertThat(test.getEnv())
        .extracting(e -> e.getName())
        .containsSubsequence("SNOOP_DB_URL", "BUILD_ID", "JOB_NAME", "PROW_JOB_ID")
        .contains("ARTIFACTS");
    assertThat(test.getEnv())
        .filteredOn(e -> e.getName().equals("PROW_JOB_ID"))
        .extracting(e -> e.getValue())
        .containsExactly(run.id());
  }

  @Test
  void anEngineStartedAgainAdoptsThePodAlreadyThere() {
    JobRun run = storedRun("ci-snoop-conformance-gate");
    executor.start(run);
    String uid = pod(run).getMetadata().getUid();

    KubernetesExecutor afterRestart = newExecutor();
    assertThat(afterRestart.start(run)).isEqualTo(run.id());

    assertThat(client.pods().inNamespace(NS).list().getItems()).hasSize(1);
    assertThat(pod(run).getMetadata().getUid()).isEqualTo(uid);
    assertThat(afterRestart.observe(pending(run))).isInstanceOf(Observation.Running.class);
  }

  @Test
  void aPodWhoseContainersAllExitedZeroIsASuccessAndItsLogAndPodInfoAreKept() throws IOException {
    JobRun run = started("ci-snoop-conformance-gate");
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/test-pods/pods/" + run.id() + "/log?container=test")
        .andReturn(200, "gate passed\n")
        .always();
    client
        .v1()
        .events()
        .inNamespace(NS)
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withName(run.id() + ".1")
                .endMetadata()
                .withNewInvolvedObject()
                .withKind("Pod")
                .withName(run.id())
                .withNamespace(NS)
                .endInvolvedObject()
                .withReason("Scheduled")
                .withMessage("Successfully assigned")
                .build())
        .create();
    client
        .v1()
        .events()
        .inNamespace(NS)
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withName("other.1")
                .endMetadata()
                .withNewInvolvedObject()
                .withKind("Pod")
                .withName("other")
                .endInvolvedObject()
                .withReason("Scheduled")
                .build())
        .create();
    setStatus(run, "Succeeded", null, terminated(0, "Completed"));

    Observation seen = executor.observe(run);

    assertThat(seen).isEqualTo(new Observation.Finished(JobState.SUCCESS, "Job succeeded."));
    Path dir = builds.resolve(run.id());
    assertThat(Files.readString(dir.resolve("build-log.txt"))).isEqualTo("gate passed\n");
    JsonNode podInfo = JsonMapper.builder().build().readTree(dir.resolve("podinfo.json").toFile());
    assertThat(podInfo.path("pod").path("metadata").path("name").asString()).isEqualTo(run.id());
    assertThat(podInfo.path("pod").path("status").path("phase").asString()).isEqualTo("Succeeded");
    assertThat(podInfo.path("events")).hasSize(1);
    assertThat(podInfo.path("events").get(0).path("reason").asString()).isEqualTo("Scheduled");
  }

  @Test
  void aSucceededPodWithAContainerThatDidNotFinishIsAnError() {
    JobRun run = started("ci-snoop-conformance-gate");
    setStatus(
        run,
        "Succeeded",
        null,
        new ContainerStatusBuilder()
            .withName("test")
            .withState(new ContainerStateBuilder().withNewRunning().endRunning().build())
            .build());

    assertThat(executor.observe(run))
        .isEqualTo(
            new Observation.Finished(
                JobState.ERROR, "Pod was in succeeded phase but some containers didn't finish"));
  }

  @Test
  void aFailedPodIsAFailure() {
    JobRun run = started("ci-snoop-conformance-gate");
    setStatus(run, "Failed", null, terminated(1, "Error"));

    assertThat(executor.observe(run))
        .isEqualTo(new Observation.Finished(JobState.FAILURE, "Job failed."));
  }

  @Test
  void anOomKilledContainerIsAnErrorNotAFailure() {
    JobRun run = started("ci-snoop-conformance-gate");
    setStatus(run, "Failed", null, terminated(137, "OOMKilled"));

    Observation seen = executor.observe(run);

    assertThat(seen).isInstanceOf(Observation.Finished.class);
    assertThat(((Observation.Finished) seen).state()).isEqualTo(JobState.ERROR);
    assertThat(((Observation.Finished) seen).description()).contains("OOM");
  }

  @Test
  void anEvictedPodIsMadeAgainThreeTimesThenTheRunIsAnError() {
    JobRun run = started("ci-snoop-conformance-gate");
    for (int revival = 1; revival <= 3; revival++) {
      String uid = pod(run).getMetadata().getUid();
      setStatus(run, "Failed", "Evicted", terminated(137, "Error"));

      assertThat(executor.observe(run)).isInstanceOf(Observation.Running.class);
      assertThat(podOrNull(run)).as("the evicted pod is deleted").isNull();
      assertThat(PodRevivals.count(db.dsl(), run.id())).isEqualTo(revival);

      // the next look (by another engine process, too) makes it again
      assertThat(newExecutor().observe(run)).isInstanceOf(Observation.Running.class);
      assertThat(pod(run).getMetadata().getUid()).isNotEqualTo(uid);
    }
    setStatus(run, "Failed", "Evicted", terminated(137, "Error"));

    Observation seen = executor.observe(run);

    assertThat(seen)
        .isEqualTo(
            new Observation.Finished(
                JobState.ERROR,
                "Job pod reached max revivals (3) after being stopped unexpectedly (evicted)"));
  }

  @Test
  void anEvictedPodOfAJobThatAsksForItIsAnError() {
    JobRun stored = storedRun("ci-snoop-conformance-gate");
    var spec = stored.spec().deepCopy();
    spec.put("error_on_eviction", true);
    JobRun run = Runs.withSpec(stored, spec);
    executor.start(run);
    run = pending(run);
    setStatus(run, "Failed", "Evicted", terminated(137, "Error"));

    assertThat(executor.observe(run))
        .isEqualTo(new Observation.Finished(JobState.ERROR, "Job pod was evicted by the cluster."));
    assertThat(podOrNull(run)).isNotNull();
  }

  @Test
  void aPodInPhaseUnknownIsMadeAgain() {
    JobRun run = started("ci-snoop-conformance-gate");
    setStatus(run, "Unknown", null, null);

    assertThat(executor.observe(run)).isInstanceOf(Observation.Running.class);
    assertThat(podOrNull(run)).isNull();
    assertThat(PodRevivals.count(db.dsl(), run.id())).isEqualTo(1);
  }

  @Test
  void aPodNeverScheduledIsAnErrorAfterFiveMinutesAndIsDeleted() {
    JobRun run = started("ci-snoop-conformance-gate");
    setStatus(run, "Pending", null, null);

    clock.moveTo(Instant.now().plus(Duration.ofMinutes(4)));
    assertThat(executor.observe(run)).isInstanceOf(Observation.Running.class);

    clock.moveTo(Instant.now().plus(Duration.ofMinutes(5)).plusSeconds(1));
    assertThat(executor.observe(run))
        .isEqualTo(new Observation.Finished(JobState.ERROR, "Pod scheduling timeout."));
    assertThat(podOrNull(run)).isNull();
  }

  @Test
  void theDecorationConfigOverridesTheSchedulingTimeout() {
    JobRun stored = storedRun("ci-snoop-conformance-gate");
    var spec = stored.spec().deepCopy();
    spec.withObject("decoration_config").put("pod_unscheduled_timeout", "1h");
    JobRun run = Runs.withSpec(stored, spec);
    executor.start(run);
    run = pending(run);
    setStatus(run, "Pending", null, null);

    clock.moveTo(Instant.now().plus(Duration.ofMinutes(30)));
    assertThat(executor.observe(run)).isInstanceOf(Observation.Running.class);
    clock.moveTo(Instant.now().plus(Duration.ofMinutes(61)));
    assertThat(executor.observe(run))
        .isEqualTo(new Observation.Finished(JobState.ERROR, "Pod scheduling timeout."));
  }

  @Test
  void aPodScheduledButPendingForTenMinutesIsAnError() {
    JobRun run = started("ci-snoop-conformance-gate");
    Instant scheduled = Instant.now();
    client
        .pods()
        .inNamespace(NS)
        .withName(run.id())
        .editStatus(
            p -> {
              p.setStatus(
                  new PodStatusBuilder()
                      .withPhase("Pending")
                      .withStartTime(scheduled.toString())
                      .withContainerStatuses(
                          new ContainerStatusBuilder()
                              .withName("test")
                              .withState(
                                  new ContainerStateBuilder()
                                      .withNewWaiting()
                                      .withReason("ImagePullBackOff")
                                      .endWaiting()
                                      .build())
                              .build())
                      .build());
              return p;
            });

    clock.moveTo(scheduled.plus(Duration.ofMinutes(9)));
    assertThat(executor.observe(run))
        .isEqualTo(new Observation.Running("pending: ImagePullBackOff"));
    clock.moveTo(scheduled.plus(Duration.ofMinutes(10)));
    assertThat(executor.observe(run))
        .isEqualTo(new Observation.Finished(JobState.ERROR, "Pod pending timeout."));
    assertThat(podOrNull(run)).isNull();
  }

  @Test
  void aPodBeingDeletedBySomeoneElseIsAnError() {
    JobRun run = started("ci-snoop-conformance-gate");
    Pod pod = pod(run);
    pod.getMetadata().setDeletionTimestamp(Instant.now().toString());
    pod.setStatus(new PodStatusBuilder().withPhase("Running").build());

    // the pod as the API server shows it while it terminates
    assertThat(PodVerdict.of(run, Optional.of(pod), Instant.now()))
        .isEqualTo(new PodVerdict.Finish(JobState.ERROR, "Pod got deleted unexpectedly", false));
  }

  @Test
  void aPodGoneFromAPendingRunIsMadeAgain() {
    JobRun run = started("ci-snoop-conformance-gate");
    client.pods().inNamespace(NS).withName(run.id()).delete();

    assertThat(executor.observe(run))
        .isEqualTo(new Observation.Running("pod was missing: made again"));
    assertThat(podOrNull(run)).isNotNull();
  }

  @Test
  void abortDeletesThePodAndTheAbortedRunIsCompleteOnceItIsGone() {
    JobRun run = started("ci-snoop-conformance-gate");
    JobStore.requestAbort(db.dsl(), run.id(), "Aborted by trigger plugin.");
    JobRun aborted = JobStore.find(db.dsl(), run.id()).orElseThrow();

    executor.abort(aborted);

    assertThat(podOrNull(run)).isNull();
    assertThat(executor.observe(aborted))
        .isEqualTo(new Observation.Finished(JobState.ABORTED, "Aborted by trigger plugin."));
  }

  @Test
  void cleanUpDeletesOnlyThePodsOfCompleteRunsThatProwMade() {
    JobRun running = started("ci-snoop-conformance-gate");
    JobRun done =
        started("ci-snoop-conformance-gate")
            .completed(JobState.SUCCESS, "Job succeeded.", Instant.now());
    JobRun foreign =
        started("ci-snoop-conformance-gate")
            .completed(JobState.SUCCESS, "Job succeeded.", Instant.now());
    client
        .pods()
        .inNamespace(NS)
        .withName(foreign.id())
        .edit(
            p -> {
              p.getMetadata().getLabels().remove("created-by-prow");
              return p;
            });
    JobRun gone =
        storedRun("ci-snoop-conformance-gate")
            .completed(JobState.SUCCESS, "Job succeeded.", Instant.now());

    for (JobRun run : List.of(running, done, foreign, gone)) {
      executor.cleanUp(run);
    }

    assertThat(podOrNull(done)).isNull();
    assertThat(podOrNull(running)).as("a running run's pod stays").isNotNull();
    assertThat(podOrNull(foreign)).as("a pod without created-by-prow=true stays").isNotNull();
  }

  // --- helpers

  private JobRun storedRun(String job) {
    JobRun run =
        newRuns.triggered(ExampleJobs.job(job), Optional.empty(), "kubernetes", Optional.empty());
    JobStore.insert(db.dsl(), run);
    return run;
  }

  private JobRun started(String job) {
    JobRun run = storedRun(job);
    executor.start(run);
    return pending(run);
  }

  private JobRun pending(JobRun run) {
    JobRun pending = run.withState(JobState.PENDING, "Job triggered.");
    JobStore.replace(db.dsl(), run.state(), pending);
    return pending;
  }

  private Pod pod(JobRun run) {
    Pod pod = podOrNull(run);
    assertThat(pod).as("pod of run %s", run.id()).isNotNull();
    return pod;
  }

  private Pod podOrNull(JobRun run) {
    return client.pods().inNamespace(NS).withName(run.id()).get();
  }

  /** Plays the kubelet: the mock server runs no containers. */
  private void setStatus(JobRun run, String phase, String reason, ContainerStatus container) {
    client
        .pods()
        .inNamespace(NS)
        .withName(run.id())
        .editStatus(
            p -> {
              p.setStatus(
                  new PodStatusBuilder()
                      .withPhase(phase)
                      .withReason(reason)
                      .withContainerStatuses(container == null ? List.of() : List.of(container))
                      .build());
              return p;
            });
  }

  private static ContainerStatus terminated(int exitCode, String reason) {
    return new ContainerStatusBuilder()
        .withName("test")
        .withState(
            new ContainerStateBuilder()
                .withNewTerminated()
                .withExitCode(exitCode)
                .withReason(reason)
                .withFinishedAt(Instant.now().toString())
                .endTerminated()
                .build())
        .build();
  }

  /** A clock the test moves. */
  static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void moveTo(Instant instant) {
      now = instant;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
