package dev.snoop.submissions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.submissions.source.DirectorySubmission;
import dev.snoop.submissions.source.Submission;
import dev.snoop.submissions.source.SubmissionFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One rule per test: a real submission (v1.29/platform9) is copied, changed to break exactly that
 * rule, and verified; the labels and the message naming the file and the problem are checked.
 */
class RuleMutationTest {
  private static final String PASSING_LABELS_PREFIX = "conformance-product-submission";
  private static final String DEPLOYMENT =
      "[sig-apps] Deployment should run the lifecycle of a Deployment [Conformance]";
  private static final String DEPLOYMENT_CASE =
      "<testcase name=\"[It] "
          + DEPLOYMENT
          + "\" classname=\"Kubernetes e2e suite\""
          + " status=\"passed\" time=\"8.241626571\"></testcase>";

  @TempDir Path temp;
  @TempDir Path cache;
  private Path dir;
  private Verifier verifier;

  @BeforeEach
  void copy() throws IOException {
    dir = RealData.copy("v1.29/platform9", temp);
    verifier = RealData.verifier(cache, "v1.29");
  }

  @Test
  void theUnchangedCopyPasses() {
    Verification v = verify();
    assertThat(v.verdict()).as(v.comment()).isEqualTo(Verdict.PASS);
    assertThat(v.labels())
        .containsExactly(
            PASSING_LABELS_PREFIX,
            "tests-verified-v1.29",
            "no-failed-tests-v1.29",
            "release-v1.29",
            "release-documents-checked");
  }

  @Test
  void aMissingFile() throws IOException {
    Files.delete(dir.resolve("e2e.log"));
    Verification v = failing("required-files", "missing file 'e2e.log'");
    assertThat(v.labels())
        .containsExactly(
            PASSING_LABELS_PREFIX,
            "missing-file-e2e.log",
            "tests-verified-v1.29",
            "no-failed-tests-v1.29",
            "release-v1.29",
            "not-verifiable");
    assertThat(v.comment())
        .contains(
            "- [FAIL] there seems to be some required files missing"
                + " (https://github.com/cncf/k8s-conformance/blob/master/instructions.md#contents-of-the-pr)\n"
                + "  - missing file &#39;e2e.log&#39;");
  }

  @Test
  void anExtraFile() throws IOException {
    Files.writeString(dir.resolve("sonobuoy.tar.gz"), "not really");
    failing(
        "only-required-files",
        "it appears that there are 1 non-required file(s) included in the submission:"
            + " sonobuoy.tar.gz");
  }

  @Test
  void twoProducts() {
    Submission two = read().withFile(SubmissionFile.of("v1.29/other/README.md", "# other"));
    Verification v = verifier.verify(two);
    assertFailing(
        v,
        "one-product",
        "there should be a single set of products in the submission. We found 2 product"
            + " submissions: v1.29/platform9, v1.29/other");
  }

  @Test
  void aWrongFolder() throws IOException {
    Path wrong = temp.resolve("submissions/platform9");
    Files.createDirectories(wrong.getParent());
    Files.move(dir, wrong);
    Verification v =
        verifier.verify(
            DirectorySubmission.read(
                wrong, Optional.of("Conformance results for v1.29/platform9")));
    assertFailing(
        v,
        "folder-structure",
        "file 'submissions/platform9/PRODUCT.yaml' not allowed. your product submission PR must be"
            + " in folders structured like [KubernetesReleaseVersion]/[ProductName], e.g:"
            + " v1.23/averycooldistro");
    assertFailing(
        v,
        "folder-layout",
        "submissions/platform9/PRODUCT.yaml: not in a product folder: files must be at"
            + " vX.Y/<product>/<file>");
    assertThat(v.labels()).contains("release-v1.29", "not-verifiable");
  }

  @Test
  void aFolderTheBotsUnanchoredPatternLetsThrough() {
    Submission nested =
        new Submission(
            "Conformance results for v1.29/platform9",
            read().files().stream()
                .map(f -> new SubmissionFile("extra/" + f.path(), f.content()))
                .toList(),
            1,
            read().origin());
    Verification v = verifier.verify(nested);
    assertThat(v.check("folder-structure").orElseThrow().status()).isEqualTo(CheckStatus.PASS);
    assertFailing(v, "folder-layout", "extra/v1.29/platform9/README.md: not in a product folder");
  }

  @Test
  void titleAndFolderDisagree() {
    Verification v = verifier.verify(read().withTitle("Conformance results for v1.28/platform9"));
    assertFailing(
        v,
        "title-version-matches-folder",
        "the Kubernetes release version in the title (v1.28) and folder structure (v1.29) don't"
            + " match");
    assertThat(v.labels()).contains("release-v1.29", "not-verifiable");
  }

