package dev.snoop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snoop.db.Database;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** snoop coverage, snoop export and snoop bench coverage on the ingested 1.33.0 replay. */
@ExtendWith(MigratedDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoverageCliIT {
  private final String dbUrl;
  private final Path temp;

  CoverageCliIT(Database database, @TempDir Path temp) {
    this.dbUrl = database.jdbcUrl();
    this.temp = temp;
    ok("load", "releases", "--file", data("apisnoop-coverage/releases.yaml"));
    ok(
        "load",
        "spec",
        "--release",
        "1.33.0",
        "--level-rule",
        "apisnoop",
        "--file",
        data("openapi/v1.33.0/swagger.json"));
    ok("load", "conformance", "--release", "1.33.0", "--file", data("conformance-yaml/v1.33.yaml"));
    ok("load", "ineligible", "--file", data("apisnoop-coverage/ineligible_endpoints.json"));
    ok("ingest", "--release", "1.33.0", data("audit/derived-apisnoop-replay/replay-1.33.0.jsonl"));
  }

  @Test
  void coveragePrintsTheSummaryAsTextAndJson() throws IOException {
    String text = ok("coverage", "--release", "1.33.0").out();
    assertThat(text)
        .contains("release 1.33.0 (levels by the apisnoop rule)")
        .containsPattern("all levels +843 +484 \\(57\\.4%\\)")
        .containsPattern("stable +609 ")
        .containsPattern("eligible +508 ")
        .contains("by category")
        .contains("no earlier release loaded")
        .contains("eligible endpoints without a conformance-test hit:");

    JsonNode json =
        new ObjectMapper()
            .readTree(ok("coverage", "--release", "1.33.0", "--format", "json").out());
    assertThat(json.path("all").path("endpoints").asInt()).isEqualTo(843);
    assertThat(json.path("levelRule").asText()).isEqualTo("apisnoop");
    assertThat(json.path("untestedEligible").size())
        .isEqualTo(
            json.path("eligible").path("endpoints").asInt()
                - json.path("eligible").path("conformanceTested").asInt());
  }

  @Test
  void exportWritesApisnoopsFiles() throws IOException {
    Path out = temp.resolve("coverage");
    SnoopRun run = ok("export", "--release", "1.33.0", "--out", out.toString());
    List<String> files =
        List.of(
            "1.33.0.json",
            "releases.yaml",
            "conformance-progress.json",
            "conformance-coverage-per-release.json",
            "conformance-endpoints.json",
            "new-endpoints.json",
            "ineligible_endpoints.json",
            "ineligible_endpoints.yaml",
            "pending_eligible_endpoints.yaml");
    assertThat(run.out().lines()).hasSize(files.size()).allMatch(l -> l.startsWith("wrote "));
    try (Stream<Path> listed = Files.list(out)) {
      assertThat(listed.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(files);
    }
    // Without --release: every release with a loaded spec, which here is 1.33.0 alone.
    Path all = temp.resolve("all");
    ok("export", "--out", all.toString());
    try (Stream<Path> listed = Files.list(all)) {
      assertThat(listed.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(files);
    }
    JsonNode release = new ObjectMapper().readTree(out.resolve("1.33.0.json").toFile());
    assertThat(release.path("total endpoints").asInt()).isEqualTo(843);
  }

  @Test
  void aReleaseWithoutSpecExitsTwo() {
    SnoopRun run = snoop("coverage", "--release", "1.99.0");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "ERROR: no spec is loaded for release 1.99.0; load it: snoop load spec --release"
                + " 1.99.0\n");
    assertThat(snoop("export", "--release", "1.99.0", "--out", temp.toString()).exit())
        .isEqualTo(2);
  }

  @Test
  void benchCoveragePrintsItsFigures() {
    assertThat(ok("bench", "coverage", "--release", "1.33.0", "--runs", "2").out())
        .contains("coverage benchmark: release 1.33.0, 13,629 events")
        .contains("warm median")
        .contains("gate benchmark: release 1.33.0");
    SnoopRun generated =
        ok(
            "bench",
            "coverage",
            "--spec",
            data("openapi/v1.34.0/swagger.json"),
            "--conformance",
            data("conformance-yaml/v1.34.yaml"),
            "--events",
            "20000",
            "--runs",
            "2");
    assertThat(generated.out())
        .contains("ingest benchmark: 20,000 events")
        .contains("coverage benchmark: release 0.0.2, 20,000 events")
        .containsPattern(
            "gate benchmark: release 0.0.2\n.*\n.*warm median .*\n  \\([1-9][0-9]* new eligible");
    // The generated release and its run are gone afterwards.
    assertThat(ok("sql", "--format", "csv", "select count(*) as n from snoop.ingest_run").out())
        .isEqualTo("n\n1\n");
    assertThat(
            ok(
                    "sql",
                    "--format",
                    "csv",
                    "select count(*) as n from open_api where release = '0.0.2'")
                .out())
        .isEqualTo("n\n0\n");
  }

  private SnoopRun ok(String... args) {
    SnoopRun run = snoop(args);
    assertThat(run.exit()).as(String.join(" ", args) + ": " + run.err()).isZero();
    return run;
  }

  private SnoopRun snoop(String... args) {
    return SnoopRun.of(dbUrl, temp.resolve("cache"), args);
  }

  private static String data(String relative) {
    return SharedData.path(relative).toString();
  }
}
