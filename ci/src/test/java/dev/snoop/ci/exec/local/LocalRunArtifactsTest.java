package dev.snoop.ci.exec.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.ci.artifacts.ArtifactStore;
import dev.snoop.ci.artifacts.JunitReport;
import dev.snoop.ci.artifacts.Runs;
import dev.snoop.ci.exec.Executor.Observation;
import dev.snoop.ci.run.JobRun;
import dev.snoop.db.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A run from start to end as the engine drives it: the store's {@code started}, the process writing
 * its JUnit and metadata into {@code $ARTIFACTS} and its output into the build log, then the
 * store's {@code finished} with the executor's result.
 */
class LocalRunArtifactsTest {
  @TempDir Path temp;

  @Test
  void whatTheJobWritesEndsUpInItsBuildDirectory() throws IOException {
    ArtifactStore store = ArtifactStore.local(temp.resolve("artifacts"), "test-pods");
    Path junit = SharedData.path("prow/artifacts/junit/standard.xml");
    JobRun triggered = Runs.periodic();
    ObjectNode spec = triggered.spec().deepCopy();
    ObjectNode container = JsonMapper.builder().build().createObjectNode();
    container.put("name", "test");
    container
        .putArray("command")
        .add("/bin/sh")
        .add("-c")
        .add(
            "echo gate says 1 untested; cp \"$1\" \"$ARTIFACTS/junit_gate.xml\";"
                + " printf '{\"job-version\":\"v1.35.0-alpha.0+abcdef0123\"}' >"
                + " \"$ARTIFACTS/metadata.json\"; exit 1")
        .add("gate");
    container.putArray("args").add(junit.toAbsolutePath().toString());
    spec.putObject("pod_spec").putArray("containers").add(container);
    JobRun run =
        Runs.pending(
            new JobRun(
                triggered.id(),
                triggered.job(),
                triggered.type(),
                triggered.buildId(),
                triggered.state(),
                triggered.context(),
                triggered.refs(),
                spec,
                triggered.labels(),
                triggered.annotations(),
                triggered.executor(),
                triggered.startTime(),
                triggered.pendingTime(),
                triggered.completionTime(),
                triggered.description(),
                triggered.url(),
                triggered.podName(),
                triggered.prevReportStates(),
                triggered.owner(),
                triggered.leaseUntil(),
                triggered.eventGuid()),
            Instant.now());

    try (LocalExecutor executor =
        new LocalExecutor(
            temp.resolve("work"),
            store,
            Map.of("PATH", "/usr/bin:/bin"),
            Optional.empty(),
            Clock.systemUTC())) {
      store.started(run);
      executor.start(run);
      Observation observation = executor.observe(run);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!(observation instanceof Observation.Finished) && System.nanoTime() < deadline) {
        sleep();
        observation = executor.observe(run);
      }
      Observation.Finished finished = (Observation.Finished) observation;
      store.finished(Runs.finished(run, finished.state(), finished.description(), Instant.now()));
    }

    Path build = store.buildDirectory(run);
    assertThat(store.files(run))
        .containsExactly(
            "artifacts/junit_gate.xml",
            "artifacts/metadata.json",
            "build-log.txt",
            "finished.json",
            "prowjob.json",
            "started.json");
    assertThat(Files.readString(build.resolve("build-log.txt")))
        .isEqualTo("gate says 1 untested\n");
    JsonNode finishedJson =
        JsonMapper.builder().build().readTree(build.resolve("finished.json").toFile());
    assertThat(finishedJson.path("result").asString()).isEqualTo("FAILURE");
    assertThat(finishedJson.path("passed").asBoolean(true)).isFalse();
    assertThat(finishedJson.path("metadata").path("job-version").asString())
        .isEqualTo("v1.35.0-alpha.0+abcdef0123");
    List<ArtifactStore.JunitFile> reports = store.junit(run);
    assertThat(reports)
        .extracting(ArtifactStore.JunitFile::path)
        .containsExactly("artifacts/junit_gate.xml");
    assertThat(reports.get(0).report().failures())
        .extracting(JunitReport.TestCase::name)
        .containsExactly("Node Tests");
  }

  private static void sleep() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
