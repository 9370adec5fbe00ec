package dev.snoop.submissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snoop.db.input.InputException;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import dev.snoop.db.testing.SharedData;
import dev.snoop.submissions.source.Submission;
import dev.snoop.submissions.source.SubmissionFile;
import dev.snoop.submissions.source.SubmissionOrigin;
import dev.snoop.submissions.testlist.FileTestLists;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official bot's own test fixtures (../shared/data/verifier-fixtures) give the labels and
 * comments its tests expect (verifier-fixtures/README.md).
 */
class BotFixturesTest {
  private static final String DEPLOYMENT =
      "[sig-apps] Deployment should run the lifecycle of a Deployment [Conformance]";

  @TempDir Path cache;

  @Test
  void coolkubeJunitsGiveTheBotsLabels() throws IOException {
    for (String release : List.of("v1.27", "v1.30", "v1.33", "v1.35")) {
      Verifier verifier = RealData.verifier(cache, release);
      assertThat(labels(verifier, release, ""))
          .as(release)
          .containsExactly(
              "conformance-product-submission",
              "tests-verified-" + release,
              "no-failed-tests-" + release,
              "release-" + release,
              "release-documents-checked");
      assertThat(labels(verifier, release, "-with-1-extra-test"))
          .as(release)
          .contains("tests-verified-" + release, "release-documents-checked");
      Verification missing = verify(verifier, release, "-with-1-test-missing");
      assertThat(missing.botLabels())
          .as(release)
          .containsExactly(
              "conformance-product-submission",
              "required-tests-missing",
              "no-failed-tests-" + release,
              "release-" + release,
              "not-verifiable");
      assertThat(missing.check("required-tests-present").orElseThrow().findings().get(0).message())
          .isEqualTo("the following test(s) are missing or failed: \n    - " + DEPLOYMENT);
      Verification failed = verify(verifier, release, "-with-1-test-failed");
      assertThat(failed.botLabels())
          .as(release)
          .containsExactly(
              "conformance-product-submission",
              "required-tests-missing",
              "evidence-missing",
              "release-" + release,
              "not-verifiable");
      assertThat(failed.botComment())
          .contains("- [FAIL] it appears that some tests failed in the product submission")
          .contains("  - it appears that there are failures in some tests");
    }
  }

  @Test
  void passedConformanceCountsMatchTheReference() throws IOException {
    // 378/402/419/441 passed; v1.33 requires 417 of its 419 (two tests say release: v1.34).
    assertThat(junitSummary("v1.27"))
        .contains("378 conformance tests passed, 0 failed; 378 required");
    assertThat(junitSummary("v1.30"))
        .contains("402 conformance tests passed, 0 failed; 402 required");
    assertThat(junitSummary("v1.33"))
        .contains("419 conformance tests passed, 0 failed; 417 required");
    assertThat(junitSummary("v1.35"))
        .contains("441 conformance tests passed, 0 failed; 441 required");
  }

  @Test
  void requiredTestCountsAreTheBots() {
    FileTestLists lists =
        new FileTestLists(new InputReader(cache), SharedData.path("conformance-yaml"));
    assertThat(lists.find(Release.parse("v1.35")).orElseThrow().count()).isEqualTo(441);
    assertThat(lists.find(Release.parse("v1.34")).orElseThrow().count()).isEqualTo(424);
    assertThat(lists.find(Release.parse("v1.33")).orElseThrow().count()).isEqualTo(417);
    assertThat(lists.find(Release.parse("v1.33")).orElseThrow().listed()).isEqualTo(419);
  }

  @Test
  void aPrWithNoFilesIsMissingAllFour() {
    Verification v =
        RealData.verifier(cache, "v1.35")
            .verify(
                new Submission(
                    "Conformance results for v1.35/coolkube",
                    List.of(),
                    1,
                    SubmissionOrigin.directory("none")));
    assertThat(v.labels())
        .containsExactly(
            "conformance-product-submission",
            "missing-file-README.md",
            "missing-file-PRODUCT.yaml",
            "missing-file-e2e.log",
            "missing-file-junit_01.xml",
            "release-v1.35",
            "not-verifiable");
    assertThat(v.verdict()).isEqualTo(Verdict.FAIL);
  }

