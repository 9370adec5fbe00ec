package dev.snoop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.db.Database;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** verify-submission, verify-pr and bench verify end to end: output, exit codes, --record. */
@ExtendWith(MigratedDatabase.class)
class VerifyCommandIT {
  private final String dbUrl;
  @TempDir Path temp;

  VerifyCommandIT(Database database) {
    this.dbUrl = database.jdbcUrl();
  }

  @Test
  void aRealSubmissionPassesAndAMutatedOneFails() throws IOException {
    SnoopRun pass =
        snoop(
            "verify-submission",
            data("submissions/v1.28/eks-d"),
            "--stable",
            "v1.30",
            "--conformance",
            data("conformance-yaml"));
    assertThat(pass.exit()).as(pass.err()).isZero();
    assertThat(pass.out())
        .contains(
            "labels:  conformance-product-submission, tests-verified-v1.28,"
                + " no-failed-tests-v1.28, release-v1.28, release-documents-checked")
        .contains("verdict: pass")
        .contains("  WARN  snoop  e2e.log test counts agree with junit_01.xml")
        .contains("All requirements (24) have passed for the submission!");

    Path copy = temp.resolve("v1.28/eks-d");
    Files.createDirectories(copy);
    for (String name : List.of("README.md", "PRODUCT.yaml", "e2e.log")) {
      Files.copy(SharedData.path("submissions/v1.28/eks-d/" + name), copy.resolve(name));
    }
    SnoopRun fail =
        snoop(
            "verify-submission",
            copy.toString(),
            "--stable",
            "v1.30",
            "--conformance",
            data("conformance-yaml"));
    assertThat(fail.exit()).isEqualTo(1);
    assertThat(fail.out())
        .contains("missing-file-junit_01.xml")
        .contains("not-verifiable")
        .contains("  - missing file &#39;junit_01.xml&#39;");

    SnoopRun old =
        snoop(
            "verify-submission",
            data("submissions/v1.28/eks-d"),
            "--conformance",
            data("conformance-yaml"));
    assertThat(old.exit()).isEqualTo(2);
    assertThat(old.out())
        .contains(
            "Unable to use version v1.28 because it is older than the last currently supported"
                + " release v1.34.");
  }

  @Test
  void theListInSnoopdbIsUsedAndTheResultRecorded() {
    snoop("load", "releases", "--file", data("apisnoop-coverage/releases.yaml"));
    snoop(
        "load",
        "conformance",
        "--release",
        "1.31.0",
        "--file",
        data("conformance-yaml/v1.31.yaml"));
    SnoopRun run =
        snoop("verify-submission", data("submissions/v1.31/kind"), "--stable", "v1.31", "--record");
    assertThat(run.exit()).as(run.err() + run.out()).isZero();
    assertThat(run.out()).contains("recorded as verification ");
    SnoopRun stored =
        snoop(
            "sql",
            "--format",
            "csv",
            "select release, product, verdict, source, array_length(labels, 1) as labels,"
                + " jsonb_array_length(checks) as checks from snoop.submission_verification");
    assertThat(stored.out())
        .isEqualTo(
            "release,product,verdict,source,labels,checks\nv1.31,kind,pass,directory,5,24\n");
  }

  @Test
  void aBrokenConformanceFileIsOneErrorLine() throws IOException {
    Path yaml = Files.writeString(temp.resolve("conformance.yaml"), "429: Too Many Requests\n");
    SnoopRun run =
        snoop(
            "verify-submission",
            data("submissions/v1.31/kind"),
            "--stable",
            "v1.31",
            "--conformance",
            yaml.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("ERROR: " + yaml).contains("HTTP error body");
    assertThat(run.err().lines().count()).isEqualTo(1);
  }

  @Test
  void aBranchOfACloneIsVerifiedAsItsPullRequest() throws Exception {
    Path repo = temp.resolve("k8s-conformance");
    Files.createDirectories(repo);
    git(repo, "init", "-q", "-b", "main");
    Files.writeString(repo.resolve("README.md"), "# k8s-conformance\n");
    git(repo, "add", ".");
    git(repo, "commit", "-q", "-m", "start");
    git(repo, "checkout", "-q", "-b", "aks-131");
    Path product = repo.resolve("v1.31/aks");
    Files.createDirectories(product);
    for (String name : List.of("README.md", "PRODUCT.yaml", "e2e.log", "junit_01.xml")) {
      Files.copy(SharedData.path("submissions/v1.31/aks/" + name), product.resolve(name));
    }
    git(repo, "add", ".");
    git(repo, "commit", "-q", "-m", "Conformance results for v1.31/AKS");
    SnoopRun run =
        snoop(
            "verify-pr",
            "--repo",
            repo.toString(),
            "--base",
            "main",
            "--head",
            "aks-131",
            "--stable",
            "v1.32",
            "--conformance",
            data("conformance-yaml"));
    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("release-v1.31, release-documents-checked");

    SnoopRun renamed =
        snoop(
            "verify-pr",
            "--repo",
            repo.toString(),
            "--head",
            "aks-131",
            "--title",
            "Add AKS 1.31",
            "--conformance",
            data("conformance-yaml"));
    assertThat(renamed.exit()).isEqualTo(2);
    assertThat(renamed.out())
        .contains("labels:  not-conformance-product-submission, unable-to-process");
  }

  @Test
  void theBenchmarkPrintsMillisecondsPerVerification() {
    SnoopRun run =
        snoop(
            "bench",
            "verify",
            "--submission",
            data("submissions/v1.30/acp"),
            "--conformance",
            data("conformance-yaml"),
            "--stable",
            "v1.31",
            "--runs",
            "3");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .matches(
            "(?s)verified .*acp \\(pass\\) 3 times: cold [0-9.]+ ms, warm median [0-9.]+ ms.*");
  }

  private static void git(Path repo, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "git",
                "-C",
                repo.toString(),
                "-c",
                "user.name=test",
                "-c",
                "user.email=test@example.com",
                "-c",
                "commit.gpgsign=false"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
  }

  private SnoopRun snoop(String... args) {
    return SnoopRun.of(dbUrl, temp, args);
  }

  private static String data(String relative) {
    return SharedData.path(relative).toString();
  }
}
