package dev.snoop.db.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Parsing and deriving against the real v2 specs and the counts in openapi/STATS.json. */
class SpecParserTest {
  static final List<String> releases = RealSpecs.V2_RELEASES;

  @ParameterizedTest
  @FieldSource("releases")
  void operationAndActionCountsMatchStats(String release) {
    List<SpecOperation> ops = RealSpecs.operations(release);
    JsonNode stats = RealSpecs.stats(release);
    assertThat(ops).hasSize(stats.path("operations").asInt());
    assertThat(count(ops, op -> op.action() == null ? "<none>" : op.action()))
        .isEqualTo(counts(stats.path("actions")));
    assertThat(count(ops, op -> op.method().toLowerCase()))
        .isEqualTo(counts(stats.path("methods")));
    assertThat(ops.stream().filter(op -> SpecDeriver.deprecated(op.description())).count())
        .isEqualTo(stats.path("deprecated_desc").asLong());
  }

  @ParameterizedTest
  @FieldSource("releases")
  void pathVersionLevelsMatchStats(String release) {
    List<SpecOperation> ops = RealSpecs.operations(release);
    assertThat(
            count(
                ops,
                op -> PathVersion.of(op.path()).map(PathVersion::levelOf).orElse("unversioned")))
        .isEqualTo(counts(RealSpecs.stats(release).path("levels")));
  }

  @ParameterizedTest
  @FieldSource("releases")
  void apisnoopLevelsMatchStats(String release) {
    List<OpenApiRow> rows = SpecDeriver.derive(RealSpecs.operations(release), LevelRule.APISNOOP);
    JsonNode stats = RealSpecs.stats(release);
    assertThat(count(rows, OpenApiRow::level)).isEqualTo(counts(stats.path("snoop_levels_all")));
    assertThat(count(rows.stream().filter(r -> !r.deprecated()).toList(), OpenApiRow::level))
        .isEqualTo(counts(stats.path("snoop_levels_nondeprecated")));
  }

  @ParameterizedTest
  @FieldSource("releases")
  void exactRuleDiffersFromApisnoopOnlyOnVersionlessEndpoints(String release) {
    List<SpecOperation> ops = RealSpecs.operations(release);
    Map<String, String> exact = levels(ops, LevelRule.EXACT);
    Map<String, String> apisnoop = levels(ops, LevelRule.APISNOOP);
    for (SpecOperation op : ops) {
      if (PathVersion.of(op.path()).isPresent()
          && !LevelRule.OIDC_OPERATIONS.contains(op.operationId())) {
        assertThat(exact.get(op.operationId()))
            .as(op.path())
            .isEqualTo(apisnoop.get(op.operationId()));
      }
    }
    assertThat(exact.get("getServiceAccountIssuerOpenIDConfiguration")).isEqualTo("stable");
    assertThat(exact.get("getServiceAccountIssuerOpenIDKeyset")).isEqualTo("stable");
    assertThat(apisnoop.get("getServiceAccountIssuerOpenIDKeyset")).isEqualTo("beta");
    assertThat(exact.get("getAppsAPIGroup")).isEqualTo("stable");
    assertThat(exact.get("getCoreAPIVersions")).isEqualTo("stable");
  }

  @Test
  void exactRuleGivesAlphaOnlyGroupsDiscoveryTheirLevel() {
    Map<String, String> exact = levels(RealSpecs.operations("1.34.0"), LevelRule.EXACT);
    Map<String, String> apisnoop = levels(RealSpecs.operations("1.34.0"), LevelRule.APISNOOP);
    // storagemigration.k8s.io and internal.apiserver.k8s.io serve only v1alpha1 in 1.34.
    assertThat(exact.get("getStoragemigrationAPIGroup")).isEqualTo("alpha");
    assertThat(exact.get("getInternalApiserverAPIGroup")).isEqualTo("alpha");
    assertThat(apisnoop.get("getStoragemigrationAPIGroup")).isEqualTo("stable");
    // resource.k8s.io went GA (v1) in 1.34: its discovery endpoint is stable under both rules.
    assertThat(exact.get("getResourceAPIGroup")).isEqualTo("stable");
  }

  @Test
  void v3DocumentsHaveTheV2OperationsLessDiscovery() {
    List<SpecOperation> v2 = RealSpecs.operations("1.34.0");
    SpecSource.V3 v3 =
        (SpecSource.V3) SpecSource.v3(dev.snoop.db.testing.SharedData.path("openapi/v1.34.0-v3"));
    List<SpecOperation> fromV3 =
        v3.documents().stream()
            .flatMap(
                d ->
                    SpecParser.parseV3(
                        RealSpecs.bytes(((dev.snoop.db.input.Input.LocalFile) d).path()))
                        .stream())
            .toList();
    // v3 has one document per group-version, so the group and root discovery endpoints, the
    // version and logs endpoints and the OIDC discovery endpoints are not in it.
    Set<String> onlyInV2 =
        Set.of(
            "getAPIVersions",
            "getCoreAPIVersions",
            "getCodeVersion",
            "logFileHandler",
            "logFileListHandler",
            "getServiceAccountIssuerOpenIDConfiguration",
            "getServiceAccountIssuerOpenIDKeyset",
            "getAdmissionregistrationAPIGroup",
            "getApiextensionsAPIGroup",
            "getApiregistrationAPIGroup",
            "getAppsAPIGroup",
            "getAuthenticationAPIGroup",
            "getAuthorizationAPIGroup",
            "getAutoscalingAPIGroup",
            "getBatchAPIGroup",
            "getCertificatesAPIGroup",
            "getCoordinationAPIGroup",
            "getDiscoveryAPIGroup",
            "getEventsAPIGroup",
            "getFlowcontrolApiserverAPIGroup",
            "getInternalApiserverAPIGroup",
            "getNetworkingAPIGroup",
            "getNodeAPIGroup",
            "getPolicyAPIGroup",
            "getRbacAuthorizationAPIGroup",
            "getResourceAPIGroup",
            "getSchedulingAPIGroup",
            "getStorageAPIGroup",
            "getStoragemigrationAPIGroup");
    Set<SpecOperation> expected =
        v2.stream().filter(op -> !onlyInV2.contains(op.operationId())).collect(Collectors.toSet());
    assertThat(Set.copyOf(fromV3)).isEqualTo(expected);
    assertThat(fromV3).hasSize(v2.size() - onlyInV2.size());
  }

  @Test
  void categoryIsTheFirstTagUpToItsUnderscore() {
    assertThat(SpecDeriver.category("core_v1")).isEqualTo("core");
    assertThat(SpecDeriver.category("rbacAuthorization_v1")).isEqualTo("rbacAuthorization");
    assertThat(SpecDeriver.category("WellKnown")).isEqualTo("WellKnown");
    assertThat(SpecDeriver.category(null)).isNull();
  }

  private static Map<String, String> levels(List<SpecOperation> ops, LevelRule rule) {
    return SpecDeriver.derive(ops, rule).stream()
        .collect(Collectors.toMap(OpenApiRow::endpoint, OpenApiRow::level));
  }

  private static <T> Map<String, Integer> count(List<T> items, Function<T, String> key) {
    return items.stream().collect(Collectors.toMap(key, x -> 1, Integer::sum, TreeMap::new));
  }

  private static Map<String, Integer> counts(JsonNode node) {
    Map<String, Integer> counts = new TreeMap<>();
    node.fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asInt()));
    return counts;
  }
}
