package dev.snoop.ci.exec.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.ci.artifacts.ArtifactStore;
import dev.snoop.ci.artifacts.Runs;
import dev.snoop.ci.exec.Executor.Observation;
import dev.snoop.ci.run.BuildIds;
import dev.snoop.ci.run.ExampleJobs;
import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.JobState;
import dev.snoop.ci.run.NewRuns;
import dev.snoop.ci.run.Refs;
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
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A decorated presubmit clones its refs as Prow's clonerefs does: the base commit checked out, the
 * pull request's head merged onto it, the job working in the clone. The "GitHub" here is a local
 * repository with a {@code refs/pull/<n>/head} ref, made with git by the test.
 */
class CloneTest {
  @TempDir Path temp;

  private String git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).strip();
    assertThat(p.waitFor()).as(String.join(" ", args) + ": " + out).isZero();
    return out;
  }

  private JobRun presubmit(String baseSha, String pullSha, String script) {
    Refs refs =
        new Refs(
            "cncf",
            "k8s-conformance",
            "master",
            Optional.of(baseSha),
            List.of(new Refs.Pull(3297, "vendor", pullSha, Optional.of("it's a 'quoted' title"))));
    JobRun triggered =
        new NewRuns(new BuildIds(Clock.systemUTC(), 3), Clock.systemUTC())
            .triggered(
                ExampleJobs.job("pull-k8s-conformance-verify"),
                Optional.of(refs),
                "local",
                Optional.empty());
    ObjectNode spec = triggered.spec().deepCopy();
    ObjectNode container = JsonMapper.builder().build().createObjectNode();
    container.put("name", "test");
    container.putArray("command").add("/bin/sh").add("-c").add(script);
    spec.putObject("pod_spec").putArray("containers").add(container);
    return Runs.pending(Runs.withSpec(triggered, spec), Instant.now());
  }

  private static Observation.Finished await(LocalExecutor executor, JobRun run) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (executor.observe(run) instanceof Observation.Finished f) {
        return f;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("not finished");
  }

  @Test
  void aPresubmitRunsInItsRepositoryWithThePullRequestMergedOntoTheBase() throws Exception {
    Path github = temp.resolve("github");
    Path repo = github.resolve("cncf/k8s-conformance");
    Files.createDirectories(repo);
    git(repo, "init", "-q", "-b", "master");
    git(repo, "config", "user.email", "t@example.com");
    git(repo, "config", "user.name", "t");
    Files.writeString(repo.resolve("README.md"), "base\n");
    git(repo, "add", ".");
    git(repo, "commit", "-q", "-m", "base");
    String base = git(repo, "rev-parse", "HEAD");
    git(repo, "checkout", "-q", "-b", "submission");
    Files.createDirectories(repo.resolve("v1.34/acme"));
    Files.writeString(repo.resolve("v1.34/acme/PRODUCT.yaml"), "vendor: acme\n");
    git(repo, "add", ".");
    git(repo, "commit", "-q", "-m", "acme");
    String head = git(repo, "rev-parse", "HEAD");
    git(repo, "update-ref", "refs/pull/3297/head", head);
    git(repo, "checkout", "-q", "master");
    Files.writeString(repo.resolve("OTHER.md"), "moved on\n");
    git(repo, "add", ".");
    git(repo, "commit", "-q", "-m", "master moved on");

    ArtifactStore store = ArtifactStore.local(temp.resolve("artifacts"), "test-pods");
    try (LocalExecutor executor =
        new LocalExecutor(
            temp.resolve("work"),
            store,
            Map.of("PATH", "/usr/bin:/bin"),
            Optional.empty(),
            Optional.of(github.toUri().toString()),
            Clock.systemUTC())) {
      JobRun run =
          presubmit(
              base,
              head,
              "pwd > \"$ARTIFACTS/pwd.txt\"; git rev-parse HEAD^1 HEAD^2 > \"$ARTIFACTS/parents.txt\";"
                  + " ls v1.34/acme OTHER.md > \"$ARTIFACTS/files.txt\" 2>&1; true");
      executor.start(run);
      assertThat(await(executor, run).state()).isEqualTo(JobState.SUCCESS);
      Path artifacts = store.artifactsDirectory(run);
      Path workspace = executor.directory(run).resolve("workspace");
      assertThat(Files.readString(artifacts.resolve("pwd.txt")).strip())
          .isEqualTo(workspace.resolve("src/github.com/cncf/k8s-conformance").toString());
      assertThat(Files.readAllLines(artifacts.resolve("parents.txt"))).containsExactly(base, head);
      // the base is the one given, not the branch's newer head
      assertThat(Files.readString(artifacts.resolve("files.txt")))
          .contains("PRODUCT.yaml")
          .contains("No such file");
      assertThat(store.buildDirectory(run).resolve("clone-log.txt"))
          .content()
          .contains("cloning cncf/k8s-conformance");

      JobRun missing = presubmit(base, "0".repeat(40), "echo should not run");
      executor.start(missing);
      Observation.Finished failed = await(executor, missing);
      assertThat(failed.state()).isEqualTo(JobState.FAILURE);
      assertThat(failed.description()).contains("cloning the refs failed");
      assertThat(Files.readString(store.buildLog(missing)))
          .contains("cloning the refs failed")
          .doesNotContain("should not run");
    }
  }
}
