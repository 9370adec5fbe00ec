package dev.snoop.ci.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.ci.artifacts.JunitReport.Outcome;
import dev.snoop.ci.artifacts.JunitReport.TestCase;
import dev.snoop.db.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The real JUnit files of kubernetes/test-infra's kettle tests, read as TestGrid reads them. */
class JunitReportTest {
  private static JunitReport read(String name) throws IOException {
    return JunitReport.parse(Files.readAllBytes(SharedData.path("prow/artifacts/junit/" + name)));
  }

  @Test
  void aProwRunsReportHasItsOneFailureWithItsText() throws IOException {
    JunitReport report = read("standard.xml");

    assertThat(report.problem()).isEmpty();
    assertThat(report.cases()).hasSize(8);
    assertThat(report.count(Outcome.PASSED)).isEqualTo(7);
    assertThat(report.failures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.name()).isEqualTo("Node Tests");
              assertThat(f.classname()).isEqualTo("e2e.go");
              assertThat(f.seconds()).isEqualTo(654.279097299);
              assertThat(f.message()).contains("error during go run");
            });
  }

  @Test
  void aFailureIsReadFromItsMessageAttributeOrItsText() throws IOException {
    String expected = "simple_test.go:186: Running tests in file plumbing";
    assertThat(read("failure_message.xml").failures())
        .singleElement()
        .extracting(TestCase::message)
        .isEqualTo(java.util.Optional.of(expected));
    assertThat(read("failure_text.xml").failures())
        .singleElement()
        .extracting(TestCase::message)
        .isEqualTo(java.util.Optional.of(expected));
  }

  @Test
  void suitesWithoutANameAndTextBodiesAreReadInsideTestsuites() throws IOException {
    JunitReport report = read("junit_no_suite_name.xml");
    assertThat(report.cases())
        .extracting(TestCase::name)
        .containsExactly(
            "TestSimpleFile",
            "TestSimpleFile/plumbing/min/min_program",
            "TestSimpleFile/plumbing/eval_results/error_result");
    assertThat(report.count(Outcome.FAILED)).isEqualTo(1);
    assertThat(report.count(Outcome.PASSED)).isEqualTo(2);
  }

  @Test
  void testCasesWithoutANameAreKeptWithAnEmptyName() throws IOException {
    JunitReport report = read("malformed_no_testcase_name.xml");
    assertThat(report.problem()).isEmpty();
    assertThat(report.cases()).hasSize(8);
    assertThat(report.cases()).filteredOn(c -> c.name().isEmpty()).hasSize(2);
    assertThat(report.failures()).extracting(TestCase::name).containsExactly("Node Tests");
  }

  @Test
  void aFileCutShortKeepsTheCasesBeforeTheCutAndSaysWhereItBroke() throws IOException {
    // a comment before the XML declaration, then the file ends inside a testcase's name
    JunitReport report = read("malformed.xml");
    assertThat(report.problem()).hasValueSatisfying(p -> assertThat(p).contains("line"));
    assertThat(report.cases()).hasSize(2).allMatch(c -> c.outcome() == Outcome.SKIPPED);
    assertThat(report.cases().get(0).suite()).isEqualTo("Kubernetes e2e suite");
  }

  @Test
  void notXmlAtAllIsAProblemNotAnException() {
    JunitReport report =
        JunitReport.parse("PASS\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(report.cases()).isEmpty();
    assertThat(report.problem()).isPresent();
  }
}
