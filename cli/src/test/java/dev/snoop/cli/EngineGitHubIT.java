package dev.snoop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.JobState;
import dev.snoop.ci.run.JobStore;
import dev.snoop.db.Database;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.SharedData;
import dev.snoop.github.FakeGitHub;
import dev.snoop.web.hook.WebhookSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code snoop serve --engine --apply} as a real process against a local GitHub: a signed
 * pull_request delivery on {@code /hook} starts the PR's presubmit, the engine runs it to its end,
 * and its commit status goes pending (reported as soon as the delivery's runs commit; the job runs
 * three seconds, well past that), then success.
 */
@ExtendWith(MigratedDatabase.class)
class EngineGitHubIT {
  private static final String HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
  private static final Pattern SERVES = Pattern.compile("snoop serves (http://\\S+)");

  private final DSLContext sql;
  private final String dbUrl;
  @TempDir Path temp;

  EngineGitHubIT(Database database) {
    this.sql = database.dsl();
    this.dbUrl = database.jdbcUrl();
  }

  @Test
  void aSignedPullRequestIsRunAndReportedToGitHub() throws Exception {
    Path config = temp.resolve("jobs.yaml");
    Files.writeString(
        config,
        "presubmits:\n  "
            + FakeGitHub.REPO
            + ":\n"
            + "  - name: pull-verify\n    always_run: true\n"
            + "    spec: {containers: [{image: busybox, command: [sh, -c, 'sleep 3; echo verified']}]}\n");
    Path token = Files.writeString(temp.resolve("token"), FakeGitHub.TOKEN);
    Path secret = Files.writeString(temp.resolve("secret"), "s3cret");
    try (FakeGitHub github = new FakeGitHub()) {
      github.addOrgMember("Codertocat");
      List<String> command = new ArrayList<>(SnoopRun.processCommand());
      command.addAll(
          List.of(
              "--db-url",
              dbUrl,
              "serve",
              "--listen",
              "127.0.0.1:0",
              "--live-release",
              "1.33.0",
              "--engine",
              "--config",
              config.toString(),
              "--artifacts",
              temp.resolve("artifacts").toString(),
              "--work-dir",
              temp.resolve("work").toString(),
              "--api-url",
              github.url().toString(),
              "--token-file",
              token.toString(),
              "--webhook-secret-file",
              secret.toString(),
              "--apply"));
      Path out = temp.resolve("serve-out.txt");
      Path err = temp.resolve("serve-err.txt");
      Process serve =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      try {
        URI server = awaitUrl(out, err);
        assertThat(Files.readString(out)).contains("statuses and comments are written");

        byte[] body =
            Files.readString(
                    SharedData.path("prow/webhooks/octokit/pull_request/opened.payload.json"))
                .replace("Codertocat/Hello-World", FakeGitHub.REPO)
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> answer =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(server.resolve("/hook"))
                        .header("X-GitHub-Event", "pull_request")
                        .header("X-GitHub-Delivery", "e2e-1")
                        .header(
                            "X-Hub-Signature-256",
                            new WebhookSignature("s3cret".getBytes(StandardCharsets.UTF_8))
                                .sign(body))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        assertThat(answer.body()).contains("started pull-verify");

        JobRun run = awaitReported(github, err);
        assertThat(run.state()).isEqualTo(JobState.SUCCESS);
        assertThat(github.statuses(HEAD))
            .extracting(FakeGitHub.Status::state)
            .as("newest first")
            .containsSubsequence("success", "pending");
        assertThat(github.statuses(HEAD)).allMatch(s -> s.context().equals("pull-verify"));
      } finally {
        serve.destroy();
        assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
    }
  }

  private static URI awaitUrl(Path out, Path err) throws Exception {
    Instant end = Instant.now().plusSeconds(90);
    while (Instant.now().isBefore(end)) {
      Matcher m = SERVES.matcher(Files.readString(out));
      if (m.find()) {
        return URI.create(m.group(1));
      }
      Thread.sleep(100);
    }
    throw new AssertionError("snoop serve did not start: " + Files.readString(err));
  }

  /** The run once its success is on GitHub. */
  private JobRun awaitReported(FakeGitHub github, Path err) throws Exception {
    Instant end = Instant.now().plusSeconds(90);
    Optional<JobRun> run = Optional.empty();
    while (Instant.now().isBefore(end)) {
      run = JobStore.history(sql, "pull-verify", 1).stream().findFirst();
      if (run.isPresent()
          && "success".equals(run.get().prevReportStates().get("github-reporter"))) {
        return run.get();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("not reported within 90 s: " + run + "\n" + Files.readString(err));
  }
}
