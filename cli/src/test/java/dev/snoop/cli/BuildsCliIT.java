package dev.snoop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.db.Database;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.SharedData;
import dev.snoop.ingest.prow.BucketServer;
import dev.snoop.ingest.prow.BuildTree;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job's builds on the command line: four builds in a local bucket (104 failed; 101-103
 * succeeded), each with an audit log written here. A conformance test lists nodes in every build
 * and namespaces in 101 and 102 only.
 */
@ExtendWith(MigratedDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BuildsCliIT {
  private static final String JOB = "ci-kubernetes-audit-kind-conformance";
  private final String dbUrl;
  private final Path temp;
  private final BucketServer bucket;
  private final String test;

  BuildsCliIT(Database database, @TempDir Path temp) throws IOException {
    this.dbUrl = database.jdbcUrl();
    this.temp = temp;
    ok("load", "releases", "--file", data("apisnoop-coverage/releases.yaml"));
    ok("load", "spec", "--release", "1.34.0", "--file", data("openapi/v1.34.0/swagger.json"));
    ok("load", "conformance", "--release", "1.34.0", "--file", data("conformance-yaml/v1.34.yaml"));
    test =
        ok(
                "sql",
                "--format",
                "csv",
                "select codename from conformance.test order by codename limit 1")
            .out()
            .lines()
            .skip(1)
            .findFirst()
            .orElseThrow()
            .replaceAll("^\"|\"$", "");
    bucket = new BucketServer(temp.resolve("bucket"));
    BuildTree tree = new BuildTree(bucket, JOB).finished("104", "FAILURE");
    for (String build : new String[] {"101", "102", "103"}) {
      String log = event(build + "-nodes", "/api/v1/nodes");
      if (!build.equals("103")) {
        log += event(build + "-namespaces", "/api/v1/namespaces");
      }
      tree.finished(build, "SUCCESS")
          .file(build, "artifacts/logs/kind-control-plane/kubernetes-version.txt", "v1.34.0")
          .file(build, "artifacts/audit/audit.log", log);
    }
  }

  @AfterAll
  void stop() {
    bucket.close();
  }

  @Test
  @Order(1)
  void ingestProwBuildsStoresTheNewestSuccessfulOnesAsRunsOfTheirOwn() {
    SnoopRun run =
        ok(
            "ingest",
            "prow",
            "--job",
            JOB,
            "--builds",
            "3",
            "--release",
            "1.34.0",
            "--bucket-url",
            bucket.url());
    assertThat(run.out().lines().filter(l -> l.startsWith("ingested ")).count())
        .as(run.out())
        .isEqualTo(3);
    assertThat(
            ok(
                    "sql",
                    "--format",
                    "csv",
                    "select build_id, newest from snoop.stored_build" + " order by newest")
                .out())
        .isEqualTo("build_id,newest\n103,1\n102,2\n101,3\n");
    // Coverage counts the newest build only.
    assertThat(
            ok(
                    "sql",
                    "--format",
                    "csv",
                    "select conf_tested from endpoint_coverage where release"
                        + " = '1.34.0' and endpoint in ('listCoreV1Namespace', 'listCoreV1Node')"
                        + " order by endpoint")
                .out())
        .isEqualTo("conf_tested\nfalse\ntrue\n");
  }

  @Test
  @Order(2)
  void stabilityCountsBuildsAndTheNewestAgainstThePreviousIsNoSignificantRegression() {
    assertThat(ok("stability", "--release", "1.34.0", "--job", JOB).out())
        .contains("1.34.0 " + JOB + " every stored build: 3 builds\n")
        .contains("conformance-tested in every build: 1 endpoints\n")
        .contains("  2/3  listCoreV1Namespace\n        " + test + "\n");
    // 1 of 1 against 0 of 1: p = 1/2, far from significant.
    SnoopRun newest = ok("stability", "--release", "1.34.0", "--job", JOB, "--newest", "1");
    assertThat(newest.out()).contains("(Fisher's exact test, one-sided): 0\n");
    assertThat(ok("stability", "--release", "1.34.0", "--format", "json").out())
        .contains("\"hitIn\" : 2");
    SnoopRun both =
        snoop("stability", "--release", "1.34.0", "--newest", "1", "--base-release", "1.33.0");
    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.err()).isEqualTo("ERROR: give --base-release or --newest, not both\n");
  }

  @Test
  @Order(3)
  void diffBetweenTheOldestAndTheNewestBuild() {
    assertThat(
            ok(
                    "diff",
                    "--release",
                    "1.34.0",
                    "--base",
                    "101",
                    "--head",
                    JOB,
                    "--format",
                    "markdown")
                .out())
        .contains("| conformance-tested | 2 | 1 | 0 | 1 |")
        .contains("| `listCoreV1Namespace` | ");
    assertThat(ok("diff", "--release", "1.34.0", "--base", "101", "--head", "103").out())
        .contains("conformance-tested: 2 -> 1 (+0 -1)\n  - listCoreV1Namespace\n");
    SnoopRun missing = snoop("diff", "--release", "1.34.0", "--base", "nope", "--head", JOB);
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).startsWith("ERROR: \"nope\" names no stored run of 1.34.0");
  }

  @Test
  @Order(4)
  void theGateRefusesAMinimumBelowOne() {
    SnoopRun run = snoop("gate", "--release", "1.34.0", "--min-builds", "0");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("ERROR: the minimum number of builds must be at least 1, not 0\n");
  }

  private String event(String id, String path) {
    String time = "2026-11-20T10:00:00Z";
    return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\","
        + "\"auditID\":\""
        + id
        + "\",\"stage\":\"ResponseComplete\",\"requestURI\":\""
        + path
        + "\",\"verb\":\"list\",\"userAgent\":\"e2e.test/v1.34.0 (linux/amd64) kubernetes/0000000"
        + " -- "
        + test.replace("\"", "\\\"")
        + "\",\"responseStatus\":{\"code\":200},\"requestReceivedTimestamp\":\""
        + time
        + "\",\"stageTimestamp\":\""
        + time
        + "\"}\n";
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
