package dev.snoop.ingest.reader;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snoop.db.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every audit sample in the shared data, read with counts checked by hand against the files: each
 * event is read, or reported with its file and line.
 */
class AuditLogSamplesTest {
  private static final String FALCO = "falco-k8s-audit-traces/";

  /** "events/problems/skipped" per file below audit/, counted by hand. */
  private static final Map<String, String> EXPECTED =
      Map.ofEntries(
          Map.entry("audit2rbac/demo.log", "37/0/0"),
          Map.entry("elastic-integrations-kubernetes/test-audit.log", "4/0/1"),
          Map.entry("elastic-integrations-kubernetes/test-kube-audit.log", "1/0/0"),
          Map.entry("apisnoop-testdata/audit_event.json", "1/0/0"),
          Map.entry("apisnoop-testdata/audit_event_bad_verb.json", "1/0/0"),
          Map.entry("apisnoop-testdata/audit_event_dummy_request.json", "1/0/0"),
          Map.entry("apisnoop-testdata/audit_event_part_count_too_high.json", "1/0/0"),
          Map.entry("apisnoop-testdata/bad_audit_event.json", "1/0/0"),
          Map.entry("apisnoop-testdata/audit-kind-page.html", "0/1/0"),
          Map.entry("apisnoop-attic-2018/example-user-agent.log", "8/0/0"),
          Map.entry("derived-apisnoop-replay/replay-1.33.0.jsonl", "13629/0/0"),
          // one event per file, except these two
          Map.entry(FALCO + "create_configmap_sensitive_values.json", "6/0/0"),
          Map.entry(FALCO + "fal_01_003.json", "0/1/0"));

  private final AuditLogReader reader = new AuditLogReader(ReaderOptions.defaults());