  @Test
  void aReleaseWithoutAListCannotBeProcessedYet() {
    Verification v =
        RealData.verifier(cache, "v1.35")
            .verify(coolkube("v1.123", "junit/v1.35/" + junitName("v1.35", "")));
    assertThat(v.verdict()).isEqualTo(Verdict.CANNOT_PROCESS);
    assertThat(v.state()).isEqualTo("pending");
    assertThat(v.labels()).containsExactly("conformance-product-submission", "unable-to-process");
    assertThat(v.comment())
        .isEqualTo(
            "The release version v1.123 is unable to be processed at this time; Please wait as"
                + " this version may become available soon.");
  }

  @Test
  void tooOldAndUnparsableReleasesAreRefused() {
    Verifier verifier = RealData.verifier(cache, "v1.35");
    Verification old =
        verifier.verify(
            new Submission(
                "Conformance results for v1.14/coolkube",
                List.of(SubmissionFile.of("v1.14/coolkube/README.md", "# hi")),
                1,
                SubmissionOrigin.directory("x")));
    assertThat(old.comment())
        .isEqualTo(
            "Unable to use version v1.14 because it is older than the last currently supported"
                + " release v1.33.");
    assertThat(old.labels()).containsExactly("conformance-product-submission", "unable-to-process");
    Verification none =
        verifier.verify(
            new Submission(
                "Conformance results for ????",
                List.of(SubmissionFile.of("coolkube/README.md", "# hi")),
                1,
                SubmissionOrigin.directory("x")));
    assertThat(none.comment()).isEqualTo("Unable to parse release version.");
  }

