package dev.snoop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.db.Database;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The snoop command end to end on a real database: output and exit codes. */
@ExtendWith(MigratedDatabase.class)
class CliIT {
  private final String dbUrl;
  @TempDir Path temp;

  CliIT(Database database) {
    this.dbUrl = database.jdbcUrl();
  }

  @Test
  void upLoadsTheReleaseAndPrintsItsSummary() {
    SnoopRun run =
        snoop(
            "up",
            "--offline",
            "--release",
            "1.34.0",
            "--releases",
            data("apisnoop-coverage/releases.yaml"),
            "--spec",
            data("openapi/v1.34.0/swagger.json"),
            "--conformance",
            data("conformance-yaml/v1.34.yaml"),
            "--ineligible",
            data("apisnoop-coverage/ineligible_endpoints.json"));
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("release 1.34.0 (levels by the exact rule)")
        .contains("endpoints      859")
        // 549 stable endpoints of APISnoop's 1.34.0.json are not ineligible; the exact rule adds
        // the two OIDC endpoints, which APISnoop calls beta.
        .contains("eligible       551 stable endpoints")
        .contains("424 tests listed, 424 required for a v1.34 submission");
    assertThat(run.err()).contains("skipped pending list");
    assertThat(run.out()).endsWith("  tested         (no audit logs ingested yet)\n");

    SnoopRun csv =
        snoop(
            "sql",
            "--format",
            "csv",
            "select count(*) as n from open_api where release = '1.34.0'");
    assertThat(csv.out()).isEqualTo("n\n1062\n");
  }

  @Test
  void badInputExitsTwoWithOneErrorLineNamingTheInput() throws IOException {
    snoop("load", "releases", "--file", data("apisnoop-coverage/releases.yaml"));
    Path page =
        Files.writeString(temp.resolve("swagger.json"), "<html><body>rate limited</body></html>");
    SnoopRun run = snoop("load", "spec", "--release", "1.34.0", "--file", page.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("ERROR: " + page).contains("HTML").doesNotContain("\tat ");
    assertThat(run.err().lines().count()).isEqualTo(1);
  }

  @Test
  void usageErrorsAndFailedQueriesExitTwo() {
    assertThat(snoop("load", "spec", "--bogus").exit()).isEqualTo(2);
    assertThat(snoop("load", "spec", "--release", "one", "--file", "x").exit()).isEqualTo(2);
    SnoopRun query = snoop("sql", "select no_such_column");
    assertThat(query.exit()).isEqualTo(2);
    assertThat(query.err()).contains("no_such_column");
    assertThat(snoop("db", "reset").exit()).isEqualTo(2);
    SnoopRun noSource = snoop("ingest", "--release", "1.34.0");
    assertThat(noSource.exit()).isEqualTo(2);
    assertThat(noSource.err()).contains("at least one SOURCE").contains("Usage: snoop ingest");
  }

  @Test
  void badValuesAreUserErrorsNotInternalOnes() throws IOException {
    loadRelease134();
    Path log = Files.writeString(temp.resolve("values.log"), event("v", "/api/v1/nodes", "list"));
    List<List<String>> calls =
        List.of(
            List.of("coverage", "--release", "1.x"),
            List.of("load", "spec", "--release", "1.34.0", "--level-rule", "strict"),
            List.of("load", "releases", "--url", "https://example.com/a b.yaml"),
            List.of("ingest", "--release", "1.34.0", "--max-problems", "-1", log.toString()),
            List.of("ingest", "prow", "--job", "../etc"),
            List.of("ingest", "prow", "--job", "ci-x", "--build", "12a"),
            List.of("ingest", "prow", "--job", "ci-x", "--bucket-url", "ftp://host/bucket"),
            List.of("gate", "--release", "1.34.0", "--max-age", "0s"),
            List.of("bot", "--once", "--repo", "no-slash"));
    for (List<String> call : calls) {
      SnoopRun run = snoop(call.toArray(String[]::new));
      assertThat(run.exit()).as("%s: %s", call, run.err()).isEqualTo(2);
      assertThat(run.err()).as("%s", call).contains("ERROR: ").doesNotContain("internal error");
    }
    // the subcommand is reached although "snoop ingest" itself needs --release and a SOURCE
    assertThat(snoop("ingest", "prow", "--job", "../etc").err())
        .isEqualTo("ERROR: \"../etc\" is not a Prow job name (letters, digits, '.', '_', '-')\n");
  }

  @Test
  void errorsTheCommandLineCanHelpWithCarryAHint() {
    loadRelease134();
    SnoopRun noSpec = snoop("coverage", "--release", "1.32.0");
    assertThat(noSpec.exit()).isEqualTo(2);
    assertThat(noSpec.err())
        .isEqualTo(
            "ERROR: no spec is loaded for release 1.32.0; load it: snoop load spec --release"
                + " 1.32.0\n");
    SnoopRun unknown = snoop("load", "conformance", "--release", "9.9.0", "--file", "x.yaml");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err())
        .isEqualTo(
            "ERROR: release 9.9.0 is not in the release catalogue; load the catalogue: snoop load"
                + " releases [--file F]\n");
  }

