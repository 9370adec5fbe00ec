package dev.snoop.submissions;

import java.util.List;
import java.util.regex.Pattern;

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

  /** The labels with a release or a file name that the bot makes. */
  private static final Pattern OWN_PATTERN =
      Pattern.compile("(release|no-failed-tests|tests-verified)-v[0-9]+\\.[0-9]+|missing-file-.+");

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

  /**
   * Whether the bot manages this label: one of {@link #MANAGED}, or a managed prefix followed by a
   * release ({@code v1.34}) or, for missing-file-, a file name. The official bot matches any label
   * that merely contains a prefix, and so also removes others' labels such as {@code
   * do-not-merge/release-note-label-needed}.
   */
  public static boolean isManaged(String label) {
    return MANAGED.contains(label) || OWN_PATTERN.matcher(label).matches();
  }
}