  @Test
  void anEmptyRequiredField() throws IOException {
    edit("PRODUCT.yaml", "vendor: Platform9 Systems, Inc.", "vendor: \"\"");
    Verification v =
        failing(
            "product-fields-non-empty",
            "v1.29/platform9/PRODUCT.yaml: required field 'vendor' is empty");
    // The bot checks for the key only, so its own check passes: the fault we fix.
    assertThat(v.check("product-required-fields").orElseThrow().status())
        .isEqualTo(CheckStatus.PASS);
    assertThat(v.botLabels()).contains("release-documents-checked");
  }

  @Test
  void aBadUrl() throws IOException {
    edit("PRODUCT.yaml", "website_url: https://", "website_url: ttps://");
    Verification v =
        failing(
            "product-urls",
            "v1.29/platform9/PRODUCT.yaml: website_url 'ttps://platform9.com/managed-kubernetes/'"
                + " is not an http(s) URL with a host");
    assertThat(v.check("product-field-formats").orElseThrow().status()).isEqualTo(CheckStatus.PASS);
  }

  @Test
  void aUrlTheBotRejectsToo() throws IOException {
    edit("PRODUCT.yaml", "documentation_url: https://", "documentation_url: ");
    assertFailing(
        verify(),
        "product-field-formats",
        "URL for field 'documentation_url' in PRODUCT.yaml is not a valid URL, parse"
            + " \"platform9.com/support/\": invalid URI for request");
  }

  @Test
  void aBadType() throws IOException {
    edit("PRODUCT.yaml", "type: distribution", "type: managed service");
    failing(
        "product-type",
        "v1.29/platform9/PRODUCT.yaml: type 'managed service' is not one of distribution, hosted"
            + " platform, installer");
  }

  @Test
  void aNonSvgLogo() throws IOException {
    edit("PRODUCT.yaml", "Platform9-Managed-Kubernetes.svg", "Platform9-Managed-Kubernetes.png");
    failing(
        "product-logo",
        "v1.29/platform9/PRODUCT.yaml: product_logo_url"
            + " 'https://platform9.com/wp-content/uploads/2018/04/Platform9-Managed-Kubernetes.png'"
            + " is a .png file; the logo must be SVG, AI or EPS (not PNG)");
  }

  @Test
  void aFailedTest() throws IOException {
    edit(
        "junit_01.xml",
        DEPLOYMENT_CASE,
        DEPLOYMENT_CASE.replace(
            "></testcase>",
            "><failure message=\"boom\" type=\"failed\">boom</failure></testcase>"));
    Verification v = failing("tests-pass", "it appears that there are failures in some tests");
    assertThat(v.labels())
        .containsExactly(
            PASSING_LABELS_PREFIX,
            "required-tests-missing",
            "evidence-missing",
            "release-v1.29",
            "not-verifiable");
    assertThat(v.check("tests-pass").orElseThrow().findings().get(0).file())
        .contains("v1.29/platform9/junit_01.xml");
  }

  @Test
  void aMissingTest() throws IOException {
    edit("junit_01.xml", DEPLOYMENT_CASE, "");
    Verification v =
        failing(
            "required-tests-present",
            "the following test(s) are missing or failed: \n    - " + DEPLOYMENT);
    assertThat(v.labels())
        .containsExactly(
            PASSING_LABELS_PREFIX,
            "required-tests-missing",
            "no-failed-tests-v1.29",
            "release-v1.29",
            "not-verifiable");
    assertFailing(v, "tests-pass", "there appears to be 1 tests missing: \n    - " + DEPLOYMENT);
  }

  @Test
  void aSkippedConformanceTest() throws IOException {
    edit(
        "junit_01.xml",
        DEPLOYMENT_CASE,
        DEPLOYMENT_CASE
            .replace("status=\"passed\"", "status=\"skipped\"")
            .replace("></testcase>", "><skipped message=\"skipped\"></skipped></testcase>"));
    Verification v =
        failing(
            "required-tests-present",
            "the following test(s) are missing or failed: \n    - " + DEPLOYMENT);
    assertThat(v.labels()).contains("required-tests-missing", "no-failed-tests-v1.29");
  }

  @Test
  void tooOldARelease() {
    Verification v = RealData.verifier(cache, "v1.36").verify(read());
    assertThat(v.verdict()).isEqualTo(Verdict.CANNOT_PROCESS);
    assertThat(v.labels()).containsExactly(PASSING_LABELS_PREFIX, "unable-to-process");
    assertThat(v.comment())
        .isEqualTo(
            "Unable to use version v1.29 because it is older than the last currently supported"
                + " release v1.34.");
  }

