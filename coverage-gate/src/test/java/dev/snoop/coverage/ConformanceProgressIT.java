package dev.snoop.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snoop.db.Database;
import dev.snoop.db.conformance.EndpointLists;
import dev.snoop.db.input.Input;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import dev.snoop.db.spec.LevelRule;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.ReferenceData;
import dev.snoop.db.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the real 1.33.0, 1.34.0 and 1.35.0 specs (apisnoop rule) and APISnoop's ineligible list
 * loaded, the eligible endpoints each release has and introduced are those of APISnoop's
 * conformance-progress.json and conformance-coverage-per-release.json. (Which of them are tested
 * needs those releases' audit logs, which are not public.)
 */
@ExtendWith(MigratedDatabase.class)
class ConformanceProgressIT {
  @Test
  void eligibleAndNewEndpointsPerReleaseAreApisnoops(Database database, @TempDir Path temp)
      throws IOException {
    DSLContext sql = database.dsl();
    InputReader reader = new InputReader(temp);
    ReferenceData.releases(sql, reader);
    for (String release : List.of("1.33.0", "1.34.0", "1.35.0")) {
      ReferenceData.spec(sql, reader, Release.parse(release), LevelRule.APISNOOP);
    }
    new EndpointLists(sql, reader)
        .loadIneligible(
            Input.file(SharedData.path("apisnoop-coverage/ineligible_endpoints.json")),
            Release.parse("1.35.0"));
    ObjectMapper json = new ObjectMapper();
    JsonNode progress =
        json.readTree(SharedData.path("apisnoop-coverage/conformance-progress.json").toFile());
    JsonNode perRelease =
        json.readTree(
            SharedData.path("apisnoop-coverage/conformance-coverage-per-release.json").toFile());

    // 1.33.0 is the first release loaded, so everything in it counts as new: compare from 1.34.0.
    for (String release : List.of("1.34.0", "1.35.0")) {
      JsonNode theirs = find(progress, release).path("total");
      Record ours =
          sql.fetchOne(
              "select total_endpoints, new_endpoints from conformance.progress where release = ?",
              release);
      assertThat(ours.get(0, Long.class)).as(release).isEqualTo(theirs.path("endpoints").asLong());
      assertThat(ours.get(1, Long.class)).as(release).isEqualTo(theirs.path("new").asLong());
      assertThat(
              sql.fetchValue(
                  "select \"new endpoints\" from conformance.coverage_per_release"
                      + " where release = ?",
                  release))
          .as(release)
          .isEqualTo(find(perRelease, release).path("new endpoints").asLong());
      assertThat(
              sql.fetchValue(
                  "select count(*) from conformance.new_endpoint where release = ?", release))
          .as(release)
          .isEqualTo(theirs.path("new").asLong());
    }
    assertThat(sql.fetchValue("select release from snoop.latest_release")).isEqualTo("1.35.0");
  }

  private static JsonNode find(JsonNode rows, String release) {
    for (JsonNode row : rows) {
      if (row.path("release").asText().equals(release)) {
        return row;
      }
    }
    throw new AssertionError("no row for " + release);
  }
}
