package dev.snoop.submissions.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snoop.db.Database;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.github.FakeGitHub;
import dev.snoop.submissions.store.VerificationStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot with snoopdb: every verification stored, the skip rule reading the store, the service.
 */
@ExtendWith(MigratedDatabase.class)
class BotIT {
  private static final String SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";

  private final Database db;
  private final FakeGitHub github = new FakeGitHub();
  @TempDir Path cache;

  BotIT(Database db) {
    this.db = db;
  }

  @AfterEach
  void stop() {
    github.close();
  }

  private PullRequestBot bot(boolean apply) {
    return RealPullRequests.bot(github, cache, db.dsl(), apply);
  }

  @Test
  void everyVerificationIsStoredAndAnEditedTitleOrAStrippedLabelIsNoticed() throws Exception {
    FakeGitHub.Pr pr = RealPullRequests.open(github, 4001, "v1.30/acp", SHA);
    VerificationStore store = new VerificationStore(db.dsl());

    bot(true).sweep(o -> {});
    VerificationStore.Stored first = store.latest(FakeGitHub.REPO, 4001).orElseThrow();
    assertThat(first.headSha()).contains(SHA);
    assertThat(first.release()).contains("v1.30");
    assertThat(first.product()).contains("acp");
    assertThat(first.verdict()).isEqualTo("pass");
    assertThat(first.source()).isEqualTo("github");
    assertThat(first.labels()).contains("release-documents-checked");
    assertThat(new ObjectMapper().readTree(first.checks())).hasSize(24);

    // nothing changed: skipped, nothing stored
    assertThat(bot(true).sweep(o -> {}))
        .extracting(Outcome::result)
        .containsExactly(Outcome.Result.SKIPPED);
    assertThat(stored(store)).hasSize(1);

    // a new title on the same head (the official bot would skip it): verified again
    pr.title = "Conformance results for v1.29/acp";
    github.clearRequests();
    Outcome retitled = bot(true).sweep(o -> {}).get(0);
    assertThat(retitled.result()).isEqualTo(Outcome.Result.VERIFIED);
    assertThat(retitled.verification().orElseThrow().verdict().id()).isEqualTo("fail");
    assertThat(pr.labels).contains("not-verifiable").doesNotContain("release-documents-checked");
    assertThat(github.statuses(SHA).get(0).state()).isEqualTo("failure");

    pr.title = "Conformance results for v1.30/acp";
    bot(true).sweep(o -> {});
    assertThat(github.statuses(SHA).get(0).state()).isEqualTo("success");

    // a managed label removed by hand is put back by the next sweep
    pr.labels.remove("tests-verified-v1.30");
    github.clearRequests();
    bot(true).sweep(o -> {});
    assertThat(github.writes())
        .extracting(FakeGitHub.Request::toString)
        .containsExactly(
            "POST /repos/cncf/k8s-conformance/issues/4001/labels"
                + " {\"labels\":[\"tests-verified-v1.30\"]}");
    assertThat(stored(store))
        .extracting(VerificationStore.Stored::verdict)
        .containsExactly("pass", "pass", "fail", "pass");
  }

  /** This test's PR's verifications, newest first (the database is shared by the class). */
  private static List<VerificationStore.Stored> stored(VerificationStore store) {
    return store.recent(100).stream().filter(v -> v.prNumber().equals(Optional.of(4001))).toList();
  }

  @Test
  void aDryRunStoresItsVerificationsToo() {
    RealPullRequests.open(github, 3300, "v1.31/kind", SHA).commits = 3;
    bot(false).sweep(o -> {});
    VerificationStore.Stored stored =
        new VerificationStore(db.dsl()).latest(FakeGitHub.REPO, 3300).orElseThrow();
    assertThat(stored.verdict()).isEqualTo("fail");
    assertThat(stored.labels()).contains("not-verifiable", "release-v1.31");
    assertThat(github.writes()).isEmpty();
  }
}