  @Test
  void anUnknownRelease() throws IOException {
    Path future = temp.resolve("v1.99/platform9");
    Files.createDirectories(future.getParent());
    Files.move(dir, future);
    Verification v = verifier.verify(DirectorySubmission.read(future, Optional.empty()));
    assertThat(v.verdict()).isEqualTo(Verdict.CANNOT_PROCESS);
    assertThat(v.labels()).containsExactly(PASSING_LABELS_PREFIX, "unable-to-process");
    assertThat(v.comment())
        .isEqualTo(
            "The release version v1.99 is unable to be processed at this time; Please wait as this"
                + " version may become available soon.");
  }

  @Test
  void moreThanOneCommit() {
    Verification v = verifier.verify(read().withCommits(2));
    assertFailing(v, "one-commit", "more than one commit was found; only one commit is allowed");
    assertThat(v.comment())
        .contains(
            "- [FAIL] it appears that there is not exactly one commit. Please rebase and squash"
                + " with `git rebase -i HEAD` (https://git-scm.com/docs/git-rebase)");
  }

  @Test
  void anE2eLogReportingFewerTestsThanRequired() throws IOException {
    edit("e2e.log", "Ran 388 of 7407 Specs", "Ran 300 of 7407 Specs");
    Verification v = verify();
    // A warning, not a failure: the junit is the evidence, and merged v1.28/eks-d has this fault.
    assertThat(v.verdict()).isEqualTo(Verdict.PASS);
    assertThat(v.labels()).contains("release-documents-checked");
    Check counts = v.check("e2e-counts").orElseThrow();
    assertThat(counts.status()).isEqualTo(CheckStatus.WARN);
    assertThat(counts.findings().get(0).file()).contains("v1.29/platform9/e2e.log");
    assertThat(counts.findings().get(0).message())
        .isEqualTo(
            "v1.29/platform9/e2e.log: line 9 says 'Ran 300 of 7407 Specs', fewer than the 388"
                + " tests required for v1.29: is it the log of this run?");
    assertThat(v.comment()).contains("- [WARN] e2e.log test counts agree with junit_01.xml");
  }

  @Test
  void anE2eLogOfAnotherRelease() throws IOException {
    Path log = dir.resolve("e2e.log");
    Files.writeString(
        log,
        "I0509 12:46:26.798506 20 e2e.go:245] e2e test version: v1.28.3\n"
            + Files.readString(log, StandardCharsets.ISO_8859_1),
        StandardCharsets.ISO_8859_1);
    failing(
        "e2e-version",
        "v1.29/platform9/e2e.log: line 1: e2e test version v1.28.3 is not the submission's release"
            + " v1.29");
  }

  @Test
  void aLowerCaseReadme() throws IOException {
    Files.move(dir.resolve("README.md"), dir.resolve("readme.md"));
    Verification v =
        failing(
            "file-names",
            "v1.29/platform9/readme.md: must be named README.md (file names are case-sensitive)");
    // The bot finds it as README.md, then rejects it as an extra file.
    assertThat(v.check("required-files").orElseThrow().status()).isEqualTo(CheckStatus.PASS);
    assertThat(v.check("only-required-files").orElseThrow().status()).isEqualTo(CheckStatus.FAIL);
  }

  @Test
  void aTitleThatIsNotASubmission() {
    Verification v = verifier.verify(read().withTitle("Add Platform9 1.29"));
    assertThat(v.verdict()).isEqualTo(Verdict.CANNOT_PROCESS);
    assertThat(v.labels())
        .containsExactly("not-conformance-product-submission", "unable-to-process");
    assertThat(v.comment()).startsWith("This pull request appears to not be a conformance results");
  }

  private Submission read() {
    return DirectorySubmission.read(dir, Optional.empty());
  }

  private Verification verify() {
    return verifier.verify(read());
  }

  private void edit(String file, String from, String to) throws IOException {
    Path path = dir.resolve(file);
    String text = Files.readString(path, StandardCharsets.ISO_8859_1);
    assertThat(text).as("%s contains %s", file, from).contains(from);
    Files.writeString(path, text.replace(from, to), StandardCharsets.ISO_8859_1);
  }

  /** Verifies the copy, expects a failure of that check with that message (or its start). */
  private Verification failing(String checkId, String message) {
    Verification v = verify();
    assertFailing(v, checkId, message);
    return v;
  }

  private static void assertFailing(Verification v, String checkId, String message) {
    assertThat(v.verdict()).as(v.comment()).isEqualTo(Verdict.FAIL);
    assertThat(v.labels()).contains("not-verifiable").doesNotContain("release-documents-checked");
    Check check = v.check(checkId).orElseThrow();
    assertThat(check.status()).as(v.comment()).isEqualTo(CheckStatus.FAIL);
    assertThat(check.findings()).as(v.comment()).anyMatch(f -> f.message().startsWith(message));
    assertThat(v.comment()).contains("- [FAIL] " + check.description());
    long failed = v.checks().stream().filter(Check::failed).count();
    assertThat(v.comment())
        .startsWith((v.checks().size() - failed) + " of " + v.checks().size() + " requirements");
  }
}
