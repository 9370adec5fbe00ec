package dev.snoop.ingest.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.db.input.InputBytes;
import dev.snoop.db.spec.SpecOperation;
import dev.snoop.db.spec.SpecParser;
import dev.snoop.db.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointMatcherTest {
  /** Every operation of every spec, from URIs made of its template, maps back to it. */
  @ParameterizedTest
  @ValueSource(strings = {"v1.30.0", "v1.33.0", "v1.34.0", "v1.35.0", "v1.34.0-v3"})
  void everyOperationIsFoundFromItsOwnUris(String spec) throws IOException {
    List<SpecOperation> ops = operations(spec);
    EndpointMatcher matcher =
        EndpointMatcher.of(ops.stream().map(EndpointMatcherTest::op).toList());
    Map<Integer, TreeSet<String>> literalsAtDepth = literalsAtDepth(ops);
    List<String> failures = new ArrayList<>();
    int tried = 0;
    for (SpecOperation op : ops) {
      HttpMethod method = HttpMethod.of(op.method());
      for (String uri : uris(op.path(), literalsAtDepth)) {
        tried++;
        Match match = matcher.match(method, uri);
        if (!op.operationId().equals(match.operationId())) {
          failures.add(method + " " + uri + " -> " + match + ", expected " + op.operationId());
        }
      }
    }
    assertThat(failures).as("of %d URIs", tried).isEmpty();
    assertThat(tried).isGreaterThan(ops.size() * 3);
  }

  @Test
  void auditVerbsMapAsApisnoopMapsThem() throws IOException {
    EndpointMatcher m = matcher("v1.34.0");
    assertThat(m.match("get", "/api/v1/nodes/node-1").operationId()).isEqualTo("readCoreV1Node");
    assertThat(m.match("list", "/api/v1/namespaces/ns/pods?limit=500").operationId())
        .isEqualTo("listCoreV1NamespacedPod");
    assertThat(
            m.match("watch", "/api/v1/namespaces/ns/pods?watch=true&resourceVersion=1")
                .operationId())
        .isEqualTo("listCoreV1NamespacedPod");
    assertThat(m.match("list", "/api/v1/pods").operationId())
        .isEqualTo("listCoreV1PodForAllNamespaces");
    assertThat(m.match("watch", "/api/v1/watch/namespaces/ns/pods").operationId())
        .isEqualTo("watchCoreV1NamespacedPodList");
    assertThat(m.match("deletecollection", "/api/v1/namespaces/ns/pods").operationId())
        .isEqualTo("deleteCoreV1CollectionNamespacedPod");
    assertThat(m.match("create", "/api/v1/namespaces/ns/pods/p/exec?command=ls").operationId())
        .isEqualTo("connectCoreV1PostNamespacedPodExec");
    assertThat(m.match("get", "/api/v1/nodes/n/proxy/metrics/cadvisor").operationId())
        .isEqualTo("connectCoreV1GetNodeProxyWithPath");
    assertThat(m.match("get", "/api/v1/namespaces/ns/pods/p/proxy?method=HEAD").operationId())
        .isEqualTo("connectCoreV1HeadNamespacedPodProxy");
    assertThat(m.match("", "/api/v1/namespaces/ns/services/s/proxy/a/b").operationId())
        .isEqualTo("connectCoreV1OptionsNamespacedServiceProxyWithPath");
    assertThat(m.match("update", "/api/v1/namespaces/status/status").operationId())
        .isEqualTo("replaceCoreV1NamespaceStatus");
    assertThat(m.match("update", "/api/v1/namespaces/finalize/finalize").operationId())
        .isEqualTo("replaceCoreV1NamespaceFinalize");
    assertThat(
            m.match("patch", "/apis/apps/v1/namespaces/ns/deployments/scale/scale").operationId())
        .isEqualTo("patchAppsV1NamespacedDeploymentScale");
    assertThat(m.match("get", "/logs/kube-apiserver.log").operationId())
        .isEqualTo("logFileHandler");
    assertThat(m.match("get", "/apis/apps/").operationId()).isEqualTo("getAppsAPIGroup");
    assertThat(m.match("get", "/apis/apps").operationId()).isEqualTo("getAppsAPIGroup");
  }

  @Test
  void requestsThatAreNoOperationGetAReason() throws IOException {
    EndpointMatcher m = matcher("v1.34.0");
    assertThat(m.match("get", "/healthz").unmatched()).isEqualTo(Unmatched.NON_API_PATH);
    assertThat(m.match("get", "/readyz?verbose").unmatched()).isEqualTo(Unmatched.NON_API_PATH);
    assertThat(m.match("get", "/metrics").unmatched()).isEqualTo(Unmatched.NON_API_PATH);
    assertThat(m.match("get", "/openapi/v2").unmatched()).isEqualTo(Unmatched.NON_API_PATH);
    assertThat(m.match("get", "/openapi/v3/apis/apps/v1").unmatched())
        .isEqualTo(Unmatched.NON_API_PATH);
    assertThat(m.match("list", "/apis/stable.example.com/v1/namespaces/ns/crontabs").unmatched())
        .isEqualTo(Unmatched.UNKNOWN_API_GROUP);
    assertThat(m.match("get", "/apis/metrics.k8s.io/v1beta1/nodes").unmatched())
        .isEqualTo(Unmatched.UNKNOWN_API_GROUP);
    assertThat(m.match("calebiscool", "/api/v1/nodes").unmatched())
        .isEqualTo(Unmatched.UNKNOWN_VERB);
    assertThat(m.match("create", "/api/v1/nodes/n/status").unmatched())
        .isEqualTo(Unmatched.NO_SUCH_METHOD);
    assertThat(m.match("get", "/api/v1/nodes/n/frobnicate/x/y").unmatched())
        .isEqualTo(Unmatched.NO_SUCH_PATH);
    assertThat(m.match("get", null).unmatched()).isEqualTo(Unmatched.NO_URI);
  }

  /**
   * Kubernetes' specs never need it, but a literal that leads nowhere must give way to a parameter.
   */
  @Test
  void aLiteralThatLeadsNowhereBacktracksToTheParameter() {
    EndpointMatcher m =
        EndpointMatcher.of(
            List.of(
                new Operation("/apis/g/v1/{name}/status", HttpMethod.GET, "readStatus"),
                new Operation("/apis/g/v1/watch/items", HttpMethod.GET, "watchItems"),
                new Operation("/apis/g/v1/watch/status", HttpMethod.PUT, "putWatchStatus")));
    assertThat(m.match(HttpMethod.GET, "/apis/g/v1/watch/status").operationId())
        .isEqualTo("readStatus");
    assertThat(m.match(HttpMethod.PUT, "/apis/g/v1/watch/status").operationId())
        .isEqualTo("putWatchStatus");
    assertThat(m.match(HttpMethod.GET, "/apis/g/v1/watch/items").operationId())
        .isEqualTo("watchItems");
    assertThat(m.match(HttpMethod.GET, "/apis/g/v1/other/status").operationId())
        .isEqualTo("readStatus");
  }

  @Test
  void segmentsIgnoreEmptyOnesAndTheQuery() {
    assertThat(EndpointMatcher.segments("/api/v1//pods/?x=/y"))
        .containsExactly("api", "v1", "pods");
    assertThat(EndpointMatcher.segments("/")).isEmpty();
  }

  /** A URI per variant: ordinary values, each literal seen at a parameter's depth, a query. */
  static List<String> uris(String template, Map<Integer, TreeSet<String>> literalsAtDepth) {
    String[] parts = template.replaceAll("^/|/$", "").split("/");
    List<String> uris = new ArrayList<>();
    uris.add(fill(parts, -1, null));
    uris.add(fill(parts, -1, null) + "?limit=500&watch=true");
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].startsWith("{")) {
        for (String literal : literalsAtDepth.getOrDefault(i, new TreeSet<>())) {
          uris.add(fill(parts, i, literal));
        }
      }
    }
    return uris;
  }

  private static String fill(String[] parts, int at, String value) {
    StringBuilder uri = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      uri.append('/');
      if (i == at) {
        uri.append(value);
      } else if (part.equals("{path}") || part.equals("{logpath}")) {
        uri.append("some/deeper/path.log");
      } else if (part.startsWith("{")) {
        uri.append(part, 1, part.length() - 1).append("-1");
      } else {
        uri.append(part);
      }
    }
    return uri.toString();
  }

  private static Map<Integer, TreeSet<String>> literalsAtDepth(List<SpecOperation> ops) {
    Map<Integer, TreeSet<String>> literals = new HashMap<>();
    for (SpecOperation op : ops) {
      String[] parts = op.path().replaceAll("^/|/$", "").split("/");
      for (int i = 0; i < parts.length; i++) {
        if (!parts[i].startsWith("{") && !parts[i].isEmpty()) {
          literals.computeIfAbsent(i, k -> new TreeSet<>()).add(parts[i]);
        }
      }
    }
    return literals;
  }

  static EndpointMatcher matcher(String spec) throws IOException {
    return EndpointMatcher.of(operations(spec).stream().map(EndpointMatcherTest::op).toList());
  }

  static Operation op(SpecOperation op) {
    return new Operation(op.path(), HttpMethod.of(op.method()), op.operationId());
  }

  static List<SpecOperation> operations(String spec) throws IOException {
    Path dir = SharedData.path("openapi/" + spec);
    List<SpecOperation> ops = new ArrayList<>();
    if (spec.endsWith("-v3")) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.sorted().toList()) {
          ops.addAll(SpecParser.parseV3(new InputBytes(file.toString(), Files.readAllBytes(file))));
        }
      }
    } else {
      Path file = dir.resolve("swagger.json");
      ops.addAll(SpecParser.parseV2(new InputBytes(file.toString(), Files.readAllBytes(file))));
    }
    return ops;
  }
}
