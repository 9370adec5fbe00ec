package dev.snoop.db.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.db.input.InputBytes;
import dev.snoop.db.spec.SpecParameters.QueryParameter;
import dev.snoop.db.testing.SharedData;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecParametersTest {
  private static final String SPEC =
      """
      {"swagger": "2.0", "info": {"title": "t", "version": "v"},
       "parameters": {
         "pretty-x": {"name": "pretty", "in": "query", "type": "string", "description": "p"},
         "name-x": {"name": "name", "in": "path", "required": true, "type": "string"}},
       "definitions": {"Pod": {"type": "object"}},
       "paths": {
         "/api/v1/pods/{name}": {
           "parameters": [{"$ref": "#/parameters/name-x"}, {"$ref": "#/parameters/pretty-x"},
                          {"name": "limit", "in": "query", "type": "integer"}],
           "get": {"operationId": "readPod", "responses": {"200": {"description": "ok"}},
                   "parameters": [{"name": "limit", "in": "query", "type": "integer",
                                   "required": true, "description": "own"}]},
           "put": {"operationId": "replacePod", "responses": {"200": {"description": "ok"}},
                   "parameters": [{"name": "body", "in": "body", "required": true,
                                   "schema": {"$ref": "#/definitions/Pod"}},
                                  {"name": "dryRun", "in": "query", "type": "string"}]}}}}
      """;

  @Test
  void mergesPathLevelParametersResolvesRefsAndKeepsQueryOnes() {
    Map<String, List<QueryParameter>> parameters =
        SpecParser.parseV2WithParameters(
                new InputBytes("test.json", SPEC.getBytes(StandardCharsets.UTF_8)))
            .parameters();
    assertThat(parameters.get("readPod"))
        .containsExactlyInAnyOrder(
            new QueryParameter("limit", true, "own"), new QueryParameter("pretty", false, "p"));
    assertThat(parameters.get("replacePod"))
        .extracting(QueryParameter::name)
        .containsExactlyInAnyOrder("dryRun", "pretty", "limit");
  }

  @Test
  void readsKubernetesSpecsQueryParameters() {
    var v2 =
        SpecParser.parseV2WithParameters(
                RealSpecs.bytes(SharedData.path("openapi/v1.34.0/swagger.json")))
            .parameters();
    assertThat(v2.get("listCoreV1NamespacedPod"))
        .extracting(QueryParameter::name)
        .containsExactlyInAnyOrder(
            "allowWatchBookmarks",
            "continue",
            "fieldSelector",
            "labelSelector",
            "limit",
            "pretty",
            "resourceVersion",
            "resourceVersionMatch",
            "sendInitialEvents",
            "timeoutSeconds",
            "watch");
    assertThat(v2.get("createCoreV1NamespacedPod"))
        .extracting(QueryParameter::name)
        .containsExactlyInAnyOrder("pretty", "dryRun", "fieldManager", "fieldValidation");
    assertThat(v2.get("deleteCoreV1NamespacedPod"))
        .extracting(QueryParameter::name)
        .contains("gracePeriodSeconds", "propagationPolicy", "dryRun");
    assertThat(v2.get("readCoreV1NamespacedPodLog"))
        .extracting(QueryParameter::name)
        .contains("container", "follow", "tailLines");
  }

  @Test
  void readsAnOpenApi3DocumentsQueryParameters() {
    var v3 =
        SpecParser.parseV3WithParameters(
                RealSpecs.bytes(SharedData.path("openapi/v1.34.0-v3/api__v1_openapi.json")))
            .parameters();
    assertThat(v3.get("createCoreV1NamespacedPod"))
        .extracting(QueryParameter::name)
        .containsExactlyInAnyOrder("pretty", "dryRun", "fieldManager", "fieldValidation");
  }
}
