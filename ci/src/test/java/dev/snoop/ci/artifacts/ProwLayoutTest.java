package dev.snoop.ci.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.JobState;
import dev.snoop.db.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A finished job's tree read the way TestGrid's updater and Spyglass/deck read a bucket (rules from
 * GoogleCloudPlatform/testgrid {@code util/gcs/read.go}, {@code metadata/job.go} and
 * kubernetes-sigs/prow's Spyglass lens config and {@code cmd/deck/job_history.go}), written here
 * without the store's own code: build directories whose names parse as unsigned 64-bit numbers,
 * newest first; {@code latest-build.txt} a bare number; {@code started.json} with a non-zero {@code
 * timestamp}; {@code finished.json} with {@code timestamp}, {@code passed} and {@code result};
 * JUnit files found by TestGrid's object-name pattern; the lenses' files found by their patterns;
 * {@code prowjob.json} a ProwJob.
 */
class ProwLayoutTest {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** TestGrid's pattern for JUnit objects, on the object's full name. */
  private static final Pattern TESTGRID_JUNIT =
      Pattern.compile(".+/(?:junit((_[^_]+)?(_\\d+-\\d+)?(_\\d+)?|.+)?\\.xml|test.xml)$");

  /** Spyglass's lenses, on paths relative to the build directory. */
  private static final Pattern LENS_METADATA = Pattern.compile("^(?:started|finished)\\.json$");

  private static final Pattern LENS_BUILDLOG = Pattern.compile("build-log\\.txt");
  private static final Pattern LENS_JUNIT = Pattern.compile(".*/junit.*\\.xml");

  @TempDir Path root;

  private ArtifactStore store() {
    return new ArtifactStore(root, "gs://snoop-test-bucket", "test-pods", Clock.systemUTC());
  }

  /** Runs a build through the store as the engine does: started, output and artifacts, finished. */
  private JobRun build(JobRun triggered, JobState result, String junitFile) throws IOException {
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(90);
    JobRun pending = Runs.pending(triggered, start);
    ArtifactStore store = store();
    store.started(pending);
    Files.writeString(store.buildLog(pending), "running the gate\nPASS\n");
    if (junitFile != null) {
      Files.copy(
          SharedData.path("prow/artifacts/junit/" + junitFile),
          store.artifactsDirectory(pending).resolve("junit_01.xml"));
    }
    Files.writeString(
        store.artifactsDirectory(pending).resolve("metadata.json"),
        "{\"job-version\": \"v1.34.0-alpha.1+e825f0a86103a6de\", \"k8s-release\": \"1.34\"}");
    assertThat(readBuild(store.buildDirectory(pending)).running()).isTrue();
    JobRun done = Runs.finished(pending, result, "Job failed.", start.plusSeconds(60));
    store.finished(done);
    return done;
  }

  @Test
  void aPeriodicsBuildsReadAsTestGridReadsThem() throws IOException {
    JobRun first = build(Runs.periodic(), JobState.SUCCESS, null);
    JobRun second = build(Runs.periodic(), JobState.FAILURE, "standard.xml");

    Path jobDir = root.resolve("logs/ci-snoop-conformance-gate");
    List<Long> builds = buildIds(jobDir);
    assertThat(builds).containsExactly(second.buildId(), first.buildId());
    assertThat(latestBuild(jobDir)).isEqualTo(second.buildId());

    TestGridColumn newest = readBuild(jobDir.resolve(Long.toUnsignedString(builds.get(0))));
    assertThat(newest.running()).isFalse();
    assertThat(newest.started().path("timestamp").asLong()).isPositive();
    assertThat(newest.finished().path("timestamp").asLong())
        .isEqualTo(second.completionTime().orElseThrow().getEpochSecond());
    assertThat(newest.finished().get("passed").isBoolean()).isTrue();
    assertThat(newest.finished().get("passed").asBoolean()).isFalse();
    assertThat(newest.finished().path("result").asString()).isEqualTo("FAILURE");
    assertThat(newest.finished().path("metadata").path("k8s-release").asString()).isEqualTo("1.34");
    assertThat(newest.version()).isEqualTo("e825f0a86");
    assertThat(newest.junit()).containsExactly("artifacts/junit_01.xml");
    Document junit =
        dom(jobDir.resolve(Long.toUnsignedString(builds.get(0))).resolve("artifacts/junit_01.xml"));
    assertThat(junit.getElementsByTagName("testcase").getLength()).isEqualTo(8);
    assertThat(junit.getElementsByTagName("failure").getLength()).isEqualTo(1);

    TestGridColumn older = readBuild(jobDir.resolve(Long.toUnsignedString(builds.get(1))));
    assertThat(older.finished().path("passed").asBoolean()).isTrue();
    assertThat(older.finished().path("result").asString()).isEqualTo("SUCCESS");
    assertThat(older.junit()).isEmpty();
  }

  @Test
  void spyglassFindsEveryLensFileAndAProwJobItCanRerun() throws IOException {
    JobRun run = build(Runs.periodic(), JobState.FAILURE, "standard.xml");
    Path build = root.resolve("logs/ci-snoop-conformance-gate/" + run.buildIdText());
    List<String> files = relativeFiles(build);

    assertThat(files.stream().filter(f -> LENS_METADATA.matcher(f).matches()))
        .containsExactlyInAnyOrder("started.json", "finished.json");
    assertThat(files.stream().filter(f -> LENS_BUILDLOG.matcher(f).matches()))
        .containsExactly("build-log.txt");
    assertThat(files.stream().filter(f -> LENS_JUNIT.matcher(f).matches()))
        .containsExactly("artifacts/junit_01.xml");
    // a local run has no pod: no podinfo.json (TestGrid's Pod row is turned off per job with the
    // testgrid-disable-prowjob-analysis annotation)
    assertThat(files).doesNotContain("podinfo.json");
    assertThat(Files.readString(build.resolve("build-log.txt"))).contains("running the gate");

    JsonNode prowJob = JSON.readTree(build.resolve("prowjob.json").toFile());
    assertThat(prowJob.path("apiVersion").asString()).isEqualTo("prow.k8s.io/v1");
    assertThat(prowJob.path("kind").asString()).isEqualTo("ProwJob");
    assertThat(prowJob.path("metadata").path("name").asString()).isEqualTo(run.id());
    assertThat(prowJob.path("spec").path("job").asString()).isEqualTo(run.job());
    assertThat(prowJob.path("spec").path("type").asString()).isEqualTo("periodic");
    assertThat(prowJob.path("spec").path("pod_spec").path("containers").isArray()).isTrue();
    assertThat(prowJob.path("status").path("state").asString()).isEqualTo("failure");
    assertThat(prowJob.path("status").path("build_id").asString()).isEqualTo(run.buildIdText());
    assertThat(prowJob.path("status").path("startTime").asString()).isNotEmpty();
    assertThat(prowJob.path("status").path("pendingTime").asString()).isNotEmpty();
    assertThat(prowJob.path("status").path("completionTime").asString()).isNotEmpty();
  }

  @Test
  void aPresubmitsBuildIsUnderItsPullWithDecksDirectoryLinks() throws IOException {
    JobRun run = build(Runs.presubmit(), JobState.SUCCESS, "failure_message.xml");
    String buildDir =
        "pr-logs/pull/cncf_k8s-conformance/3297/pull-k8s-conformance-verify/" + run.buildIdText();
    assertThat(root.resolve(buildDir)).isDirectory();

    // deck's job history: pr-logs/directory/<job>/<build>.txt, each name an unsigned number
    Path directory = root.resolve("pr-logs/directory/pull-k8s-conformance-verify");
    assertThat(latestBuild(directory)).isEqualTo(run.buildId());
    assertThat(latestBuild(root.resolve(buildDir).getParent())).isEqualTo(run.buildId());
    List<Path> links;
    try (Stream<Path> list = Files.list(directory)) {
      links = list.filter(p -> p.getFileName().toString().matches("\\d+\\.txt")).toList();
    }
    assertThat(links).hasSize(1);
    String id = links.get(0).getFileName().toString().replace(".txt", "");
    assertThat(Long.parseUnsignedLong(id)).isEqualTo(run.buildId());
    String link = Files.readString(links.get(0), StandardCharsets.UTF_8);
    assertThat(link).isEqualTo("gs://snoop-test-bucket/" + buildDir);
    assertThat(root.resolve(link.substring("gs://snoop-test-bucket/".length()))).isDirectory();

    TestGridColumn column = readBuild(root.resolve(buildDir));
    assertThat(column.started().path("pull").asString()).isEqualTo("3297");
    assertThat(column.started().path("repos").path("cncf/k8s-conformance").asString())
        .isEqualTo(
            "master:4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b,3297:c25e430df7771a96c9a004d8500473a4f2ef55d3");
    assertThat(column.started().path("repo-commit").asString())
        .isEqualTo("c25e430df7771a96c9a004d8500473a4f2ef55d3");
    assertThat(column.finished().path("revision").asString())
        .isEqualTo("c25e430df7771a96c9a004d8500473a4f2ef55d3");
    assertThat(column.junit()).containsExactly("artifacts/junit_01.xml");
  }

  @Test
  void latestBuildNeverMovesBackWhenAnOlderRunStartsLate() throws IOException {
    JobRun older = Runs.periodic();
    JobRun newer = Runs.periodic();
    Instant now = Instant.now();
    store().started(Runs.pending(newer, now));
    store().started(Runs.pending(older, now));
    assertThat(latestBuild(root.resolve("logs/ci-snoop-conformance-gate")))
        .isEqualTo(newer.buildId());
  }

  @Test
  void aStartedRunStartedAgainKeepsItsFirstStartTime() throws IOException {
    JobRun run = Runs.pending(Runs.periodic(), Instant.parse("2026-01-02T03:04:05Z"));
    store().started(run);
    store().started(Runs.pending(run, Instant.parse("2026-01-02T09:00:00Z")));
    JsonNode started = JSON.readTree(store().buildDirectory(run).resolve("started.json").toFile());
    assertThat(started.path("timestamp").asLong())
        .isEqualTo(Instant.parse("2026-01-02T03:04:05Z").getEpochSecond());
  }

  @Test
  void metadataThatIsNotJsonIsLeftOutAndTheBuildStillFinishes() throws IOException {
    JobRun run = Runs.pending(Runs.periodic(), Instant.now());
    ArtifactStore store = store();
    store.started(run);
    Files.writeString(store.artifactsDirectory(run).resolve("metadata.json"), "{not json");
    store.finished(Runs.finished(run, JobState.ERROR, "Job could not start.", Instant.now()));
    JsonNode finished = JSON.readTree(store.buildDirectory(run).resolve("finished.json").toFile());
    assertThat(finished.path("result").asString()).isEqualTo("ERROR");
    assertThat(finished.has("metadata")).isFalse();
    assertThatThrownBy(() -> store.finished(run))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pending");
  }

  /** What TestGrid makes of one build directory. */
  private record TestGridColumn(
      JsonNode started, JsonNode finished, boolean running, String version, List<String> junit) {}

  private TestGridColumn readBuild(Path build) throws IOException {
    JsonNode started = JSON.readTree(build.resolve("started.json").toFile());
    assertThat(started.path("timestamp").isIntegralNumber()).isTrue();
    assertThat(started.path("timestamp").asLong()).isNotZero();
    Path finishedFile = build.resolve("finished.json");
    if (!Files.exists(finishedFile)) {
      return new TestGridColumn(started, null, true, "", List.of());
    }
    JsonNode finished = JSON.readTree(finishedFile.toFile());
    assertThat(finished.path("timestamp").isIntegralNumber()).isTrue();
    assertThat(finished.has("passed")).isTrue();
    assertThat(finished.path("result").asString()).isIn("SUCCESS", "FAILURE", "ABORTED", "ERROR");
    // metadata.Version: finished's job-version, else started's repo-commit; after '+', 9 chars
    String version = finished.path("metadata").path("job-version").asString("");
    if (version.isEmpty()) {
      version = started.path("repo-commit").asString("");
    }
    int plus = version.indexOf('+');
    version = plus >= 0 ? version.substring(plus + 1) : version;
    version = version.length() > 9 ? version.substring(0, 9) : version;
    List<String> junit = new ArrayList<>();
    for (String file : relativeFiles(build)) {
      if (TESTGRID_JUNIT.matcher("gs://bucket/" + root.relativize(build) + "/" + file).matches()) {
        junit.add(file);
      }
    }
    return new TestGridColumn(started, finished, false, version, junit);
  }

  /** The job directory's builds, newest first, each name parsed as an unsigned 64-bit number. */
  private static List<Long> buildIds(Path jobDir) throws IOException {
    try (Stream<Path> list = Files.list(jobDir)) {
      return list.filter(Files::isDirectory)
          .map(p -> Long.parseUnsignedLong(p.getFileName().toString()))
          .sorted((a, b) -> Long.compareUnsigned(b, a))
          .toList();
    }
  }

  /** {@code latest-build.txt}: the bare number, no newline. */
  private static long latestBuild(Path dir) throws IOException {
    String text = Files.readString(dir.resolve("latest-build.txt"), StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("\n").doesNotContain(" ");
    return Long.parseUnsignedLong(text);
  }

  private static List<String> relativeFiles(Path build) throws IOException {
    try (Stream<Path> walk = Files.walk(build)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> build.relativize(p).toString())
          .sorted()
          .toList();
    }
  }

  private static Document dom(Path file) {
    try {
      return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    } catch (Exception e) {
      throw new AssertionError("reading " + file, e);
    }
  }
}
