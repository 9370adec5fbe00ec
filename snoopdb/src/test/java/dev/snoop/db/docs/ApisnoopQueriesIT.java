package dev.snoop.db.docs;

import static dev.snoop.db.jooq.public_.Tables.OPEN_API;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.db.Database;
import dev.snoop.db.conformance.ConformanceLists;
import dev.snoop.db.conformance.EndpointLists;
import dev.snoop.db.input.Input;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import dev.snoop.db.spec.LevelRule;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.ReferenceData;
import dev.snoop.db.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Runs every query of docs/queries.md on the real 1.33.0 and 1.34.0 data. */
@ExtendWith(MigratedDatabase.class)
class ApisnoopQueriesIT {
  private static final Path DOC = Path.of("../docs/queries.md");
  private final DSLContext sql;

  ApisnoopQueriesIT(Database database, @TempDir Path cache) {
    this.sql = database.dsl();
    InputReader reader = new InputReader(cache);
    ReferenceData.releases(sql, reader);
    for (String release : List.of("1.33.0", "1.34.0")) {
      ReferenceData.spec(sql, reader, Release.parse(release), LevelRule.APISNOOP);
    }
    new ConformanceLists(sql, reader)
        .load(Release.parse("1.34.0"), Input.file(SharedData.path("conformance-yaml/v1.34.yaml")));
    new EndpointLists(sql, reader)
        .loadIneligible(
            Input.file(SharedData.path("apisnoop-coverage/ineligible_endpoints.json")), null);
  }

  @Test
  void everyQueryOfTheDocRuns() throws IOException {
    List<String> queries = queries();
    assertThat(queries).hasSize(15);
    for (String query : queries.subList(0, 9)) {
      assertThat(sql.fetch(query)).as(query).isNotEmpty();
    }
    // The coverage views, with no audit run loaded: everything is there, nothing tested.
    for (String query : queries.subList(11, 15)) {
      assertThat(sql.fetch(query)).as(query).isNotEmpty();
    }
  }

  @Test
  void theQueriesGiveApisnoopsAnswers() throws IOException {
    List<String> q = queries();
    assertThat(sql.fetch(q.get(0)).getValues(0, String.class)).containsExactly("1.33.0", "1.34.0");
    assertThat(sql.fetch(q.get(1)).getValue(0, 0).toString()).isEqualTo("1.34.0");
    Result<?> firstReleases = sql.fetch(q.get(3));
    assertThat(firstReleases.getValues(1, String.class)).containsOnly("1.33.0", "1.34.0");
    // 1.34.0.json says 859 non-deprecated endpoints; 1.33.0.json 843.
    int newIn134 = sql.fetch(q.get(4)).size();
    assertThat(newIn134).isPositive().isLessThan(859);
    assertThat(sql.fetch(q.get(6)).get(0).get(0, Integer.class))
        .isEqualTo(stableEndpointsNotIneligible("1.34.0"));
    // APISnoop's README query: nothing is first released in 1.20.0 when 1.33.0 is the oldest spec.
    assertThat(sql.fetch(q.get(9))).isEmpty();
    Result<?> newlyStable = sql.fetch(q.get(10));
    List<String> endpoints = newlyStable.getValues("endpoint", String.class);
    assertThat(endpoints).isNotEmpty().contains("createResourceV1DeviceClass");
    assertThat(
            sql.fetchCount(
                OPEN_API, OPEN_API.RELEASE.eq("1.33.0").and(OPEN_API.ENDPOINT.in(endpoints))))
        .isZero();
  }

  /** Counted from APISnoop's published files, not from our tables. */
  private static int stableEndpointsNotIneligible(String release) throws IOException {
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    java.util.Set<String> ineligible = new java.util.HashSet<>();
    json.readTree(SharedData.path("apisnoop-coverage/ineligible_endpoints.json").toFile())
        .forEach(e -> ineligible.add(e.path("endpoint").asText()));
    int count = 0;
    for (var e :
        json.readTree(SharedData.path("apisnoop-coverage/" + release + ".json").toFile())
            .path("endpoints")) {
      if (e.path("level").asText().equals("stable")
          && !ineligible.contains(e.path("endpoint").asText())) {
        count++;
      }
    }
    return count;
  }

  private static List<String> queries() throws IOException {
    Matcher m = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC));
    List<String> queries = new ArrayList<>();
    while (m.find()) {
      queries.add(m.group(1).strip().replaceAll(";$", ""));
    }
    return queries;
  }
}
