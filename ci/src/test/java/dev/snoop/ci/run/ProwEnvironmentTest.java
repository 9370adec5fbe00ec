package dev.snoop.ci.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ProwEnvironmentTest {
  private final NewRuns newRuns =
      new NewRuns(new BuildIds(Clock.systemUTC(), 0), Clock.systemUTC());

  @Test
  void aPresubmitGetsProwsVariablesForItsPullRequest() {
    Refs refs =
        new Refs(
            "cncf",
            "k8s-conformance",
            "master",
            Optional.of("base-sha"),
            List.of(new Refs.Pull(1, "author-name", "pull-sha", Optional.of("pull-title"))));
    JobRun run =
        newRuns.triggered(
            ExampleJobs.job("pull-k8s-conformance-verify"),
            Optional.of(refs),
            "local",
            Optional.empty());

    Map<String, String> env = ProwEnvironment.of(run, Optional.of("/logs/artifacts"));

    assertThat(env)
        .containsEntry("CI", "true")
        .containsEntry("JOB_NAME", "pull-k8s-conformance-verify")
        .containsEntry("JOB_TYPE", "presubmit")
        .containsEntry("BUILD_ID", run.buildIdText())
        .containsEntry("PROW_JOB_ID", run.id())
        .containsEntry("REPO_OWNER", "cncf")
        .containsEntry("REPO_NAME", "k8s-conformance")
        .containsEntry("PULL_NUMBER", "1")
        .containsEntry("PULL_BASE_REF", "master")
        .containsEntry("PULL_BASE_SHA", "base-sha")
        .containsEntry("PULL_PULL_SHA", "pull-sha")
        .containsEntry("PULL_REFS", "master:base-sha,1:pull-sha")
        .containsEntry("ARTIFACTS", "/logs/artifacts");
    JsonNode jobSpec = NewRuns.JSON.readTree(env.get("JOB_SPEC"));
    assertThat(jobSpec.path("buildid").asString()).isEqualTo(run.buildIdText());
    assertThat(jobSpec.path("prowjobid").asString()).isEqualTo(run.id());
    assertThat(jobSpec.path("refs").path("pulls").path(0).path("number").asInt()).isEqualTo(1);
  }

  @Test
  void aPeriodicHasNoRefsVariables() {
    JobRun run =
        newRuns.triggered(
            ExampleJobs.job("ci-snoop-conformance-gate"),
            Optional.empty(),
            "local",
            Optional.empty());
    assertThat(ProwEnvironment.of(run, Optional.empty()))
        .containsEntry("JOB_TYPE", "periodic")
        .doesNotContainKeys("REPO_OWNER", "PULL_NUMBER", "ARTIFACTS");
  }
}
