package dev.snoop.web.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.JobState;
import dev.snoop.ci.run.JobStore;
import dev.snoop.ci.run.RunHistory;
import dev.snoop.db.Database;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.web.TestClient;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The job API over HTTP, on runs in a real PostgreSQL and builds in a real artifact tree. */
@ExtendWith(MigratedDatabase.class)
class JobsApiIT {
  private final JobsFixture fixture;
  private final TestClient client;

  JobsApiIT(Database db, @TempDir Path temp) throws IOException {
    this.fixture = new JobsFixture(db, temp);
    this.client = new TestClient(fixture.server);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private static List<JsonNode> list(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).toList();
  }

  @Test
  void theRunListHasEveryRunNewestFirstWithStateDurationAndQueuePlace() {
    List<JsonNode> runs = list(client.json("/api/jobs"));
    assertThat(runs).hasSize(6);
    List<Long> builds =
        runs.stream().map(r -> Long.parseUnsignedLong(r.get("build_id").asText())).toList();
    assertThat(builds).isSortedAccordingTo((a, b) -> Long.compareUnsigned(b, a));

    JsonNode failed = byId(runs, fixture.failedGate);
    assertThat(failed.get("state").asText()).isEqualTo("failure");
    assertThat(failed.get("duration_seconds").asLong())
        .isEqualTo(
            fixture.failedGate.completionTime().orElseThrow().getEpochSecond()
                - fixture.failedGate.startTime().getEpochSecond());
    assertThat(failed.get("queue").isNull()).isTrue();
    assertThat(failed.get("page").asText())
        .isEqualTo("/jobs/ci-snoop-conformance-gate/" + fixture.failedGate.buildIdText());

    JsonNode first = byId(runs, fixture.queuedIngest.get(0)).get("queue");
    JsonNode second = byId(runs, fixture.queuedIngest.get(1)).get("queue");
    assertThat(first.get("position").asInt()).isEqualTo(1);
    assertThat(second.get("position").asInt()).isEqualTo(2);
    assertThat(second.get("running").asInt()).isEqualTo(1);
    assertThat(second.get("max_concurrency").asInt()).isEqualTo(1);

    JsonNode verify = byId(runs, fixture.runningVerify);
    assertThat(verify.get("repo").asText()).isEqualTo("cncf/k8s-conformance");
    assertThat(verify.get("pull").asInt()).isEqualTo(3297);
    assertThat(verify.get("state").asText()).isEqualTo("pending");
    assertThat(verify.get("complete").asBoolean()).isFalse();
  }

  @Test
  void aJobsHistoryHasOnlyItsBuilds() {
    List<JsonNode> history = list(client.json("/api/jobs/ci-snoop-conformance-gate"));
    assertThat(history)
        .extracting(r -> r.get("build_id").asText())
        .containsExactly(fixture.passedGate.buildIdText(), fixture.failedGate.buildIdText());
    assertThat(client.error("/api/jobs/no-such-job", 404)).contains("no-such-job");
  }

