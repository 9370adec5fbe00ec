package dev.snoop.ci.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.ci.trigger.GitHubEvent;
import dev.snoop.ci.trigger.TriggerDecision;
import dev.snoop.ci.trigger.TriggerFacts;
import dev.snoop.ci.trigger.TriggerRules;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** snoop's own jobs in ci/examples load without a problem and are what the README says. */
class ExampleConfigTest {
  private static Path examples() {
    String root = System.getProperty("snoop.project.root", "");
    return (root.isBlank() || root.startsWith("${") ? Path.of("..") : Path.of(root))
        .resolve("ci/examples");
  }

  private final JobConfig config = JobConfigLoader.load(List.of(examples()), ProwSettings.NONE);

  private Job job(String name) {
    return config.jobs().stream().filter(j -> j.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void theExamplesAreValidAndActOnEveryField() {
    assertThat(config.problems()).isEmpty();
    assertThat(config.ignored()).isEmpty();
    assertThat(config.jobs()).hasSize(5);
  }

  @Test
  void theGateIsAPeriodicWithTestGridAnnotationsAndJunitInArtifacts() {
    Job gate = job("ci-snoop-conformance-gate");
    assertThat(gate.type()).isEqualTo(JobType.PERIODIC);
    assertThat(CronSchedule.parse(gate.cron().orElseThrow())).isNotNull();
    assertThat(gate.annotations())
        .containsKeys(
            "testgrid-dashboards", "testgrid-tab-name", "testgrid-alert-email", "description");
    assertThat(gate.spec().orElseThrow().getContainers().get(0).getArgs())
        .startsWith("gate")
        .contains("$(ARTIFACTS)/junit_gate.xml");
  }

  @Test
  void apisnoopsThreeAuditJobsAreIngestedPeriodically() {
    List<String> ingested =
        config.jobs().stream()
            .filter(j -> j.type() == JobType.PERIODIC)
            .map(j -> j.spec().orElseThrow().getContainers().get(0).getArgs())
            .filter(args -> args.subList(0, 2).equals(List.of("ingest", "prow")))
            .map(args -> args.get(args.indexOf("--job") + 1))
            .toList();
    assertThat(ingested)
        .containsExactlyInAnyOrder(
            "ci-kubernetes-e2e-gci-gce",
            "ci-kubernetes-gce-conformance-latest",
            "ci-kubernetes-audit-kind-conformance");
  }

  @Test
  void theVerifierRunsOnEveryPullRequestToK8sConformance() {
    Job verifier = job("pull-k8s-conformance-verify");
    assertThat(verifier.repo()).contains("cncf/k8s-conformance");
    var opened =
        new GitHubEvent.PullRequestEvent(
            "opened",
            "cncf/k8s-conformance",
            4000,
            "vendor",
            "vendor",
            false,
            "master",
            "abc",
            Set.of(),
            Optional.empty(),
            false,
            Optional.empty());
    TriggerFacts vendorTrusted =
        new TriggerFacts(
            Optional.empty(), Map.of(), Set.of("vendor"), Optional.empty(), Optional.empty());
    TriggerDecision d = TriggerRules.decide(opened, config.jobs(), vendorTrusted);
    assertThat(d.started())
        .extracting(s -> s.job().name())
        .containsExactly("pull-k8s-conformance-verify");
  }
}