  @Test
  void everySampleFileIsReadWithTheCountsFoundByHand() throws IOException {
    Path root = SharedData.path("audit");
    Map<String, String> found = new TreeMap<>();
    int falcoFiles = 0;
    int falcoEvents = 0;
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = root.relativize(file).toString();
        if (name.equals("SOURCES.md")) {
          continue;
        }
        RecordingSink sink = read(file);
        found.put(name, sink.counts());
        assertThat(sink.problems)
            .allSatisfy(p -> assertThat(p.source()).isEqualTo(file.toString()))
            .allSatisfy(p -> assertThat(p.line()).isPositive());
        if (name.startsWith(FALCO)) {
          falcoFiles++;
          falcoEvents += sink.events.size();
        }
      }
    }
    Map<String, String> expected = new TreeMap<>(EXPECTED);
    found.keySet().stream()
        .filter(name -> name.startsWith(FALCO))
        .forEach(name -> expected.putIfAbsent(name, "1/0/0"));
    assertThat(found).isEqualTo(expected);
    assertThat(falcoFiles).as("SOURCES.md: 51 in 47 files").isEqualTo(47);
    assertThat(falcoEvents).isEqualTo(51);
  }

  @Test
  void theReplayIsThirteenThousandCompleteE2eRequests() {
    RecordingSink sink = read(SharedData.path("audit/derived-apisnoop-replay/replay-1.33.0.jsonl"));
    assertThat(sink.events).hasSize(13_629);
    assertThat(sink.events)
        .allSatisfy(
            e -> {
              assertThat(e.stage()).isEqualTo("ResponseComplete");
              assertThat(e.userAgent()).startsWith("e2e.test/v1.33.0 ");
              assertThat(e.requestUri()).startsWith("/");
              assertThat(e.verb()).isNotNull();
              assertThat(e.code()).isPositive();
              assertThat(e.receivedMicros()).isNotEqualTo(AuditEvent.NO_TIME);
              assertThat(e.stageMicros()).isGreaterThanOrEqualTo(e.receivedMicros());
              assertThat(e.raw()).isNull();
            });
  }

  @Test
  void audit2rbacEventsHaveNoUserAgentAndTheOldTimestamp() {
    RecordingSink sink = read(SharedData.path("audit/audit2rbac/demo.log"));
    AuditEvent first = sink.events.get(0);
    assertThat(first.auditId()).isEqualTo("033d17af-082d-4b24-aa22-627752e83d71");
    assertThat(first.verb()).isEqualTo("list");
    assertThat(first.requestUri()).isEqualTo("/api/v1/namespaces/default/pods");
    assertThat(first.code()).isEqualTo(403);
    assertThat(first.userAgent()).isNull();
    assertThat(first.receivedMicros()).isEqualTo(micros("2017-09-11T19:55:05Z"));
    assertThat(first.stageMicros()).isEqualTo(AuditEvent.NO_TIME);
    assertThat(sink.events).allSatisfy(e -> assertThat(e.stage()).isEqualTo("ResponseComplete"));
  }

  @Test
  void falcoTracesWithoutApiVersionAndV1beta1AreEventsAndKindZeroIsAProblem() {
    Path dir = SharedData.path("audit/falco-k8s-audit-traces");
    AuditEvent attach = read(dir.resolve("attach_pod.json")).events.get(0);
    assertThat(attach.stage()).isEqualTo("ResponseStarted");
    assertThat(attach.code()).isEqualTo(101);
    assertThat(attach.requestUri())
        .endsWith("/attach?container=nginx1&stderr=true&stdin=true&stdout=true");

    AuditEvent v1beta1 = read(dir.resolve("anonymous_creates_namespace_foo.json")).events.get(0);
    assertThat(v1beta1.verb()).isEqualTo("create");
    assertThat(v1beta1.code()).isEqualTo(201);
    assertThat(v1beta1.receivedMicros()).isEqualTo(micros("2018-10-25T13:58:49.730588Z"));

    RecordingSink kindZero = read(dir.resolve("fal_01_003.json"));
    assertThat(kindZero.problems)
        .containsExactly(
            new ReadProblem(
                dir.resolve("fal_01_003.json").toString(),
                1,
                "kind is an integer, expected a string"));
  }

  @Test
  void aksRecordsAreUnwrappedAndGkeCloudAuditIsSkipped() throws IOException {
    Path dir = SharedData.path("audit/elastic-integrations-kubernetes");
    AuditLogReader raw = new AuditLogReader(ReaderOptions.defaults().withKeepRaw(true));

    RecordingSink text = new RecordingSink();
    raw.read(dir.resolve("test-kube-audit.log"), "kube", text);
    AuditEvent fromString = text.events.get(0);
    assertThat(fromString.auditId()).isEqualTo("ad26f7bc-f1c6-4097-90f1-e0924e12f257");
    assertThat(fromString.verb()).isEqualTo("update");
    assertThat(fromString.userAgent())
        .isEqualTo("approver/v0.0.0 (linux/amd64) kubernetes/$Format/leader-election");
    assertThat(fromString.receivedMicros()).isEqualTo(micros("2025-10-07T16:19:19.643609Z"));
    String log =
        new ObjectMapper()
            .readTree(dir.resolve("test-kube-audit.log").toFile())
            .path("properties")
            .path("log")
            .asText();
    assertThat(new String(fromString.raw(), StandardCharsets.UTF_8)).isEqualTo(log);

    RecordingSink mixed = new RecordingSink();
    raw.read(dir.resolve("test-audit.log"), "mixed", mixed);
    assertThat(mixed.skipped).containsExactly(EventFields.GKE_CLOUD_AUDIT);
    assertThat(mixed.events)
        .extracting(AuditEvent::verb)
        .containsExactly("get", "get", "get", "update");
    AuditEvent fromObject = mixed.events.get(3);
    assertThat(fromObject.userAgent()).startsWith("elastic-agent/");
    String file = Files.readString(dir.resolve("test-audit.log"));
    String lastLine = file.strip().lines().reduce((a, b) -> b).orElseThrow();
    String nested = new String(fromObject.raw(), StandardCharsets.UTF_8);
    assertThat(lastLine).contains("\"log\":" + nested + ",\"pod\"");
    assertThat(nested).startsWith("{\"kind\":\"Event\"").endsWith("}}");
  }

  @Test
  void anHtmlPageIsOneProblemAtItsFirstLine() {
    Path page = SharedData.path("audit/apisnoop-testdata/audit-kind-page.html");
    RecordingSink sink = read(page);
    assertThat(sink.events).isEmpty();
    assertThat(sink.problems).hasSize(1);
    assertThat(sink.problems.get(0).line()).isEqualTo(1);
    assertThat(sink.problems.get(0).reason())
        .startsWith("not valid JSON: Unexpected character ('<'");
  }

  @Test
  void apisnoopFixturesAreReadAsTheyAreEvenWithABadVerb() {
    Path dir = SharedData.path("audit/apisnoop-testdata");
    assertThat(read(dir.resolve("audit_event_bad_verb.json")).events)
        .extracting(AuditEvent::verb)
        .containsExactly("calebiscool");
    AuditEvent event = read(dir.resolve("audit_event.json")).events.get(0);
    assertThat(List.of(event.verb(), event.requestUri(), event.userAgent()))
        .containsExactly(
            "get", "/api/v1/nodes/bootstrap-e2e-minion-group-9s5q", "node-problem-detector/v0.8.9");
    assertThat(event.stageMicros() - event.receivedMicros()).isEqualTo(372);
  }

  @Test
  void the2018KubectlUserAgentKeepsItsStacktrace() {
    RecordingSink sink = read(SharedData.path("audit/apisnoop-attic-2018/example-user-agent.log"));
    assertThat(sink.events).hasSize(8);
    assertThat(sink.events.get(0).userAgent())
        .startsWith("kubectl/v1.12.0 (linux/amd64) kubernetes/b143093 stacktrace=[");
  }

  private RecordingSink read(Path file) {
    RecordingSink sink = new RecordingSink();
    reader.read(file, file.toString(), sink);
    return sink;
  }

  private static long micros(String time) {
    Instant instant = Instant.parse(time);
    return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
  }
}
