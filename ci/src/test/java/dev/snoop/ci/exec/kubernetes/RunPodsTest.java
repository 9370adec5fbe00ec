package dev.snoop.ci.exec.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snoop.ci.config.JobType;
import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.JobState;
import dev.snoop.ci.run.NewRuns;
import dev.snoop.ci.run.Refs;
import dev.snoop.db.testing.SharedData;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The pod of a run against Prow's own golden pods (kubernetes-sigs/prow's decorate tests). */
class RunPodsTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final long BUILD_ID = 1_549_129_474_832_863_232L;

  /**
   * {@code TestProwJobToPod_0}: an undecorated presubmit. Everything Prow puts on the pod is there,
   * but PULL_HEAD_REF (refs here carry no head_ref) and the build id ("blabla" in Prow's test, a
   * number here).
   */
  @Test
  void anUndecoratedRunsPodIsProwsGoldenPod() throws IOException {
    Pod golden = golden("TestProwJobToPod_0.yaml");
    Map<String, String> labels = new java.util.LinkedHashMap<>(golden.getMetadata().getLabels());
    labels.put("prow.k8s.io/build-id", Long.toString(BUILD_ID));
    ObjectNode spec = JSON.createObjectNode();
    spec.put("type", "presubmit");
    spec.put("job", "job-name");
    spec.set("refs", NewRuns.refsJson(refs()));
    spec.set(
        "pod_spec",
        JSON.readTree(
            "{\"containers\":[{\"image\":\"tester\",\"env\":[{\"name\":\"MY_ENV\",\"value\":\"rocks\"}]}]}"));
    JobRun run = run(spec, labels, golden.getMetadata().getAnnotations());

    Pod pod = RunPods.of(run);

    assertThat(pod.getMetadata().getName()).isEqualTo("pod");
    assertThat(pod.getMetadata().getNamespace()).isEqualTo("test-pods");
    assertThat(pod.getMetadata().getLabels()).isEqualTo(labels);
    assertThat(pod.getMetadata().getAnnotations()).isEqualTo(golden.getMetadata().getAnnotations());

    List<EnvVar> goldenEnv = golden.getSpec().getContainers().get(0).getEnv();
    List<EnvVar> env = pod.getSpec().getContainers().get(0).getEnv();
    assertThat(env)
        .extracting(EnvVar::getName)
        .containsExactlyElementsOf(
            goldenEnv.stream()
                .map(EnvVar::getName)
                .filter(n -> !n.equals("PULL_HEAD_REF"))
                .toList());
    for (EnvVar var : env) {
      String expected =
          goldenEnv.stream()
              .filter(g -> g.getName().equals(var.getName()))
              .findFirst()
              .orElseThrow()
              .getValue();
      switch (var.getName()) {
        case "BUILD_ID", "BUILD_NUMBER" ->
            assertThat(var.getValue()).isEqualTo(Long.toString(BUILD_ID));
        case "JOB_SPEC" -> {
          ObjectNode want = (ObjectNode) JSON.readTree(expected);
          want.put("buildid", Long.toString(BUILD_ID));
          ((ObjectNode) want.path("refs").path("pulls").get(0)).remove("head_ref");
          assertThat(JSON.readTree(var.getValue())).isEqualTo(want);
        }
        default -> assertThat(var.getValue()).as(var.getName()).isEqualTo(expected);
      }
    }
    // the rest of the spec is the golden one
    pod.getSpec().getContainers().get(0).setEnv(null);
    golden.getSpec().getContainers().get(0).setEnv(null);
    // Go writes the empty resources struct as {}; both mean none
    golden.getSpec().getContainers().get(0).setResources(null);
    assertThat(pod.getSpec()).isEqualTo(golden.getSpec());
  }

  /**
   * {@code TestProwJobToPod_1}: a decorated presubmit with a 10 s grace period gets 12 s to
   * terminate (grace x 5/4) and {@code $ARTIFACTS} under /logs, as there.
   */
  @Test
  void aDecoratedRunsPodHasProwsGracePeriodAndArtifacts() throws IOException {
    Pod golden = golden("TestProwJobToPod_1.yaml");
    ObjectNode spec = JSON.createObjectNode();
    spec.put("type", "presubmit");
    spec.put("job", "job-name");
    spec.set("refs", NewRuns.refsJson(refs()));
    spec.set("pod_spec", JSON.readTree("{\"containers\":[{\"image\":\"tester\"}]}"));
    spec.set("decoration_config", JSON.readTree("{\"timeout\":\"2h\",\"grace_period\":\"10s\"}"));

    Pod pod = RunPods.of(run(spec, Map.of(), Map.of()));

    assertThat(pod.getSpec().getTerminationGracePeriodSeconds())
        .isEqualTo(golden.getSpec().getTerminationGracePeriodSeconds())
        .isEqualTo(12L);
    String goldenArtifacts =
        golden.getSpec().getContainers().get(0).getEnv().stream()
            .filter(e -> e.getName().equals("ARTIFACTS"))
            .findFirst()
            .orElseThrow()
            .getValue();
    assertThat(pod.getSpec().getContainers().get(0).getEnv())
        .contains(new EnvVar("ARTIFACTS", goldenArtifacts, null));
    assertThat(pod.getSpec().getContainers().get(0).getVolumeMounts())
        .anySatisfy(m -> assertThat(goldenArtifacts).startsWith(m.getMountPath()));
  }

  @Test
  void aServiceAccountKeepsItsToken() {
    ObjectNode spec = JSON.createObjectNode();
    spec.put("type", "periodic");
    spec.set(
        "pod_spec",
        JSON.readTree("{\"serviceAccountName\":\"ingest\",\"containers\":[{\"image\":\"x\"}]}"));

    assertThat(
            RunPods.of(run(spec, Map.of(), Map.of())).getSpec().getAutomountServiceAccountToken())
        .isNull();
  }

  @Test
  void aRunWithoutAPodSpecIsRefusedNamingTheJob() {
    ObjectNode spec = JSON.createObjectNode();
    spec.put("type", "periodic");

    assertThatThrownBy(() -> RunPods.of(run(spec, Map.of(), Map.of())))
        .hasMessageContaining("job-name")
        .hasMessageContaining("pod_spec");
  }

  private static Refs refs() {
    return new Refs(
        "org-name",
        "repo-name",
        "base-ref",
        Optional.of("base-sha"),
        List.of(new Refs.Pull(1, "author-name", "pull-sha", Optional.of("pull-title"))));
  }

  private static JobRun run(
      ObjectNode spec, Map<String, String> labels, Map<String, String> annotations) {
    return new JobRun(
        "pod",
        "job-name",
        JobType.PRESUBMIT,
        BUILD_ID,
        JobState.TRIGGERED,
        Optional.of("job-context"),
        Optional.of(refs()),
        spec,
        labels,
        annotations,
        "kubernetes",
        Instant.now(),
        Optional.empty(),
        Optional.empty(),
        "Job triggered.",
        Optional.empty(),
        Optional.empty(),
        Map.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private static Pod golden(String name) throws IOException {
    try (InputStream in =
        Files.newInputStream(SharedData.path("prow/artifacts/decorated-pods/" + name))) {
      return new KubernetesSerialization().unmarshal(in, Pod.class);
    }
  }
}
