package dev.snoop.ci.exec.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snoop.ci.artifacts.ArtifactStore;
import dev.snoop.ci.artifacts.Runs;
import dev.snoop.ci.exec.Executor.Observation;
import dev.snoop.ci.exec.StartRefusedException;
import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.JobState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The local executor on real processes: sh scripts written here. */
class LocalExecutorTest {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final Map<String, String> BASE =
      Map.of("PATH", "/usr/bin:/bin", "LANG", "C.UTF-8");

  @TempDir Path temp;

  private ArtifactStore store;
  private LocalExecutor executor;

  private LocalExecutor executor(Optional<Path> secrets) {
    store = ArtifactStore.local(temp.resolve("artifacts"), "test-pods");
    return new LocalExecutor(temp.resolve("work"), store, BASE, secrets, Clock.systemUTC());
  }

  @AfterEach
  void close() {
    if (executor != null) {
      executor.close();
    }
  }

  /** A pending run of the gate job whose container runs {@code script} with sh. */
  private static JobRun run(String script, String gracePeriod, ObjectNode... env) {
    JobRun triggered = Runs.periodic();
    ObjectNode spec = triggered.spec().deepCopy();
    ObjectNode container = JSON.createObjectNode();
    container.put("name", "test");
    container.put("image", "snoop:latest");
    container.putArray("command").add("/bin/sh").add("-c").add(script).add("job-script");
    container.putArray("args").add("$(ARTIFACTS)/junit_gate.xml").add("$$(KEPT)").add("$(UNSET)");
    ArrayNode envs = container.putArray("env");
    for (ObjectNode e : env) {
      envs.add(e);
    }
    spec.putObject("pod_spec").putArray("containers").add(container);
    ((ObjectNode) spec.path("decoration_config")).put("grace_period", gracePeriod);
    return Runs.pending(Runs.withSpec(triggered, spec), Instant.now());
  }

  private static ObjectNode literal(String name, String value) {
    ObjectNode env = JSON.createObjectNode();
    env.put("name", name);
    env.put("value", value);
    return env;
  }

  private static ObjectNode secret(String name, String secret, String key) {
    ObjectNode env = JSON.createObjectNode();
    env.put("name", name);
    ObjectNode ref = env.putObject("valueFrom").putObject("secretKeyRef");
    ref.put("name", secret);
    ref.put("key", key);
    return env;
  }

