package dev.snoop.submissions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bot touches its own labels only. */
class LabelsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "conformance-product-submission",
        "release-documents-checked",
        "release-v1.34",
        "tests-verified-v1.35",
        "no-failed-tests-v1.36",
        "missing-file-e2e.log",
        "unable-to-process"
      })
  void managesItsOwnLabels(String label) {
    assertThat(Labels.isManaged(label)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "do-not-merge/release-note-label-needed",
        "release-note",
        "needs-release-v1.34-review",
        "lgtm",
        "approved",
        "tests-verified"
      })
  void leavesOthersLabelsAlone(String label) {
    assertThat(Labels.isManaged(label)).isFalse();
  }
}
