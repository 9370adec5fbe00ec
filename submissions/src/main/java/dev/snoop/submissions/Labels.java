package dev.snoop.submissions;

import java.util.List;

/** The official bot's label vocabulary. */
public final class Labels {
  public static final String CONFORMANCE_PRODUCT_SUBMISSION = "conformance-product-submission";
  public static final String NOT_CONFORMANCE_PRODUCT_SUBMISSION =
      "not-conformance-product-submission";
  public static final String NOT_VERIFIABLE = "not-verifiable";
  public static final String RELEASE_DOCUMENTS_CHECKED = "release-documents-checked";
  public static final String REQUIRED_TESTS_MISSING = "required-tests-missing";
  public static final String EVIDENCE_MISSING = "evidence-missing";
  public static final String UNABLE_TO_PROCESS = "unable-to-process";

  /** The labels the bot owns: it adds and removes these and no others. */
  public static final List<String> MANAGED =
      List.of(
          CONFORMANCE_PRODUCT_SUBMISSION,
          NOT_CONFORMANCE_PRODUCT_SUBMISSION,
          NOT_VERIFIABLE,
          RELEASE_DOCUMENTS_CHECKED,
          REQUIRED_TESTS_MISSING,
          EVIDENCE_MISSING,
          UNABLE_TO_PROCESS);

  /** Prefixes of the bot's labels that carry a release or a file name. */
  public static final List<String> MANAGED_PREFIXES =
      List.of("release-", "no-failed-tests-", "tests-verified-", "missing-file-");

  private Labels() {}

  public static String release(String version) {
    return "release-" + version;
  }

  public static String testsVerified(String version) {
    return "tests-verified-" + version;
  }

  public static String noFailedTests(String version) {
    return "no-failed-tests-" + version;
  }

  public static String missingFile(String name) {
    return "missing-file-" + name;
  }

  /** Whether the bot manages this label (matched as loosely as the bot matches it). */
  public static boolean isManaged(String label) {
    return MANAGED.contains(label) || MANAGED_PREFIXES.stream().anyMatch(label::contains);
  }
}