  private static Observation.Finished awaitFinished(LocalExecutor executor, JobRun run) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      Observation o = executor.observe(run);
      if (o instanceof Observation.Finished f) {
        return f;
      }
      assertThat(o).isInstanceOf(Observation.Running.class);
      sleep(20);
    }
    throw new AssertionError("run " + run.id() + " did not finish within 30 s");
  }

  private void awaitLog(JobRun run, String text) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (log(run).contains(text)) {
        return;
      }
      sleep(10);
    }
    throw new AssertionError("the build log never said " + text + ": " + log(run));
  }

  private String log(JobRun run) {
    try {
      return Files.exists(store.buildLog(run)) ? Files.readString(store.buildLog(run)) : "";
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void exitZeroSucceedsWithStdoutAndStderrInTheBuildLog() {
    executor = executor(Optional.empty());
    JobRun run = run("echo to stdout; echo to stderr >&2; exit 0", "15s");

    assertThat(executor.start(run)).isEqualTo(run.id());
    assertThat(awaitFinished(executor, run))
        .isEqualTo(new Observation.Finished(JobState.SUCCESS, "Job succeeded."));
    assertThat(log(run))
        .contains("# local executor ignores image snoop:latest")
        .contains("to stdout\n")
        .contains("to stderr\n");
    assertThat(executor.directory(run).resolve("marker-file.txt")).hasContent("0\n");
  }

  @Test
  void theEngineIsToldWhenAProcessEnds() throws InterruptedException {
    executor = executor(Optional.empty());
    java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
    executor.onChange(ended::countDown);
    JobRun run = run("sleep 0.3; exit 0", "15s");
    executor.start(run);
    assertThat(ended.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(executor.observe(run)).isInstanceOf(Observation.Finished.class);
  }

  @Test
  void aNonZeroExitFails() {
    executor = executor(Optional.empty());
    JobRun run = run("echo failing; exit 3", "15s");
    executor.start(run);
    assertThat(awaitFinished(executor, run))
        .isEqualTo(new Observation.Finished(JobState.FAILURE, "Job failed."));
    assertThat(executor.directory(run).resolve("marker-file.txt")).hasContent("3\n");
  }

  @Test
  void aCommandThatCannotStartIsAnError() {
    executor = executor(Optional.empty());
    JobRun run = run("/no/such/command --flag", "15s");
    executor.start(run);
    Observation.Finished finished = awaitFinished(executor, run);
    assertThat(finished.state()).isEqualTo(JobState.ERROR);
    assertThat(finished.description()).contains("could not start");
    assertThat(log(run)).contains("/no/such/command").containsIgnoringCase("not found");
  }

  @Test
  void whatTheLocalExecutorCannotHonourIsRefusedSayingWhy() {
    executor = executor(Optional.empty());
    JobRun noCommand = run("true", "15s");
    ObjectNode spec = noCommand.spec().deepCopy();
    ((ObjectNode) spec.path("pod_spec").path("containers").path(0)).remove("command");
    assertThatThrownBy(() -> executor.start(Runs.withSpec(noCommand, spec)))
        .isInstanceOf(StartRefusedException.class)
        .hasMessageContaining("container test has no command")
        .hasMessageContaining("image's entrypoint");

    JobRun needsSecret = run("true", "15s", secret("SNOOP_DB_URL", "snoop-db", "url"));
    assertThatThrownBy(() -> executor.start(needsSecret))
        .isInstanceOf(StartRefusedException.class)
        .hasMessageContaining("env SNOOP_DB_URL of container test takes secret snoop-db key url")
        .hasMessageContaining("no secrets directory");
    assertThat(executor.directory(needsSecret)).doesNotExist();
  }

  @Test
  void theEnvironmentIsProwsWithTheContainersValuesAndSecretsFromTheSecretsDirectory()
      throws IOException {
    Path secrets = temp.resolve("secrets");
    Files.createDirectories(secrets.resolve("snoop-db"));
    Files.writeString(secrets.resolve("snoop-db/url"), "jdbc:postgresql://db/snoop");
    executor = executor(Optional.of(secrets));
    JobRun run =
        run(
            "env > \"$ARTIFACTS/env.txt\"; printf '%s' \"$JOB_SPEC\" > \"$ARTIFACTS/job-spec.json\";"
                + " printf '%s' \"$SNOOP_DB_URL\" | sha256sum > \"$ARTIFACTS/secret.sha256\";"
                + " pwd > \"$ARTIFACTS/pwd.txt\"; printf '%s\\n' \"$@\" > \"$ARTIFACTS/args.txt\"",
            "15s",
            literal("GREETING", "hello $(JOB_NAME)"),
            secret("SNOOP_DB_URL", "snoop-db", "url"),
            literal("BUILD_ID", "not this one"));
    executor.start(run);
    assertThat(awaitFinished(executor, run).state()).isEqualTo(JobState.SUCCESS);

    Path artifacts = store.artifactsDirectory(run);
    Map<String, String> env =
        Files.readAllLines(artifacts.resolve("env.txt")).stream()
            .filter(l -> l.contains("="))
            .collect(
                Collectors.toMap(
                    l -> l.substring(0, l.indexOf('=')),
                    l -> l.substring(l.indexOf('=') + 1),
                    (a, b) -> b));
    Path workspace = executor.directory(run).resolve("workspace");
    assertThat(env)
        .containsEntry("ARTIFACTS", artifacts.toString())
        .containsEntry("JOB_NAME", "ci-snoop-conformance-gate")
        .containsEntry("JOB_TYPE", "periodic")
        .containsEntry("BUILD_ID", run.buildIdText())
        .containsEntry("PROW_JOB_ID", run.id())
        .containsEntry("CI", "true")
        .containsEntry("GREETING", "hello ci-snoop-conformance-gate")
        // the secret reached the process; what it wrote of it is censored
        .containsEntry("SNOOP_DB_URL", "*".repeat("jdbc:postgresql://db/snoop".length()))
        .containsEntry("HOME", workspace.toString())
        .containsEntry("PATH", "/usr/bin:/bin");
    // nothing of the engine's own environment: only the base, HOME, Prow's and the container's
    Set<String> expected =
        Set.of(
            "PATH",
            "LANG",
            "HOME",
            "ARTIFACTS",
            "BUILD_ID",
            "BUILD_NUMBER",
            "CI",
            "JOB_NAME",
            "JOB_SPEC",
            "JOB_TYPE",
            "PROW_JOB_ID",
            "GREETING",
            "SNOOP_DB_URL",
            "PWD",
            "SHLVL",
            "OLDPWD",
            "_");
    assertThat(expected).containsAll(env.keySet());

    JsonNode jobSpec = JSON.readTree(Files.readString(artifacts.resolve("job-spec.json")));
    assertThat(jobSpec.path("type").asString()).isEqualTo("periodic");
    assertThat(jobSpec.path("job").asString()).isEqualTo("ci-snoop-conformance-gate");
    assertThat(jobSpec.path("buildid").asString()).isEqualTo(run.buildIdText());
    assertThat(jobSpec.path("prowjobid").asString()).isEqualTo(run.id());
    assertThat(jobSpec.path("decoration_config").path("timeout").asString()).isEqualTo("20m");
    assertThat(Files.readString(artifacts.resolve("pwd.txt")).strip())
        .isEqualTo(workspace.toString());
    assertThat(Files.readAllLines(artifacts.resolve("args.txt")))
        .containsExactly(artifacts + "/junit_gate.xml", "$(KEPT)", "$(UNSET)");
    assertThat(Files.readString(artifacts.resolve("secret.sha256")))
        .startsWith(sha256("jdbc:postgresql://db/snoop"));
    assertThat(log(run))
        .contains("# local executor ignores env BUILD_ID: Prow's environment sets it");
  }

  /**
   * The token is printed whole, in two pieces with an observation between them, and in base64; the
   * build log never holds it, not even while the run goes on, and neither do its artifacts.
   */
  @Test
  void secretsAreCensoredInTheBuildLogAsItGrowsAndInTheArtifacts() throws IOException {
    Path secrets = temp.resolve("secrets");
    Files.createDirectories(secrets.resolve("github-token"));
    String token = "ghp_0123456789abcdefghij";
    Files.writeString(secrets.resolve("github-token/token"), token + "\n");
    executor = executor(Optional.of(secrets));
    JobRun run =
        run(
            "echo \"token $TOKEN\"; printf 'split ghp_0123456789'; touch \"$ARTIFACTS/../half\";"
                + " while [ ! -f \"$ARTIFACTS/../go\" ]; do sleep 0.05; done;"
                + " echo 'abcdefghij done'; printf '%s' \"$TOKEN\" | base64;"
                + " echo \"$TOKEN\" > \"$ARTIFACTS/token.txt\"; echo end",
            "15s", secret("TOKEN", "github-token", "token"));
    executor.start(run);
    Path build = store.buildDirectory(run);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!Files.exists(build.resolve("half")) && System.nanoTime() < deadline) {
      sleep(10);
    }
    sleep(100);
    assertThat(executor.observe(run)).isInstanceOf(Observation.Running.class);
    // copied so far: what no secret can still continue into, so not the half-printed one
    String live = log(run);
    assertThat(live).contains("token ****").doesNotContain("ghp_");
    Files.createFile(build.resolve("go"));
    assertThat(awaitFinished(executor, run).state()).isEqualTo(JobState.SUCCESS);

    // $TOKEN keeps the secret file's newline, so echo prints an empty line and base64 encodes it
    String base64 = java.util.Base64.getEncoder().encodeToString((token + "\n").getBytes());
    assertThat(log(run)).startsWith(live);
    assertThat(log(run))
        .isEqualTo(
            "# local executor ignores image snoop:latest: the command runs on this machine\n"
                + "token "
                + "*".repeat(token.length())
                + "\n\nsplit "
                + "*".repeat(token.length())
                + " done\n"
                + "*".repeat(base64.length())
                + "\nend\n");
    assertThat(Files.readString(store.artifactsDirectory(run).resolve("token.txt")))
        .isEqualTo("*".repeat(token.length()) + "\n\n");
  }

  private static String sha256(String text) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void anAbortInterruptsAProcessThatStopsOnSigint() {
    executor = executor(Optional.empty());
    JobRun run =
        run(
            "trap 'echo interrupted; exit 130' INT; echo ready; while :; do sleep 0.1; done",
            "60s");
    executor.start(run);
    awaitLog(run, "ready");
    assertThat(executor.observe(run)).isInstanceOf(Observation.Running.class);

    long started = System.nanoTime();
    executor.abort(run);
    assertThat(awaitFinished(executor, run))
        .isEqualTo(new Observation.Finished(JobState.ABORTED, "Job aborted."));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    assertThat(log(run)).contains("interrupted");
    assertThat(executor.directory(run).resolve("marker-file.txt")).hasContent("130\n");
  }

  @Test
  void aProcessIgnoringSigintIsKilledAfterTheGracePeriod() {
    executor = executor(Optional.empty());
    JobRun run = run("trap '' INT; echo ready; while :; do sleep 0.1; done", "1s");
    executor.start(run);
    awaitLog(run, "ready");
    long pid = Long.parseLong(readPid(run));

    long started = System.nanoTime();
    executor.abort(run);
    sleep(500);
    assertThat(executor.observe(run)).isInstanceOf(Observation.Running.class);
    assertThat(awaitFinished(executor, run))
        .isEqualTo(new Observation.Finished(JobState.ABORTED, "Job aborted."));
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
    assertThat(executor.directory(run).resolve("marker-file.txt")).doesNotExist();
  }

  @Test
  void aNewExecutorAdoptsARunningProcessAndReadsItsExitCode() throws IOException {
    executor = executor(Optional.empty());
    Path gate = temp.resolve("gate");
    JobRun run =
        run(
            "echo started; while [ ! -e " + gate + " ]; do sleep 0.05; done; echo done; exit 4",
            "15s");
    executor.start(run);
    awaitLog(run, "started");
    executor.close(); // the engine is gone; its process is not

    LocalExecutor restarted = executor(Optional.empty());
    executor = restarted;
    assertThat(restarted.observe(run)).isInstanceOf(Observation.Running.class);
    assertThat(restarted.start(run)).isEqualTo(run.id()); // adopted, not started twice
    Files.createFile(gate);
    assertThat(awaitFinished(restarted, run))
        .isEqualTo(new Observation.Finished(JobState.FAILURE, "Job failed."));
    assertThat(log(run).lines().filter("started"::equals)).hasSize(1);
    assertThat(log(run)).contains("done");

    restarted.cleanUp(run);
    assertThat(restarted.directory(run)).doesNotExist();
    assertThat(store.buildLog(run)).exists();
  }

  @Test
  void aRunNeverStartedIsMissing() {
    executor = executor(Optional.empty());
    assertThat(executor.observe(run("true", "15s"))).isInstanceOf(Observation.Missing.class);
  }

  private String readPid(JobRun run) {
    try {
      return Files.readString(executor.directory(run).resolve("pid")).strip();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
