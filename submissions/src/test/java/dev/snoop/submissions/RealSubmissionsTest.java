package dev.snoop.submissions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.submissions.source.DirectorySubmission;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 30 merged submissions in ../shared/data/submissions pass, with the labels reviewers want. */
class RealSubmissionsTest {
  /**
   * Conformance tests the bot requires per release: every entry of these conformance.yaml files.
   */
  private static final Map<String, Integer> REQUIRED =
      Map.of("v1.27", 378, "v1.28", 380, "v1.29", 388, "v1.30", 402, "v1.31", 404);

  @TempDir Path cache;

  @Test
  void everyRealSubmissionPassesWithTheLabelsOfATechnicallyCompletePr() throws IOException {
    List<Path> submissions = RealData.submissions();
    assertThat(submissions).hasSize(30);
    for (Path dir : submissions) {
      String release = dir.getParent().getFileName().toString();
      Verifier verifier = RealData.verifier(cache, release);
      Verification v = verifier.verify(DirectorySubmission.read(dir, Optional.empty()));
      String what = dir + "\n" + v.comment();
      assertThat(v.verdict()).as(what).isEqualTo(Verdict.PASS);
      List<String> expected =
          List.of(
              "conformance-product-submission",
              "tests-verified-" + release,
              "no-failed-tests-" + release,
              "release-" + release,
              "release-documents-checked");
      assertThat(v.labels()).as(what).isEqualTo(expected);
      assertThat(v.botLabels()).as(what).isEqualTo(expected);
      assertThat(v.botComment())
          .isEqualTo("All requirements (15) have passed for the submission!\n");
      assertThat(v.checks()).hasSize(24);
      assertThat(v.check("junit-format").orElseThrow().findings().get(0).message())
          .as(what)
          .contains(" conformance tests passed, 0 failed; " + REQUIRED.get(release) + " required");
    }
  }

  @Test
  void theEksDLogFromAnotherRunIsCaughtAsAWarning() {
    Verification v =
        RealData.verifier(cache, "v1.28")
            .verify(DirectorySubmission.read(RealData.submission("v1.28/eks-d"), Optional.empty()));
    assertThat(v.verdict()).isEqualTo(Verdict.PASS);
    Check counts = v.check("e2e-counts").orElseThrow();
    assertThat(counts.status()).isEqualTo(CheckStatus.WARN);
    assertThat(counts.findings().get(0).file()).contains("v1.28/eks-d/e2e.log");
    assertThat(counts.findings().get(0).message())
        .contains("v1.28/eks-d/e2e.log")
        .contains("'Ran 378 of 7207 Specs'")
        .contains("fewer than the 380 tests required for v1.28");
    assertThat(v.comment())
        .startsWith("All requirements (24) have passed for the submission!")
        .contains("- [WARN] e2e.log test counts agree with junit_01.xml");
  }

  @Test
  void verboseLogsAreCrossCheckedAndLegacyTypesWarn() {
    Verification k0s =
        RealData.verifier(cache, "v1.27")
            .verify(DirectorySubmission.read(RealData.submission("v1.27/k0s"), Optional.empty()));
    assertThat(k0s.check("e2e-version").orElseThrow().status()).isEqualTo(CheckStatus.PASS);
    assertThat(k0s.check("product-type").orElseThrow().findings().get(0).message())
        .contains("type 'Distribution' is a legacy spelling; write 'distribution'");
    Verification gke =
        RealData.verifier(cache, "v1.27")
            .verify(DirectorySubmission.read(RealData.submission("v1.27/gke"), Optional.empty()));
    assertThat(gke.check("e2e-version").orElseThrow().status()).isEqualTo(CheckStatus.SKIP);
    assertThat(gke.check("product-type").orElseThrow().status()).isEqualTo(CheckStatus.WARN);
    assertThat(gke.check("e2e-counts").orElseThrow().status()).isEqualTo(CheckStatus.PASS);
  }
}
