package dev.snoop.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snoop.db.conformance.EndpointLists;
import dev.snoop.db.input.Input;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import dev.snoop.db.spec.LevelRule;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.ReferenceData;
import dev.snoop.db.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Eligible for conformance" has one definition (snoop.eligible_operation): the release summary,
 * APISnoop's conformance.eligible_endpoint and the gate's view agree on real specs, and a change of
 * the ineligible list moves them all.
 */
@ExtendWith(MigratedDatabase.class)
class EligibilityIT {
  private static final Release V133 = Release.parse("1.33.0");
  private static final Release V134 = Release.parse("1.34.0");
  private final DSLContext sql;
  private final InputReader reader;

  EligibilityIT(Database database, @TempDir Path cache) {
    this.sql = database.dsl();
    this.reader = new InputReader(cache);
    ReferenceData.releases(sql, reader);
    ReferenceData.spec(sql, reader, V133, LevelRule.APISNOOP);
    ReferenceData.spec(sql, reader, V134, LevelRule.APISNOOP);
  }

  @Test
  void everyReaderOfTheRuleCountsTheSameOperations(@TempDir Path dir) throws Exception {
    new EndpointLists(sql, reader)
        .loadIneligible(
            Input.file(SharedData.path("apisnoop-coverage/ineligible_endpoints.json")), null);
    assertAgree(apisnoopEligible("1.34.0"));

    Path shorter = dir.resolve("ineligible.yaml");
    Files.writeString(
        shorter,
        "- endpoint: connectCoreV1PostNamespacedPodExec\n"
            + "  reason: Deprecated and uses a sometime unreliable SPDY protocol\n"
            + "  link: https://github.com/kubernetes/kubernetes/issues/89180\n");
    new EndpointLists(sql, reader).loadIneligible(Input.file(shorter), null);
    int stable =
        sql.fetchCount(
            sql.selectFrom("public.open_api")
                .where("release = '1.34.0' and level = 'stable' and not deprecated"));
    assertAgree(stable - 1);
  }

  private void assertAgree(int eligible) {
    assertThat(ReleaseSummary.of(sql, V134).eligible()).isEqualTo(eligible);
    assertThat(count("conformance.eligible_endpoint", "true")).isEqualTo(eligible);
    assertThat(count("conformance.release_eligible_endpoint", "release = '1.34.0'"))
        .isEqualTo(eligible);
    assertThat(count("conformance.release_eligible_endpoint", "release = '1.33.0'"))
        .isEqualTo(ReleaseSummary.of(sql, V133).eligible())
        .isPositive();
  }

  /** conformance-progress.json's eligible endpoints of a release, judged by today's list. */
  private static int apisnoopEligible(String release) throws Exception {
    for (var r :
        new ObjectMapper()
            .readTree(SharedData.path("apisnoop-coverage/conformance-progress.json").toFile())) {
      if (r.path("release").asText().equals(release)) {
        return r.path("total").path("endpoints").asInt();
      }
    }
    throw new AssertionError("no " + release + " in conformance-progress.json");
  }

  private int count(String view, String condition) {
    return sql.fetchCount(sql.selectFrom(view).where(condition));
  }
}
