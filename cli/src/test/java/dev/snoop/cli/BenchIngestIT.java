package dev.snoop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.db.Database;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** snoop bench ingest: shapes in turn in one process, their figures, and nothing left behind. */
@ExtendWith(MigratedDatabase.class)
class BenchIngestIT {
  private final String dbUrl;
  @TempDir Path temp;

  BenchIngestIT(Database database) {
    this.dbUrl = database.jdbcUrl();
  }

  @Test
  void comparesShapesRunAfterRunAndRemovesItsRuns() throws Exception {
    Path logs = temp.resolve("logs");
    SnoopRun run = bench("--shape", "realistic,wide", "--runs", "2", "--log-dir", logs.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    String out = run.out();
    assertThat(out)
        .containsPattern(
            "run 1 of 2: ingest benchmark: 20,000 events \\(realistic log, .*generated in")
        .containsPattern("run 1 of 2: ingest benchmark: 20,000 events \\(wide log, .*generated in")
        .containsPattern(
            "run 2 of 2: ingest benchmark: 20,000 events \\(wide log, [^\\n]*bytes/event\\)\\n")
        .containsPattern(
            "phases: start \\d+ ms, read, match, copy events \\d+ ms, .*write aggregate")
        .containsPattern("after a full collection once done")
        .containsPattern(
            "realistic events/s per run: [\\d,]+ [\\d,]+; median [\\d,]+ \\(100% of realistic\\)")
        .containsPattern(
            "wide +events/s per run: [\\d,]+ [\\d,]+; median [\\d,]+ \\(\\d+% of realistic\\)");
    int realisticRows = rows(out, "realistic");
    int wideRows = rows(out, "wide");
    assertThat(wideRows).isGreaterThan(5 * realisticRows);
    assertThat(logs.resolve("audit-wide-20000.log")).exists();
    assertThat(sql("select count(*) as n from snoop.ingest_run")).isEqualTo("n\n0\n");
    assertThat(sql("select count(*) as n from pg_tables where tablename like '%_run\\_%'"))
        .isEqualTo("n\n0\n");

    SnoopRun again = bench("--shape", "wide", "--log-dir", logs.toString());
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.out()).doesNotContain("generated in").contains("(wide log,");
    assertThat(Files.size(logs.resolve("audit-wide-20000.log"))).isPositive();

    SnoopRun wrong = bench("--shape", "tall");
    assertThat(wrong.exit()).isEqualTo(2);
    assertThat(wrong.err()).contains("--shape").contains("realistic, wide or stages");
  }

  /** The aggregate rows of a shape's first run. */
  private static int rows(String out, String shape) {
    int at = out.indexOf("(" + shape + " log,");
    int rows = out.indexOf("aggregate: ", at) + "aggregate: ".length();
    return Integer.parseInt(out.substring(rows, out.indexOf(" rows", rows)).replace(",", ""));
  }

  private SnoopRun bench(String... more) {
    String[] args =
        new String[] {
          "bench",
          "ingest",
          "--spec",
          SharedData.path("openapi/v1.34.0/swagger.json").toString(),
          "--conformance",
          SharedData.path("conformance-yaml/v1.34.yaml").toString(),
          "--events",
          "20000"
        };
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return SnoopRun.of(dbUrl, temp.resolve("cache"), all);
  }

  private String sql(String query) {
    SnoopRun run = SnoopRun.of(dbUrl, temp.resolve("cache"), "sql", "--format", "csv", query);
    assertThat(run.exit()).as(run.err()).isZero();
    return run.out();
  }
}
