package dev.snoop.web.jobs;

import static dev.snoop.db.jooq.snoop.Tables.PROW_JOB;

import dev.snoop.ci.artifacts.ArtifactStore;
import dev.snoop.ci.artifacts.Runs;
import dev.snoop.ci.run.BuildIds;
import dev.snoop.ci.run.ExampleJobs;
import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.JobState;
import dev.snoop.ci.run.JobStore;
import dev.snoop.ci.run.NewRuns;
import dev.snoop.db.Database;
import dev.snoop.db.testing.SharedData;
import dev.snoop.web.ApiToken;
import dev.snoop.web.ServerOptions;
import dev.snoop.web.WebServer;
import dev.snoop.web.page.PageRoutes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Runs of snoop's example jobs in every state, stored in a test database, with their builds written
 * through the artifact store as the engine writes them, and a server with the job routes on them:
 *
 * <ul>
 *   <li>the gate: a failed build (the real JUnit of a prow.k8s.io run, a build log, metadata) and a
 *       newer successful one without JUnit;
 *   <li>the verifier on a pull request: running;
 *   <li>an ingest job with max_concurrency 1: one running, two queued behind it.
 * </ul>
 */
public final class JobsFixture implements AutoCloseable {
  public static final String TOKEN = "jobs-test-token";

  public final Database db;
  public final ArtifactStore store;
  public final WebServer server;
  public final JobRun failedGate;
  public final JobRun passedGate;
  public final JobRun runningVerify;
  public final JobRun runningIngest;
  public final List<JobRun> queuedIngest;
  public final Path outside;

  public JobsFixture(Database db, Path temp) throws IOException {
    this.db = db;
    this.store = ArtifactStore.local(temp.resolve("artifacts"), "test-pods");
    this.outside = Files.writeString(temp.resolve("secret.txt"), "not an artifact");
    db.dsl().deleteFrom(PROW_JOB).execute();
    Instant now = Instant.now();

    JobRun gateTriggered = Runs.periodic();
    JobRun gate = Runs.pending(gateTriggered, gateTriggered.startTime().plusSeconds(1));
    store.started(gate);
    Files.writeString(store.buildLog(gate), "running the gate\nError: 41 endpoints untested\n");
    Files.copy(
        SharedData.path("prow/artifacts/junit/standard.xml"),
        store.artifactsDirectory(gate).resolve("junit_01.xml"));
    Files.writeString(
        store.artifactsDirectory(gate).resolve("metadata.json"), "{\"job-version\": \"v1.34.0\"}");
    // a job may leave a link to anything in its artifacts; it must never be served
    Files.createSymbolicLink(store.artifactsDirectory(gate).resolve("escape.txt"), outside);
    failedGate =
        Runs.finished(gate, JobState.FAILURE, "Job failed.", gate.startTime().plusSeconds(121));
    store.finished(failedGate);

    JobRun gate2Triggered = Runs.periodic();
    JobRun gate2 = Runs.pending(gate2Triggered, gate2Triggered.startTime());
    store.started(gate2);
    Files.writeString(store.buildLog(gate2), "running the gate\nPASS\n");
    passedGate =
        Runs.finished(gate2, JobState.SUCCESS, "Job succeeded.", gate2.startTime().plusSeconds(60));
    store.finished(passedGate);

    runningVerify = Runs.pending(Runs.presubmit(), now);
    store.started(runningVerify);
    Files.writeString(store.buildLog(runningVerify), "verifying\n");

    NewRuns newRuns = new NewRuns(new BuildIds(Clock.systemUTC(), 9), Clock.systemUTC());
    var ingest = ExampleJobs.job("ci-snoop-ingest-e2e-gci-gce");
    runningIngest =
        Runs.pending(newRuns.triggered(ingest, Optional.empty(), "local", Optional.empty()), now);
    store.started(runningIngest);
    queuedIngest =
        List.of(
            newRuns.triggered(ingest, Optional.empty(), "local", Optional.empty()),
            newRuns.triggered(ingest, Optional.empty(), "local", Optional.empty()));

    for (JobRun run :
        List.of(
            failedGate,
            passedGate,
            runningVerify,
            runningIngest,
            queuedIngest.get(0),
            queuedIngest.get(1))) {
      JobStore.insert(db.dsl(), run);
    }
    this.server =
        WebServer.start(
            new ServerOptions(
                "127.0.0.1", 0, Optional.of(TOKEN), ServerOptions.DEFAULT_MAX_BODY_BYTES),
            List.of(
                new PageRoutes(),
                new JobsRoutes(
                    db.dsl(),
                    store,
                    new NewRuns(new BuildIds(Clock.systemUTC(), 10), Clock.systemUTC()),
                    new ApiToken(Optional.of(TOKEN)),
                    Clock.systemUTC())));
  }

  public static String api(JobRun run) {
    return "/api/jobs/" + run.job() + "/" + run.buildIdText();
  }

  @Override
  public void close() {
    server.close();
  }
}
