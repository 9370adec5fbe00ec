package dev.snoop.coverage.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.snoop.coverage.gate.AuditLogs;
import dev.snoop.coverage.gate.AuditLogs.Hit;
import dev.snoop.db.Database;
import dev.snoop.db.conformance.ConformanceLists;
import dev.snoop.db.conformance.ConformanceTest;
import dev.snoop.db.input.Input;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.input.InvalidValueException;
import dev.snoop.db.release.Release;
import dev.snoop.db.spec.LevelRule;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.ReferenceData;
import dev.snoop.db.testing.SharedData;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two jobs, two builds each: the conformance job hits listCoreV1Node in both of its builds, the
 * other job never does. Pooled, listCoreV1Node would be "hit in 2 of 4 builds", unstable.
 */
@ExtendWith(MigratedDatabase.class)
class StabilityOfSeveralJobsIT {
  private static final Release R134 = Release.parse("1.34.0");
  private static final String CONFORMANCE_JOB = "ci-kubernetes-gce-conformance-latest";
  private static final String OTHER_JOB = "ci-kubernetes-e2e-gci-gce";

  private final CoverageStability stability;

  StabilityOfSeveralJobsIT(Database database, @TempDir Path temp) {
    InputReader reader = new InputReader(temp.resolve("cache"));
    ReferenceData.releasesAndSpec(database.dsl(), reader, R134, LevelRule.EXACT);
    String test =
        new ConformanceLists(database.dsl(), reader)
            .load(R134, Input.file(SharedData.path("conformance-yaml/v1.34.yaml"))).stream()
                .map(ConformanceTest::codename)
                .findFirst()
                .orElseThrow();
    AuditLogs logs = new AuditLogs(database, temp);
    Instant time = Instant.parse("2026-11-20T09:00:00Z");
    for (int build = 1; build <= 2; build++) {
      time = time.plusSeconds(3600);
      logs.ingestAsProw(
          R134,
          CONFORMANCE_JOB,
          "10" + build,
          logs.write(R134, time, List.of(new Hit("listCoreV1Node", test))));
      logs.ingestAsProw(
          R134,
          OTHER_JOB,
          "20" + build,
          logs.write(R134, time, List.of(new Hit("listCoreV1Namespace", test))));
    }
    stability = new CoverageStability(database.dsl());
  }

  @Test
  void withoutAJobTheBuildsOfSeveralJobsAreNotPooled() {
    assertThatThrownBy(() -> stability.stability(BuildSet.all(R134, Optional.empty())))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "1.34.0 has stored builds of 2 jobs (ci-kubernetes-e2e-gci-gce,"
                + " ci-kubernetes-gce-conformance-latest); name one as the job: stability is"
                + " measured over one job's builds");
    assertThatThrownBy(
            () ->
                stability.compare(
                    BuildSet.previous(R134, Optional.empty(), 1),
                    BuildSet.newest(R134, Optional.empty(), 1),
                    0.95))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("name one as the job");
  }

  @Test
  void eachJobIsStableOnItsOwn() {
    Stability conformance = stability.stability(BuildSet.all(R134, Optional.of(CONFORMANCE_JOB)));
    assertThat(conformance.builds()).hasSize(2);
    assertThat(conformance.endpoints())
        .extracting(EndpointBuilds::endpoint, EndpointBuilds::hitIn)
        .containsExactly(tuple("listCoreV1Node", 2));
    assertThat(conformance.unstable()).isEmpty();
  }

  @Test
  void theGateCountsBuildsOfEveryJob() {
    Stability pooled = stability.pooled(BuildSet.all(R134, Optional.empty()));
    assertThat(pooled.builds()).hasSize(4);
    assertThat(pooled.endpoints())
        .extracting(EndpointBuilds::endpoint, EndpointBuilds::hitIn)
        .containsExactly(tuple("listCoreV1Namespace", 2), tuple("listCoreV1Node", 2));
  }
}