  @Test
  void brokenConformanceListsGiveClearErrors() {
    Path metadata = SharedData.path("verifier-fixtures/metadata");
    Submission v127 = coolkube("v1.27", "junit/v1.27/" + junitName("v1.27", ""));
    assertThatThrownBy(
            () ->
                verifierOver(metadata.resolve("unable-to-parse"), "v1.123")
                    .verify(coolkube("v1.123", "junit/v1.35/" + junitName("v1.35", ""))))
        .isInstanceOf(InputException.class);
    FileTestLists unparsable =
        new FileTestLists(new InputReader(cache), metadata.resolve("unable-to-parse"));
    assertThatThrownBy(() -> unparsable.find(Release.parse("v1.123")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("v1.123/conformance.yaml")
        .hasMessageContaining("expected kubernetes' conformance.yaml")
        .hasMessageContaining("found the text \"<;\"");
    assertThatThrownBy(
            () ->
                verifierOver(metadata.resolve("bad-version-in-conformance.yaml"), "v1.27")
                    .verify(v127))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("bad-version-in-conformance.yaml/v1.27/conformance.yaml: entry ")
        .hasMessageContaining("release: \"&&&\" is not a release");
    FileTestLists higher =
        new FileTestLists(new InputReader(cache), metadata.resolve("version-of-test-higher"));
    assertThat(higher.find(Release.parse("v1.27")).orElseThrow().count()).isEqualTo(377);
    // The bot reads an empty file as an empty list and then requires nothing; we refuse it.
    assertThatThrownBy(() -> higher.find(Release.parse("v1.37")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("v1.37/conformance.yaml: is empty");
  }

  @Test
  void trialImplementationFilesAreLegacyOrInconsistent() throws IOException {
    Path trial = SharedData.path("verifier-fixtures/trial-implementation");
    Submission base = coolkube("v1.27", "junit/v1.27/" + junitName("v1.27", ""));
    Verifier verifier = RealData.verifier(cache, "v1.27");

    Verification legacy =
        verifier.verify(
            replace(base, "junit_01.xml", Files.readAllBytes(trial.resolve("junit_01-good.xml"))));
    assertThat(legacy.check("junit-format").orElseThrow().findings().get(0).message())
        .isEqualTo(
            "v1.27/coolkube/junit_01.xml: the root element is <testsuite>, the report layout of"
                + " Ginkgo v1 (Kubernetes before v1.25); run the tests with a current Sonobuoy or"
                + " hydrophone, whose junit_01.xml has the root <testsuites>");
    assertThat(legacy.check("required-tests-present").orElseThrow().findings().get(0).message())
        .isEqualTo(
            "unable to parse junit_01.xml file, expected element type <testsuites> but have"
                + " <testsuite>");
    assertThat(legacy.labels()).doesNotContain("required-tests-missing", "tests-verified-v1.27");

    Verification v2 =
        verifier.verify(
            replace(base, "e2e.log", Files.readAllBytes(trial.resolve("e2e-bad1.log"))));
    Check version = v2.check("e2e-version").orElseThrow();
    assertThat(version.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(version.findings().get(0).message())
        .startsWith("v1.27/coolkube/e2e.log: line ")
        .endsWith("version 'v2' is not a Kubernetes release");

    Verification old =
        verifier.verify(
            replace(base, "e2e.log", Files.readAllBytes(trial.resolve("e2e-good.log"))));
    assertThat(old.check("e2e-version").orElseThrow().findings().get(0).message())
        .contains("e2e test version v1.23.1 is not the submission's release v1.27");

    Verification failures =
        verifier.verify(
            replace(base, "e2e.log", Files.readAllBytes(trial.resolve("e2e-bad2.log"))));
    assertThat(failures.check("e2e-counts").orElseThrow().status()).isEqualTo(CheckStatus.FAIL);
    assertThat(failures.check("e2e-counts").orElseThrow().findings().get(0).message())
        .contains("the run reports failures: 'SUCCESS! -- 0 Passed | 346 Failed");
    assertThat(failures.labels()).contains("not-verifiable");
    assertThat(failures.botLabels()).contains("release-documents-checked");
  }

  private Verifier verifierOver(Path lists, String stable) {
    return new Verifier(new FileTestLists(new InputReader(cache), lists), Release.parse(stable));
  }

  private List<String> labels(Verifier verifier, String release, String variant) {
    return verify(verifier, release, variant).labels();
  }

  private Verification verify(Verifier verifier, String release, String variant) {
    return verifier.verify(
        coolkube(release, "junit/" + release + "/" + junitName(release, variant)));
  }

  private String junitSummary(String release) {
    return verify(RealData.verifier(cache, release), release, "")
        .check("junit-format")
        .orElseThrow()
        .findings()
        .get(0)
        .message();
  }

  private static String junitName(String release, String variant) {
    return "TestGetJunitSubmittedConformanceTests-coolkube-"
        + release.replace('.', '-')
        + "-junit_01"
        + variant
        + ".xml";
  }

  /**
   * A coolkube submission: the fixture junit with the README, PRODUCT.yaml and e2e.log of a real
   * v1.31 submission (kind).
   */
  private static Submission coolkube(String release, String junitFixture) {
    try {
      Path kind = RealData.submission("v1.31/kind");
      List<SubmissionFile> files = new ArrayList<>();
      for (String name : List.of("README.md", "PRODUCT.yaml", "e2e.log")) {
        files.add(
            new SubmissionFile(
                release + "/coolkube/" + name, Files.readAllBytes(kind.resolve(name))));
      }
      files.add(
          new SubmissionFile(
              release + "/coolkube/junit_01.xml",
              Files.readAllBytes(SharedData.path("verifier-fixtures/" + junitFixture))));
      return new Submission(
          "Conformance results for " + release + "/coolkube",
          files,
          1,
          SubmissionOrigin.directory("coolkube"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Submission replace(Submission s, String name, byte[] content) {
    List<SubmissionFile> files = new ArrayList<>();
    for (SubmissionFile f : s.files()) {
      files.add(f.baseName().equals(name) ? new SubmissionFile(f.path(), content) : f);
    }
    return new Submission(s.title(), files, s.commits(), s.origin());
  }
}
