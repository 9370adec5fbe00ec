package dev.snoop.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snoop.db.Database;
import dev.snoop.db.conformance.ConformanceLists;
import dev.snoop.db.input.Input;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import dev.snoop.db.spec.LevelRule;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.ReferenceData;
import dev.snoop.db.testing.SharedData;
import dev.snoop.ingest.reader.AuditSources;
import dev.snoop.ingest.reader.ReaderOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay derived from APISnoop's 1.33.0 output, ingested against the 1.33.0 spec, gives every
 * endpoint APISnoop's tested and conf_tested flags.
 */
@ExtendWith(MigratedDatabase.class)
class ApisnoopReplayIT {
  private static final Release RELEASE = Release.parse("1.33.0");
  private final Database database;
  private final DSLContext sql;
  private final Path cache;

  ApisnoopReplayIT(Database database, @TempDir Path cache) {
    this.database = database;
    this.sql = database.dsl();
    this.cache = cache;
    InputReader reader = new InputReader(cache);
    ReferenceData.releasesAndSpec(sql, reader, RELEASE, LevelRule.APISNOOP);
    new ConformanceLists(sql, reader)
        .load(RELEASE, Input.file(SharedData.path("conformance-yaml/v1.33.yaml")));
  }

  @Test
  void everyEndpointHasApisnoopsTestedAndConfTested() throws IOException {
    String replay = SharedData.path("audit/derived-apisnoop-replay/replay-1.33.0.jsonl").toString();
    IngestResult result =
        new AuditIngester(database)
            .ingest(
                new IngestRequest(RELEASE, replay, null, null, false, 0),
                new FileFeed(
                    AuditSources.expand(List.of(replay), cache),
                    ReaderOptions.defaults(),
                    n -> {}));
    assertThat(result.eventsRead()).isEqualTo(13_629);
    assertThat(result.requests()).isEqualTo(13_629);
    assertThat(result.unmatched()).isEmpty();
    assertThat(result.matched()).isEqualTo(13_629);
    assertThat(result.problems()).isZero();
    assertThat(sql.fetchValue("select checksum from snoop.ingest_run where id = ?", result.runId()))
        .isEqualTo(
            new dev.snoop.db.input.InputBytes(
                    replay, java.nio.file.Files.readAllBytes(Path.of(replay)))
                .sha256());

    Map<String, List<Boolean>> ours = new TreeMap<>();
    sql.fetch(
            "select o.endpoint, coalesce(bool_or(h.test_hit), false),"
                + " coalesce(bool_or(h.conf_test_hit), false)"
                + " from open_api o left join snoop.endpoint_hit h"
                + " on h.endpoint = o.endpoint and h.release = o.release and h.run_id = ?"
                + " where o.release = '1.33.0' and not o.deprecated group by o.endpoint",
            result.runId())
        .forEach(
            r ->
                ours.put(
                    r.get(0, String.class),
                    List.of(r.get(1, Boolean.class), r.get(2, Boolean.class))));
    Map<String, List<Boolean>> theirs = new TreeMap<>();
    JsonNode published =
        new ObjectMapper().readTree(SharedData.path("apisnoop-coverage/1.33.0.json").toFile());
    for (JsonNode e : published.path("endpoints")) {
      // The replay has one event per (endpoint, named e2e test); an endpoint hit by e2e.test only
      // outside any test (test "", suite setup) has no event in it, so nothing can flag it tested.
      boolean onlySuiteSetup = true;
      for (JsonNode test : e.path("tests")) {
        onlySuiteSetup &= test.isNull() || test.asText().isEmpty();
      }
      theirs.put(
          e.path("endpoint").asText(),
          List.of(
              e.path("tested").asBoolean() && !onlySuiteSetup, e.path("conf_tested").asBoolean()));
    }
    assertThat(theirs).hasSize(843);
    assertThat(ours.keySet()).isEqualTo(theirs.keySet());
    List<String> differences =
        theirs.keySet().stream()
            .filter(e -> !theirs.get(e).equals(ours.get(e)))
            .map(e -> e + " ours " + ours.get(e) + " APISnoop's " + theirs.get(e))
            .toList();
    assertThat(differences).as("[tested, conf_tested] per endpoint").isEmpty();
    // 485 in APISnoop's file, less listAppsV1NamespacedDaemonSet, hit only in suite setup.
    // 485 in APISnoop's file, less listAppsV1NamespacedDaemonSet, hit only in suite setup.
    assertThat(ours.values().stream().filter(v -> v.get(0)).count())
        .isEqualTo(published.path("tested endpoints").asLong() - 1);
  }
}
