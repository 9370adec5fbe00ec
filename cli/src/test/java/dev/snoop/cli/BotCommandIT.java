package dev.snoop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.db.Database;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.SharedData;
import dev.snoop.github.FakeGitHub;
import dev.snoop.submissions.bot.RealPullRequests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** snoop bot --once against the fake GitHub: dry run, --apply, what is stored, token errors. */
@ExtendWith(MigratedDatabase.class)
class BotCommandIT {
  private static final String SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";

  private final String dbUrl;
  private final FakeGitHub github = new FakeGitHub();
  @TempDir Path temp;
  private Path token;

  BotCommandIT(Database database) {
    this.dbUrl = database.jdbcUrl();
  }

  @BeforeEach
  void pullRequests() throws IOException {
    token = Files.writeString(temp.resolve("token"), FakeGitHub.TOKEN + "\n");
    RealPullRequests.open(github, 3297, "v1.30/acp", SHA).labels.add("lgtm");
    RealPullRequests.open(github, 3301, "v1.31/aks", "ab12ab12ab12ab12").commits = 2;
  }

  @AfterEach
  void stop() {
    github.close();
  }

  @Test
  void aDryRunPrintsWhatItWouldDoWritesNothingAndStoresTheVerifications() {
    String before =
        snoop(
                "sql",
                "--format",
                "csv",
                "select coalesce(max(id), 0) as id from snoop.submission_verification")
            .out()
            .lines()
            .skip(1)
            .findFirst()
            .orElseThrow();
    SnoopRun run = bot("--token-file", token.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err())
        .contains("snoop bot on cncf/k8s-conformance at " + github.url() + " as snoop-bot;")
        .contains("dry run: nothing is written (--apply writes)");
    assertThat(run.out())
        .contains(
            "cncf/k8s-conformance#3297 6dcb09b5b578: pass \"Conformance results for v1.30/acp\"")
        .contains(
            "  would add labels:    conformance-product-submission, tests-verified-v1.30,"
                + " no-failed-tests-v1.30, release-v1.30, release-documents-checked\n")
        .contains("  would set status:    verify-conformance success \"All checks are passing\"")
        .contains(
            "cncf/k8s-conformance#3301 ab12ab12ab12: fail \"Conformance results for v1.31/aks\"")
        .contains(
            "  would add labels:    conformance-product-submission, tests-verified-v1.31,"
                + " no-failed-tests-v1.31, release-v1.31, not-verifiable\n")
        .contains("    | - [FAIL] it appears that there is not exactly one commit.")
        .endsWith("2 pull requests: 2 verified, 0 skipped, 0 failed\n");
    assertThat(github.writes()).isEmpty();

    SnoopRun stored =
        snoop(
            "sql",
            "--format",
            "csv",
            "select pr_number, head_sha, release, verdict, source, labels[array_length(labels, 1)]"
                + " as last_label from snoop.submission_verification where id > "
                + before
                + " order by pr_number");
    assertThat(stored.out())
        .isEqualTo(
            "pr_number,head_sha,release,verdict,source,last_label\n"
                + "3297,"
                + SHA
                + ",v1.30,pass,github,release-documents-checked\n"
                + "3301,ab12ab12ab12ab12,v1.31,fail,github,not-verifiable\n");
  }

  @Test
  void applyWritesThenTheNextSweepHasNothingToDo() {
    SnoopRun run = bot("--token-file", token.toString(), "--apply");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("  add labels:    conformance-product-submission")
        .doesNotContain("would");
    assertThat(github.pr(3297).labels).startsWith("lgtm").contains("release-documents-checked");
    assertThat(github.pr(3301).labels).contains("not-verifiable");
    assertThat(github.pr(3297).comments).hasSize(1);
    assertThat(github.statuses(SHA))
        .extracting(FakeGitHub.Status::state)
        .containsExactly("success");

    github.clearRequests();
    SnoopRun again = bot("--token-file", token.toString(), "--apply");
    assertThat(again.exit()).isZero();
    assertThat(again.out())
        .contains(
            "#3297 6dcb09b5b578: skipped, head already verified (success), title and labels unchanged")
        .contains("#3301 ab12ab12ab12: fail")
        .contains("  up to date: nothing to change")
        .endsWith("2 pull requests: 1 verified, 1 skipped, 0 failed\n");
    assertThat(github.writes()).isEmpty();

    SnoopRun forced = bot("--token-file", token.toString(), "--apply", "--pr", "3297");
    assertThat(forced.out())
        .contains("#3297 6dcb09b5b578: pass")
        .endsWith("1 pull requests: 1 verified, 0 skipped, 0 failed\n");
  }

  @Test
  void aRejectedTokenIsOneErrorLine() throws IOException {
    Path wrong = Files.writeString(temp.resolve("wrong"), "ghp_revoked");
    SnoopRun run = bot("--token-file", wrong.toString(), "--apply");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "ERROR: GitHub rejected the token from "
                + wrong
                + ": GET "
                + github.url()
                + "/user: 401 Bad credentials\n");
    assertThat(github.writes()).isEmpty();
  }

  @Test
  void applyWithoutATokenIsRefused() {
    SnoopRun run = bot("--apply", "--token-file", temp.resolve("missing").toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("ERROR: --token-file " + temp.resolve("missing") + ": cannot read it");
    assertThat(github.requests()).isEmpty();
  }

  private SnoopRun bot(String... args) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "bot",
                "--once",
                "--api-url",
                github.url().toString(),
                "--stable",
                "v1.31",
                "--conformance",
                SharedData.path("conformance-yaml").toString()));
    all.addAll(List.of(args));
    return snoop(all.toArray(String[]::new));
  }

  private SnoopRun snoop(String... args) {
    return SnoopRun.of(dbUrl, temp, args);
  }
}
