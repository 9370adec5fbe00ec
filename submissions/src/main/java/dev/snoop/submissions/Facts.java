package dev.snoop.submissions;

import dev.snoop.submissions.evidence.E2eLog;
import dev.snoop.submissions.evidence.JunitFormatException;
import dev.snoop.submissions.evidence.JunitReader;
import dev.snoop.submissions.evidence.JunitReport;
import dev.snoop.submissions.evidence.ProductYaml;
import dev.snoop.submissions.source.Submission;
import dev.snoop.submissions.source.SubmissionFile;
import dev.snoop.submissions.testlist.RequiredTests;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A submission as the checks read it: release and product from the folders and the title, the
 * required tests, and each evidence file parsed once, when first asked for.
 */
final class Facts {
  static final List<String> REQUIRED_FILES =
      List.of("README.md", "PRODUCT.yaml", "e2e.log", "junit_01.xml");

  /** The bot's patterns, unanchored and with the unescaped dot, as it has them. */
  static final Pattern BOT_FOLDER_OF_FILE = Pattern.compile("(v1.[0-9]{2})/(.*)/.*");

  static final Pattern BOT_TITLE = Pattern.compile("(.*) (v1.[0-9]{2})[ /](.*)");

  /** Ours: anchored, any number of minor digits (v1.123 too). */
  private static final Pattern FOLDER_OF_FILE = Pattern.compile("(v1\\.\\d+)/([^/]+)/[^/]+");

  private static final Pattern TITLE_VERSION = Pattern.compile(".* (v1\\.\\d+)[ /].*");

  final Submission submission;

  /** The release and product as the bot reads them from the folders; empty when it finds none. */
  final String folderVersion;

  final String product;

  /** The release as the bot reads it from the title; empty when it finds none. */
  final String titleVersion;

  private final String version;
  private RequiredTests required;
  private ProductYaml productYaml;
  private JunitReport junit;
  private JunitFormatException junitError;
  private boolean junitRead;
  private E2eLog e2e;

  Facts(Submission submission) {
    this.submission = submission;
    String version = "";
    String name = "";
    for (SubmissionFile file : submission.files()) {
      Matcher m = BOT_FOLDER_OF_FILE.matcher(file.path());
      if (m.find()) {
        version = m.group(1);
        name = m.group(2);
        break;
      }
    }
    this.folderVersion = version;
    Matcher title = BOT_TITLE.matcher(submission.title());
    this.titleVersion = title.find() ? title.group(2) : "";
    String ours = "";
    for (SubmissionFile file : submission.files()) {
      Matcher m = FOLDER_OF_FILE.matcher(file.path());
      if (m.matches()) {
        ours = m.group(1);
        name = m.group(2);
        break;
      }
    }
    if (ours.isEmpty()) {
      ours = folderVersion;
    }
    if (ours.isEmpty()) {
      Matcher m = TITLE_VERSION.matcher(submission.title());
      ours = m.matches() ? m.group(1) : titleVersion;
    }
    this.version = ours;
    this.product = name;
  }

  /**
   * The release checked: from the folder {@code vX.Y/<product>/}, else as the bot finds it in the
   * paths, else from the title (so a PR without folders is still checked), {@code vX.Y}.
   */
  String version() {
    return version;
  }

  void required(RequiredTests tests) {
    this.required = tests;
  }

  RequiredTests required() {
    return required;
  }

  List<SubmissionFile> files() {
    return submission.files();
  }

  /** The first file whose base name is the required name in any case, as the bot finds files. */
  Optional<SubmissionFile> file(String requiredName) {
    for (SubmissionFile f : submission.files()) {
      if (f.baseName().equalsIgnoreCase(requiredName)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  Optional<ProductYaml> product() {
    Optional<SubmissionFile> file = file("PRODUCT.yaml");
    if (file.isEmpty()) {
      return Optional.empty();
    }
    if (productYaml == null) {
      productYaml = ProductYaml.parse(file.get().content());
    }
    return Optional.of(productYaml);
  }

  /**
   * The junit report; empty when there is no junit_01.xml or it cannot be read ({@link
   * #junitError}).
   */
  Optional<JunitReport> junit() {
    if (!junitRead) {
      junitRead = true;
      Optional<SubmissionFile> file = file("junit_01.xml");
      if (file.isPresent()) {
        try {
          junit = JunitReader.read(file.get().content(), file.get().path());
        } catch (JunitFormatException e) {
          junitError = e;
        }
      }
    }
    return Optional.ofNullable(junit);
  }

  Optional<JunitFormatException> junitError() {
    junit();
    return Optional.ofNullable(junitError);
  }

  Optional<E2eLog> e2e() {
    Optional<SubmissionFile> file = file("e2e.log");
    if (file.isEmpty()) {
      return Optional.empty();
    }
    if (e2e == null) {
      e2e = E2eLog.parse(file.get().content());
    }
    return Optional.of(e2e);
  }
}
