package dev.snoop.ci.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** plank's decoration defaults, merged as Prow merges them, from prow.k8s.io's real config.yaml. */
class DecorationDefaultsTest {
  private final DecorationDefaults defaults =
      ProwSettings.read(RealJobFiles.prowConfig()).decorationDefaults();

  private static ObjectNode json(String text) {
    return (ObjectNode) JsonMapper.shared().readTree(text);
  }

  @Test
  void theDefaultEntryAppliesToEveryJob() {
    ObjectNode merged = defaults.merge("kubernetes/kubernetes", "default", json("{}"));
    assertThat(merged.path("timeout").asString()).isEqualTo("2h");
    assertThat(merged.path("gcs_credentials_secret").asString()).isEqualTo("service-account");
    assertThat(merged.path("utility_images").path("sidecar").asString()).contains("sidecar");
  }

  @Test
  void aClusterEntryOverridesTheDefaultEvenWithAnEmptyString() {
    ObjectNode merged =
        defaults.merge("kubernetes/kubernetes", "k8s-infra-aks-prow-build", json("{}"));
    assertThat(merged.path("gcs_credentials_secret").isString()).isTrue();
    assertThat(merged.path("gcs_credentials_secret").asString()).isEmpty();
    assertThat(merged.path("timeout").asString()).isEqualTo("2h");
  }

  @Test
  void theJobsOwnValuesWinAndSubObjectsMergeFieldByField() {
    ObjectNode merged =
        defaults.merge(
            "org/repo",
            "default",
            json(
                "{\"timeout\":\"3h\",\"utility_images\":{\"sidecar\":\"mine\"},\"ssh_key_secrets\":[]}"));
    assertThat(merged.path("timeout").asString()).isEqualTo("3h");
    assertThat(merged.path("grace_period").asString()).isEqualTo("15m");
    assertThat(merged.path("utility_images").path("sidecar").asString()).isEqualTo("mine");
    assertThat(merged.path("utility_images").path("clonerefs").asString()).contains("clonerefs");
  }

  @Test
  void entriesMatchByRepoOrgOrStar() {
    DecorationDefaults entries =
        new DecorationDefaults(
            List.of(
                new DecorationDefaults.Entry(
                    "*", "", json("{\"timeout\":\"1h\",\"grace_period\":\"1s\"}")),
                new DecorationDefaults.Entry("org", "", json("{\"timeout\":\"2h\"}")),
                new DecorationDefaults.Entry("org/repo", "", json("{\"timeout\":\"3h\"}")),
                new DecorationDefaults.Entry("", "gpu", json("{\"grace_period\":\"9s\"}"))));
    assertThat(entries.merge("org/repo", "default", json("{}")).path("timeout").asString())
        .isEqualTo("3h");
    assertThat(entries.merge("org/other", "default", json("{}")).path("timeout").asString())
        .isEqualTo("2h");
    assertThat(entries.merge("else/x", "default", json("{}")).path("timeout").asString())
        .isEqualTo("1h");
    assertThat(entries.merge("else/x", "gpu", json("{}")).path("grace_period").asString())
        .isEqualTo("9s");
    assertThat(entries.merge("else/x", "default", json("{}")).path("grace_period").asString())
        .isEqualTo("1s");
  }
}
