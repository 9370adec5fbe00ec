package dev.snoop.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snoop.db.Database;
import dev.snoop.db.input.InputException;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import dev.snoop.db.spec.LevelRule;
import dev.snoop.db.spec.NoSpecException;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.ReferenceData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live sink's batches land in testing.audit_event: mapped, once per request, all or nothing.
 */
@ExtendWith(MigratedDatabase.class)
class LiveAuditIngestIT {
  private static final Release RELEASE = Release.parse("1.34.0");
  private static final String TEST =
      "e2e.test/v1.34.0 (linux/amd64) kubernetes/abc -- [sig-node] Pods should be submitted and"
          + " removed [NodeConformance] [Conformance]";
  private final Database database;
  private final DSLContext sql;
  private final LiveAuditIngest live;

  LiveAuditIngestIT(Database database, @TempDir Path cache) {
    this.database = database;
    this.sql = database.dsl();
    ReferenceData.releasesAndSpec(sql, new InputReader(cache), RELEASE, LevelRule.EXACT);
    this.live = new LiveAuditIngest(database, RELEASE);
  }

  private static String event(String id, String stage, String verb, String uri, String agent) {
    return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\","
        + ("\"auditID\":\"" + id + "\",\"stage\":\"" + stage + "\",")
        + ("\"requestURI\":\"" + uri + "\",\"verb\":\"" + verb + "\",")
        + ("\"userAgent\":\"" + agent + "\",")
        + "\"requestReceivedTimestamp\":\"2026-11-20T10:00:00.000000Z\","
        + "\"stageTimestamp\":\"2026-11-20T10:00:00.100000Z\"}";
  }

  private static InputStream eventList(String... events) {
    String body =
        "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"metadata\":{},\"items\":["
            + String.join(",", events)
            + "]}";
    return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void storesEachRequestOnceMappedAndAttributedWithItsJson() {
    LiveAuditIngest.Batch first =
        live.accept(
            eventList(
                event("a", "RequestReceived", "get", "/api/v1/namespaces/ns/pods/p", TEST),
                event("a", "ResponseComplete", "get", "/api/v1/namespaces/ns/pods/p", TEST),
                event("b", "ResponseComplete", "get", "/healthz", "kube-probe/1.34")),
            "live:10.0.0.1");
    assertThat(first).isEqualTo(new LiveAuditIngest.Batch(3, 2, 1, Map.of("non_api_path", 1)));

    Record a =
        sql.fetchOne(
            "select release, endpoint, test, test_hit, conf_test_hit, source,"
                + " data->>'stage' as stage from testing.audit_event where audit_id = 'a'");
    assertThat(a.get("release")).isEqualTo("1.34.0");
    assertThat(a.get("endpoint")).isEqualTo("readCoreV1NamespacedPod");
    assertThat(a.get("test"))
        .isEqualTo(
            "[sig-node] Pods should be submitted and removed [NodeConformance] [Conformance]");
    assertThat(a.get("test_hit")).isEqualTo(true);
    assertThat(a.get("conf_test_hit")).isEqualTo(true);
    assertThat(a.get("source")).isEqualTo("live:10.0.0.1");
    assertThat(a.get("stage")).isEqualTo("RequestReceived");
    assertThat(sql.fetchValue("select endpoint from testing.audit_event where audit_id = 'b'"))
        .isNull();

    // the later stage of a request stored from an earlier batch adds nothing
    LiveAuditIngest.Batch second =
        live.accept(
            eventList(
                event("a", "ResponseComplete", "get", "/api/v1/namespaces/ns/pods/p", TEST),
                event("c", "ResponseComplete", "list", "/api/v1/nodes", "kubelet/v1.34.0")),
            "live:10.0.0.1");
    assertThat(second.stored()).isEqualTo(1);
    assertThat(
            sql.fetchValue(
                "select count(*) from testing.audit_event where source = 'live:10.0.0.1'"))
        .isEqualTo(3L);
  }

  @Test
  void aBatchWithAnUnreadablePartIsRefusedWholeNamingTheProblem() {
    live.accept(
        eventList(event("kept", "ResponseComplete", "list", "/api/v1/nodes", "kubelet")), "live:x");
    String truncated =
        event("new", "ResponseComplete", "list", "/api/v1/nodes", "kubelet")
            + "\n"
            + event("bad", "ResponseComplete", "list", "/api/v1/nodes", "kubelet").substring(0, 40);
    assertThatThrownBy(
            () ->
                live.accept(
                    new ByteArrayInputStream(truncated.getBytes(StandardCharsets.UTF_8)),
                    "live:10.0.0.2"))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith("audit batch from live:10.0.0.2, line 2: truncated")
        .hasMessageEndingWith("; nothing of the batch was stored");
    assertThat(
            sql.fetchValues(
                "select audit_id from testing.audit_event where source in ('live:x', 'live:10.0.0.2')"))
        .asList()
        .containsExactly("kept");
  }

  @Test
  void aBatchOfSomethingElseThanAuditEventsIsRefusedAnEmptyOneTaken() {
    assertThatThrownBy(
            () ->
                live.accept(
                    new ByteArrayInputStream(
                        "{\"kind\":\"Pod\",\"apiVersion\":\"v1\"}"
                            .getBytes(StandardCharsets.UTF_8)),
                    "live:pod"))
        .isInstanceOf(InputException.class)
        .hasMessage(
            "audit batch from live:pod: kind Pod, not an audit Event (a batch holds audit events"
                + " only); nothing of the batch was stored");
    assertThat(live.accept(eventList(), "live:empty"))
        .isEqualTo(new LiveAuditIngest.Batch(0, 0, 0, Map.of()));
  }

  @Test
  void readsGzippedBodies() throws IOException {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
      eventList(event("z", "ResponseComplete", "list", "/api/v1/nodes", "kubelet"))
          .transferTo(gzip);
    }
    LiveAuditIngest.Batch batch =
        live.accept(new ByteArrayInputStream(zipped.toByteArray()), "live:gzip");
    assertThat(batch.stored()).isEqualTo(1);
    assertThat(sql.fetchValue("select endpoint from testing.audit_event where audit_id = 'z'"))
        .isEqualTo("listCoreV1Node");
  }

  @Test
  void aGzippedBodyCutShortIsRefusedWhole() throws IOException {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
      eventList(
              event("cut-1", "ResponseComplete", "list", "/api/v1/nodes", "kubelet"),
              event("cut-2", "ResponseComplete", "list", "/api/v1/nodes", "kubelet"))
          .transferTo(gzip);
    }
    byte[] cut = Arrays.copyOf(zipped.toByteArray(), zipped.size() - 12);
    assertThatThrownBy(() -> live.accept(new ByteArrayInputStream(cut), "live:cut"))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith("audit batch from live:cut: truncated gzip stream: ")
        .hasMessageEndingWith("; nothing of the batch was stored");
    assertThat(sql.fetchValue("select count(*) from testing.audit_event where source = 'live:cut'"))
        .isEqualTo(0L);
  }

  @Test
  void needsTheReleasesSpec() {
    assertThatThrownBy(() -> new LiveAuditIngest(database, Release.parse("1.33.0")))
        .isInstanceOf(NoSpecException.class)
        .hasMessage("no spec is loaded for release 1.33.0");
  }
}
