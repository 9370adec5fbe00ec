package dev.snoop.ci.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The 15 real job files load as Prow loads them; specific jobs checked field by field. */
class RealJobFilesTest {
  private final JobConfig config =
      JobConfigLoader.load(RealJobFiles.all(), ProwSettings.read(RealJobFiles.prowConfig()));
  private final Map<String, Job> byName =
      config.jobs().stream()
          .collect(Collectors.toMap(j -> j.type() + " " + j.name(), Function.identity()));

  @Test
  void everyRealFileLoadsWithoutAProblem() {
    assertThat(RealJobFiles.all()).hasSize(15);
    assertThat(config.problems()).isEmpty();
    assertThat(config.files()).isEqualTo(15);
    assertThat(config.jobs()).hasSize(71);
  }

  @Test
  void aPresubmitWithSkipBranchesAndAChangeFilter() {
    Job job = job(JobType.PRESUBMIT, "pull-kubernetes-audit-kind-conformance");
    assertThat(job.repo()).contains("kubernetes/kubernetes");
    assertThat(job.context()).contains("pull-kubernetes-audit-kind-conformance");
    assertThat(job.rerunCommand()).contains("/test pull-kubernetes-audit-kind-conformance");
    assertThat(job.triggerMatches("/test pull-kubernetes-audit-kind-conformance")).isTrue();
    assertThat(job.triggerMatches("/test pull-kubernetes-audit-kind-conformance-x")).isFalse();
    assertThat(job.skipBranches()).containsExactly("release-\\d+\\.\\d+");
    // skip_branches is a search, not anchored: any branch containing release-1.2 is skipped
    assertThat(job.runsAgainstBranch("release-1.33")).isFalse();
    assertThat(job.runsAgainstBranch("backport-release-1.33")).isFalse();
    assertThat(job.runsAgainstBranch("master")).isTrue();
    // decoration_config {timeout: 150m, grace_period: 15m} in the job
    assertThat(job.timeout()).isEqualTo(Duration.ofMinutes(150));
    assertThat(job.gracePeriod()).isEqualTo(Duration.ofMinutes(15));
    assertThat(
            job.fileThatTriggers(java.util.List.of("README.md", "api/openapi-spec/swagger.json")))
        .contains("api/openapi-spec/swagger.json");
  }

  @Test
  void customTriggersOfGeneratedKnativeJobs() {
    Job job = job(JobType.PRESUBMIT, "build-tests_eventing_main");
    assertThat(job.rerunCommand()).contains("/test build-tests");
    assertThat(job.triggerMatches("/test build-tests")).isTrue();
    assertThat(job.context()).isPresent();
    // Go-duration timeouts such as 3h0m0s
    assertThat(config.jobs().stream().filter(j -> j.file().toString().contains("knative")))
        .allSatisfy(j -> assertThat(j.timeout()).isPositive());
  }

  @Test
  void branchesAreUnanchoredSearches() {
    // node-feature-discovery uses branches ^master (no $): master-foo matches too
    Job job =
        config.jobs().stream()
            .filter(j -> j.branches().contains("^master"))
            .findFirst()
            .orElseThrow();
    assertThat(job.runsAgainstBranch("master")).isTrue();
    assertThat(job.runsAgainstBranch("master-next")).isTrue();
    assertThat(job.runsAgainstBranch("main")).isFalse();
  }

  @Test
  void periodicsBySchedule() {
    assertThat(job(JobType.PERIODIC, "apisnoop-conformance-gate").interval()).contains("3h");
    assertThat(
            job(JobType.PERIODIC, "periodic-cluster-api-provider-azure-conformance-main")
                .minimumInterval())
        .contains("48h");
    assertThat(config.jobs().stream().filter(j -> j.cron().isPresent()))
        .isNotEmpty()
        .allSatisfy(j -> CronSchedule.parse(j.cron().orElseThrow()));
  }

  @Test
  void decorationDefaultsComeFromPlank() {
    Job gate = job(JobType.PERIODIC, "apisnoop-conformance-gate");
    assertThat(gate.decorate()).isTrue();
    // no timeout in the job: plank's default entry gives timeout 2h and grace_period 15m
    assertThat(gate.timeout()).isEqualTo(Duration.ofHours(2));
    assertThat(gate.gracePeriod()).isEqualTo(Duration.ofMinutes(15));
    assertThat(gate.decorationConfig().path("gcs_configuration").path("bucket").asString())
        .isEqualTo("kubernetes-ci-logs");
    // the job's own skip_cloning stays
    assertThat(gate.decorationConfig().path("skip_cloning").asBoolean()).isTrue();
  }

  @Test
  void withoutAProwConfigOnlyProwsBuiltInDefaultsApply() {
    JobConfig bare = JobConfigLoader.load(RealJobFiles.all(), ProwSettings.NONE);
    assertThat(bare.problems()).isEmpty();
    Job gate =
        bare.jobs().stream()
            .filter(j -> j.name().equals("apisnoop-conformance-gate"))
            .findFirst()
            .orElseThrow();
    assertThat(gate.gracePeriod()).isEqualTo(Job.DEFAULT_GRACE_PERIOD);
    assertThat(gate.decorationConfig().has("gcs_configuration")).isFalse();
  }

  @Test
  void fieldsNotActedOnAreReportedOnceWithTheirCount() {
    assertThat(config.ignored())
        .containsEntry("cluster", 58)
        .containsEntry("path_alias", 21)
        .containsEntry("reporter_config", 4)
        .containsEntry("rerun_auth_config", 4)
        .containsEntry("decoration_config.skip_cloning", 1)
        .doesNotContainKeys("spec", "decoration_config", "annotations", "labels");
  }

  private Job job(JobType type, String name) {
    return Optional.ofNullable(byName.get(type + " " + name))
        .orElseThrow(() -> new AssertionError(name));
  }
}