  @Test
  void aBuildHasItsMetadataJunitResultsFilesAndLog() {
    JsonNode build = client.json(JobsFixture.api(fixture.failedGate));
    assertThat(build.get("started").get("timestamp").asLong())
        .isEqualTo(fixture.failedGate.pendingTime().orElseThrow().getEpochSecond());
    assertThat(build.get("finished").get("result").asText()).isEqualTo("FAILURE");
    assertThat(build.get("finished").get("passed").asBoolean()).isFalse();
    assertThat(build.get("finished").get("metadata").get("job-version").asText())
        .isEqualTo("v1.34.0");
    assertThat(build.get("prowjob").get("status").get("state").asText()).isEqualTo("failure");
    assertThat(list(build.get("files")))
        .extracting(JsonNode::asText)
        .contains(
            "build-log.txt",
            "started.json",
            "finished.json",
            "prowjob.json",
            "artifacts/junit_01.xml")
        .doesNotContain("artifacts/escape.txt");

    JsonNode junit = build.get("junit").get(0);
    assertThat(junit.get("path").asText()).isEqualTo("artifacts/junit_01.xml");
    assertThat(junit.get("tests").asInt()).isEqualTo(8);
    assertThat(junit.get("passed").asInt()).isEqualTo(7);
    assertThat(junit.get("failed").asInt()).isEqualTo(1);
    assertThat(junit.get("failures").get(0).get("name").asText()).isEqualTo("Node Tests");
    assertThat(junit.get("failures").get(0).get("message").asText())
        .isEqualTo("error during go run");

    HttpResponse<byte[]> log = client.get(JobsFixture.api(fixture.failedGate) + "/log");
    assertThat(log.statusCode()).isEqualTo(200);
    assertThat(log.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
    assertThat(TestClient.text(log)).isEqualTo("running the gate\nError: 41 endpoints untested\n");

    HttpResponse<byte[]> xml =
        client.get(JobsFixture.api(fixture.failedGate) + "/artifacts/artifacts/junit_01.xml");
    assertThat(xml.statusCode()).isEqualTo(200);
    assertThat(TestClient.text(xml)).contains("error during go run");
  }

  @Test
  void nothingOutsideTheBuildDirectoryIsEverServed() throws IOException {
    String base = JobsFixture.api(fixture.failedGate) + "/artifacts/";
    List<String> attempts =
        List.of(
            "artifacts/escape.txt", // a symbolic link the job left, pointing outside
            "..%2F..%2F..%2F..%2F..%2Fsecret.txt",
            "%2E%2E/%2E%2E/%2E%2E/%2E%2E/%2E%2E/secret.txt",
            "artifacts/..%2F..%2F..%2F..%2F..%2F..%2Fsecret.txt",
            "%2F" + fixture.outside.toString().substring(1).replace("/", "%2F"),
            "..%5C..%5Csecret.txt",
            "started.json%00.txt",
            "artifacts",
            "no-such-file");
    for (String attempt : attempts) {
      HttpResponse<byte[]> response = rawGet(base + attempt);
      assertThat(response.statusCode()).as(attempt).isIn(400, 404);
      assertThat(TestClient.text(response)).as(attempt).doesNotContain("not an artifact");
    }
    // unencoded dot segments, sent as written over a plain socket
    for (String attempt :
        List.of("../../../../../secret.txt", "artifacts/../../../../../../secret.txt")) {
      String answer = socketGet(base + attempt);
      assertThat(answer)
          .as(attempt)
          .doesNotContain("not an artifact")
          .doesNotStartWith("HTTP/1.1 200");
    }
    assertThat(client.get("/api/jobs/..%2F..%2Fetc/1/log").statusCode()).isIn(400, 404);
    assertThat(client.get("/api/jobs/ci-snoop-conformance-gate/not-a-number").statusCode())
        .isEqualTo(404);
    // a build of another job is not this job's
    assertThat(
            client
                .get("/api/jobs/ci-snoop-ingest-e2e-gci-gce/" + fixture.failedGate.buildIdText())
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void abortAndRerunNeedTheTokenAndChangeTheRows() {
    String verify = JobsFixture.api(fixture.runningVerify);
    assertThat(post(verify + "/abort", null).statusCode()).isEqualTo(401);
    assertThat(post(verify + "/abort", "wrong").statusCode()).isEqualTo(401);
    assertThat(JobStore.find(fixture.db.dsl(), fixture.runningVerify.id()).orElseThrow().state())
        .isEqualTo(JobState.PENDING);

    HttpResponse<String> aborted = post(verify + "/abort", JobsFixture.TOKEN);
    assertThat(aborted.statusCode()).isEqualTo(200);
    JobRun row = JobStore.find(fixture.db.dsl(), fixture.runningVerify.id()).orElseThrow();
    assertThat(row.state()).isEqualTo(JobState.ABORTED);
    assertThat(row.description()).isEqualTo(JobsRoutes.ABORTED_BY_USER);
    assertThat(post(JobsFixture.api(fixture.failedGate) + "/abort", JobsFixture.TOKEN).statusCode())
        .isEqualTo(409);

    assertThat(post(JobsFixture.api(fixture.failedGate) + "/rerun", null).statusCode())
        .isEqualTo(401);
    HttpResponse<String> rerun =
        post(JobsFixture.api(fixture.failedGate) + "/rerun", JobsFixture.TOKEN);
    assertThat(rerun.statusCode()).isEqualTo(201);
    List<JobRun> gate = JobStore.history(fixture.db.dsl(), "ci-snoop-conformance-gate", 10);
    assertThat(gate).hasSize(3);
    JobRun newest = gate.get(0);
    assertThat(newest.state()).isEqualTo(JobState.TRIGGERED);
    assertThat(newest.spec()).isEqualTo(fixture.failedGate.spec());
    assertThat(rerun.body()).contains(newest.buildIdText());
    assertThat(RunHistory.queue(fixture.db.dsl())).containsKey(newest.id());
  }

  private HttpResponse<String> post(String path, String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fixture.server.port() + path))
            .POST(HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private HttpResponse<byte[]> rawGet(String path) {
    return client.get(path);
  }

  /** A GET with the path exactly as written (the JDK client would refuse or normalise some). */
  private String socketGet(String path) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", fixture.server.port())) {
      socket
          .getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static JsonNode byId(List<JsonNode> runs, JobRun run) {
    return runs.stream()
        .filter(r -> r.get("id").asText().equals(run.id()))
        .findFirst()
        .orElseThrow();
  }
}