  @Test
  void loadCommandsReportWhatTheyLoaded() {
    assertThat(snoop("load", "releases", "--file", data("apisnoop-coverage/releases.yaml")).out())
        .contains("working release 1.37.0");
    assertThat(
            snoop(
                    "load",
                    "conformance",
                    "--release",
                    "1.33.0",
                    "--file",
                    data("conformance-yaml/v1.33.yaml"))
                .out())
        .contains("loaded 419 conformance tests for 1.33.0 (417 required for a v1.33 submission)");
    assertThat(
            snoop(
                    "load",
                    "spec",
                    "--release",
                    "1.33.0",
                    "--level-rule",
                    "apisnoop",
                    "--file",
                    data("openapi/v1.33.0/swagger.json"))
                .out())
        .contains("1041 operations (198 deprecated)")
        .contains("rule apisnoop");
    assertThat(snoop("db", "status").out()).contains("schema:    version").contains("1.33.0");
  }

  @Test
  void ingestPrintsTheRunAndRefusesAnUnreadableLogNamingFileAndLine() throws IOException {
    loadRelease134();
    Path log =
        Files.writeString(
            temp.resolve("audit.log"),
            event("a", "/api/v1/nodes", "list")
                + event("b", "/api/v1/namespaces/ns/pods/p", "get")
                + event("c", "/healthz", "get"));
    SnoopRun run = snoop("ingest", "--release", "1.34.0", log.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("ingested " + log + " for 1.34.0 (run ")
        .contains("3 events, 3 requests")
        .contains("matched 2 (66.67%)")
        .contains("unmatched non_api_path");

    Path bad =
        Files.writeString(temp.resolve("bad.log"), event("d", "/api/v1/nodes", "list") + "{oops\n");
    SnoopRun refused =
        snoop("ingest", "--release", "1.34.0", "--max-problems", "0", bad.toString());
    assertThat(refused.exit()).isEqualTo(2);
    assertThat(refused.err()).startsWith("ERROR: ").contains(bad + ":2");
    assertThat(
            snoop("sql", "--format", "csv", "select count(*) as runs from snoop.ingest_run").out())
        .isEqualTo("runs\n1\n");
  }

  @Test
  void upIngestsTheAuditLogsItIsGiven() throws IOException {
    Path log =
        Files.writeString(
            temp.resolve("up-audit.log"),
            event("u1", "/api/v1/nodes", "list") + event("u2", "/readyz", "get"));
    SnoopRun run =
        snoop(
            "up",
            "--offline",
            "--release",
            "1.34.0",
            "--releases",
            data("apisnoop-coverage/releases.yaml"),
            "--spec",
            data("openapi/v1.34.0/swagger.json"),
            "--audit",
            log.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("ingested " + log + ": 2 requests, 50.0% matched")
        // other tests of the class ingest into the same database
        .containsPattern("coverage of 1\\.34\\.0 by \\d+ audit runs? \\([0-9,]+ events\\):")
        .containsPattern("all levels +859 +0 \\(0\\.0%\\)")
        .doesNotContain("no audit logs ingested yet");
  }

  private void loadRelease134() {
    snoop("load", "releases", "--file", data("apisnoop-coverage/releases.yaml"));
    snoop("load", "spec", "--release", "1.34.0", "--file", data("openapi/v1.34.0/swagger.json"));
  }

  private static String event(String auditId, String uri, String verb) {
    return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\","
        + "\"auditID\":\""
        + auditId
        + "\",\"stage\":\"ResponseComplete\",\"requestURI\":\""
        + uri
        + "\",\"verb\":\""
        + verb
        + "\",\"userAgent\":\"kubectl/v1.34.0\","
        + "\"responseStatus\":{\"code\":200},"
        + "\"requestReceivedTimestamp\":\"2026-11-20T10:00:00.000000Z\","
        + "\"stageTimestamp\":\"2026-11-20T10:00:00.100000Z\"}\n";
  }

  /** Checked by the command, not by picocli, so that {@code snoop ingest prow} needs neither. */
  @Test
  void ingestWithoutAReleaseOrASourceSaysWhatIsMissing() {
    for (String[] args :
        new String[][] {{"ingest", "--release", "1.34.0"}, {"ingest", "audit.log"}, {"ingest"}}) {
      SnoopRun run = snoop(args);
      assertThat(run.exit()).isEqualTo(2);
      assertThat(run.err())
          .startsWith("Missing required options and parameters: --release and at least one SOURCE");
    }
  }

  private SnoopRun snoop(String... args) {
    return SnoopRun.of(dbUrl, temp, args);
  }

  private static String data(String relative) {
    return SharedData.path(relative).toString();
  }
}
