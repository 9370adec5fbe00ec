package dev.snoop.submissions.bot;

import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import dev.snoop.db.testing.SharedData;
import dev.snoop.github.FakeGitHub;
import dev.snoop.github.GitHubClient;
import dev.snoop.submissions.Verifier;
import dev.snoop.submissions.store.VerificationStore;
import dev.snoop.submissions.testlist.FileTestLists;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** Pull requests on the fake GitHub whose files are real submissions from ../shared/data. */
public final class RealPullRequests {
  private static final List<String> FILES =
      List.of("README.md", "PRODUCT.yaml", "e2e.log", "junit_01.xml");

  private RealPullRequests() {}

  /** A PR adding {@code submissions/<releaseAndProduct>} at {@code vX.Y/<product>/}. */
  public static FakeGitHub.Pr open(
      FakeGitHub github, int number, String releaseAndProduct, String headSha) {
    FakeGitHub.Pr pr = github.pr(number, "Conformance results for " + releaseAndProduct, headSha);
    for (String name : FILES) {
      pr.files.put(releaseAndProduct + "/" + name, bytes(releaseAndProduct + "/" + name));
    }
    return pr;
  }

  public static byte[] bytes(String releaseAndProductAndFile) {
    try {
      return Files.readAllBytes(SharedData.path("submissions/" + releaseAndProductAndFile));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The pull request bot on {@code github}'s repository, verifying with {@link #verifier} and
   * storing each verification in {@code sql}'s database.
   *
   * @param apply change labels and comments (false: a dry run)
   */
  public static PullRequestBot bot(FakeGitHub github, Path cache, DSLContext sql, boolean apply) {
    GitHubClient client =
        new GitHubClient(
            github.url(),
            Optional.of(FakeGitHub.TOKEN),
            GitHubClient.Retries.DEFAULT,
            d -> {},
            Clock.systemUTC());
    return new PullRequestBot(
        client,
        verifier(cache, "v1.31"),
        new PullRequestBot.Settings(FakeGitHub.REPO, apply, Optional.of(FakeGitHub.LOGIN)),
        Optional.of(new VerificationStore(sql)));
  }

  /** The verifier on the conformance lists in ../shared/data. */
  public static Verifier verifier(Path cache, String stable) {
    return new Verifier(
        new FileTestLists(new InputReader(cache), SharedData.path("conformance-yaml")),
        Release.parse(stable));
  }
}
