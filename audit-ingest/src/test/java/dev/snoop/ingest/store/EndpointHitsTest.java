package dev.snoop.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snoop.ingest.attribution.TestAttribution;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EndpointHitsTest {
  private static final String E2E = "e2e.test/v1.34.0 (linux/amd64) kubernetes/abc -- ";

  private record Row(
      String endpoint, String agent, String test, long hits, long first, long last) {}

  private static List<Row> rows(EndpointHits hits) throws IOException {
    List<Row> rows = new ArrayList<>();
    hits.forEachRow(
        (endpoint, agent, who, count, first, last, classes) ->
            rows.add(new Row(endpoint, agent, who.test(), count, first, last)));
    return rows;
  }

  @Test
  void countsEachOperationAndAgentOnceWithFirstAndLastTime() throws IOException {
    EndpointHits hits = new EndpointHits();
    String agent = E2E + "[sig-node] Pods";
    TestAttribution who = TestAttribution.of(agent);
    hits.add("readPod", new String(agent), who, 30, -1, List.of());
    hits.add("readPod", new String(agent), who, 10, -1, List.of());
    hits.add("listPods", agent, who, Long.MIN_VALUE, -1, List.of());
    hits.add(
        "readPod", "kubelet/v1.34.0", TestAttribution.of("kubelet/v1.34.0"), 20, -1, List.of());
    hits.add("listPods", null, TestAttribution.of(null), 5, -1, List.of());

    assertThat(hits.size()).isEqualTo(4);
    List<Row> rows = rows(hits);
    assertThat(rows)
        .extracting(Row::endpoint)
        .containsExactly("listPods", "listPods", "readPod", "readPod");
    assertThat(rows)
        .containsExactlyInAnyOrder(
            new Row("listPods", agent, "[sig-node] Pods", 1, Long.MAX_VALUE, Long.MIN_VALUE),
            new Row("listPods", "", null, 1, 5, 5),
            new Row("readPod", agent, "[sig-node] Pods", 2, 10, 30),
            new Row("readPod", "kubelet/v1.34.0", null, 1, 20, 20));
  }

  /** Many agents and operations in random order: the same sums as a plain map, by operation. */
  @Test
  void keepsEveryRowAsItsTablesGrow() throws IOException {
    EndpointHits hits = new EndpointHits();
    Map<String, long[]> expected = new HashMap<>();
    Random random = new Random(7);
    for (int i = 0; i < 50_000; i++) {
      String op = "op" + random.nextInt(900);
      String agent = "agent " + random.nextInt(60);
      long time = random.nextInt(1_000_000);
      hits.add(op, agent, TestAttribution.of(agent), time, -1, List.of());
      long[] sum =
          expected.computeIfAbsent(op + "|" + agent, k -> new long[] {0, Long.MAX_VALUE, 0});
      sum[0]++;
      sum[1] = Math.min(sum[1], time);
      sum[2] = Math.max(sum[2], time);
    }
    List<Row> rows = rows(hits);
    assertThat(rows).hasSize(expected.size());
    assertThat(hits.size()).isEqualTo(expected.size());
    for (int i = 1; i < rows.size(); i++) {
      assertThat(rows.get(i - 1).endpoint()).isLessThanOrEqualTo(rows.get(i).endpoint());
    }
    for (Row row : rows) {
      long[] sum = expected.get(row.endpoint() + "|" + row.agent());
      assertThat(new long[] {row.hits(), row.first(), row.last()}).isEqualTo(sum);
    }
  }

  @Test
  void isFullAtItsLimitAndEmptyWhenCleared() throws IOException {
    EndpointHits hits = new EndpointHits(3);
    TestAttribution who = TestAttribution.of("a");
    hits.add("x", "a", who, 1, -1, List.of());
    hits.add("x", "a", who, 2, -1, List.of());
    hits.add("y", "a", who, 3, -1, List.of());
    assertThat(hits.full()).isFalse();
    hits.add("z", "a", who, 4, -1, List.of());
    assertThat(hits.full()).isTrue();
    hits.clear();
    assertThat(hits.full()).isFalse();
    assertThat(rows(hits)).isEmpty();
    hits.add("x", "a", who, 5, -1, List.of());
    assertThat(rows(hits)).containsExactly(new Row("x", "a", null, 1, 5, 5));
    assertThatThrownBy(() -> new EndpointHits(0)).hasMessageContaining("positive");
  }

  private record Outcome(String endpoint, String agent, List<Long> classes) {}

  private static List<Outcome> outcomes(EndpointHits hits) throws IOException {
    List<Outcome> rows = new ArrayList<>();
    hits.forEachRow(
        (endpoint, agent, who, count, first, last, classes) ->
            rows.add(
                new Outcome(endpoint, agent, java.util.Arrays.stream(classes).boxed().toList())));
    return rows;
  }

  @Test
  void countsStatusClassesOnceEachAndOutcomesOfRequestsCountedBefore() throws IOException {
    EndpointHits hits = new EndpointHits();
    TestAttribution who = TestAttribution.of("a");
    hits.add("readPod", "a", who, 1, 200, List.of());
    hits.add("readPod", "a", who, 2, 404, List.of());
    hits.add("readPod", "a", who, 3, -1, List.of()); // status still to come
    hits.addOutcome("readPod", "a", who, 101);
    hits.add("readPod", "a", who, 4, 503, List.of());
    hits.add("readPod", "a", who, 5, 304, List.of());
    hits.addOutcome("readPod", "a", who, 42); // no HTTP status: not counted

    assertThat(outcomes(hits))
        .containsExactly(new Outcome("readPod", "a", List.of(1L, 1L, 1L, 1L, 1L)));
    assertThat(rows(hits)).extracting(Row::hits).containsExactly(5L);
  }

  @Test
  void countsParameterNamesPerOperationAndAgent() throws IOException {
    EndpointHits hits = new EndpointHits();
    TestAttribution a = TestAttribution.of("a");
    TestAttribution b = TestAttribution.of("b");
    hits.add("listPods", "a", a, 1, 200, List.of("watch", "labelSelector"));
    hits.add("listPods", "a", a, 2, 200, List.of("watch"));
    hits.add("listPods", "b", b, 3, 200, List.of("watch"));
    hits.add("readPod", "a", a, 4, 200, List.of());
    List<String> rows = new ArrayList<>();
    hits.forEachParameterRow(
        (endpoint, agent, who, parameter, count) ->
            rows.add(endpoint + " " + agent + " " + parameter + " " + count));
    assertThat(rows)
        .containsExactlyInAnyOrder(
            "listPods a watch 2", "listPods a labelSelector 1", "listPods b watch 1");
    assertThat(hits.size()).isEqualTo(2 + 1 + 3); // (op, agent) rows and parameter rows
  }
}
