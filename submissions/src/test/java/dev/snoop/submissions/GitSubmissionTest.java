package dev.snoop.submissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snoop.db.input.InputException;
import dev.snoop.submissions.source.GitSubmission;
import dev.snoop.submissions.source.Submission;
import dev.snoop.submissions.source.SubmissionFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A branch of a k8s-conformance clone, built here with git, read as its pull request. */
class GitSubmissionTest {
  @TempDir Path repo;
  @TempDir Path cache;

  @BeforeEach
  void buildClone() throws Exception {
    git("init", "-q", "-b", "main");
    Files.writeString(repo.resolve("README.md"), "# k8s-conformance\n");
    RealData.copy("v1.31/aks", repo);
    git("add", ".");
    git("commit", "-q", "-m", "Conformance results for v1.31/aks");
    git("checkout", "-q", "-b", "kind");
    RealData.copy("v1.31/kind", repo);
    git("add", ".");
    git("commit", "-q", "-m", "Conformance results for v1.31/kind");
  }

  @Test
  void aBranchIsReadAsItsPullRequest() {
    Submission s = new GitSubmission(repo).read("main", "kind", Optional.empty());
    assertThat(s.title()).isEqualTo("Conformance results for v1.31/kind");
    assertThat(s.commits()).isEqualTo(1);
    assertThat(s.files())
        .extracting(SubmissionFile::path)
        .containsExactly(
            "v1.31/kind/PRODUCT.yaml",
            "v1.31/kind/README.md",
            "v1.31/kind/e2e.log",
            "v1.31/kind/junit_01.xml");
    assertThat(s.origin().source()).isEqualTo("git");
    assertThat(s.origin().headSha().orElseThrow()).hasSize(40);
    Verification v = RealData.verifier(cache, "v1.31").verify(s);
    assertThat(v.verdict()).as(v.comment()).isEqualTo(Verdict.PASS);
    assertThat(v.labels()).contains("tests-verified-v1.31", "release-documents-checked");
  }

  @Test
  void aSecondCommitAndAnExtraFileFail() throws Exception {
    Files.writeString(repo.resolve("v1.31/kind/notes.txt"), "extra");
    git("add", ".");
    git("commit", "-q", "-m", "add notes");
    Submission s =
        new GitSubmission(repo)
            .read("main", "kind", Optional.of("Conformance results for v1.31/kind"));
    assertThat(s.commits()).isEqualTo(2);
    Verification v = RealData.verifier(cache, "v1.31").verify(s);
    assertThat(v.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(v.check("one-commit").orElseThrow().status()).isEqualTo(CheckStatus.FAIL);
    assertThat(v.check("only-required-files").orElseThrow().findings().get(0).message())
        .endsWith("included in the submission: notes.txt");
  }

  @Test
  void aDeletedFileHasNoContentAndIsLeftOut() throws Exception {
    git("rm", "-q", "README.md");
    git("commit", "-q", "--amend", "-m", "Conformance results for v1.31/kind");
    Submission s = new GitSubmission(repo).read("main", "kind", Optional.empty());
    assertThat(s.files()).hasSize(4);
    assertThat(s.files()).noneMatch(f -> f.path().equals("README.md"));
  }

  @Test
  void anUnknownBranchIsAClearError() {
    assertThatThrownBy(() -> new GitSubmission(repo).read("main", "nope", Optional.empty()))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith(repo + ": git rev-parse --verify nope^{commit} failed: ");
  }

  private void git(String... args) throws IOException, InterruptedException {
    List<String> command =
        new java.util.ArrayList<>(
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
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
  }
}
