package dev.snoop.submissions;

import dev.snoop.db.input.InvalidValueException;
import dev.snoop.db.release.Release;
import dev.snoop.submissions.evidence.JunitReport;
import dev.snoop.submissions.evidence.ProductYaml;
import dev.snoop.submissions.source.SubmissionFile;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The official bot's 15 checks (its feature file's scenarios), in its order and with its logic,
 * quirks included, so that labels and comments compare one to one. The faults are fixed by {@link
 * SnoopChecks}, not here. Within a check the steps run in order and the first failing step ends it;
 * each example row of a scenario outline runs on its own, and their hints are merged.
 */
final class BotChecks {
  private static final String INSTRUCTIONS =
      "https://github.com/cncf/k8s-conformance/blob/master/instructions.md";
  private static final Pattern BOT_FOLDER = Pattern.compile("(v1.[0-9]{2})/(.*)");
  private static final Pattern SCHEME =
      Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*", Pattern.DOTALL);
  private static final Pattern ADDRESS =
      Pattern.compile("[^\\s@<>()\\[\\]\\\\,;:\"]+@[^\\s@<>()\\[\\]\\\\,;:\"]+");
  private static final Pattern NAMED_ADDRESS = Pattern.compile("[^<>]*<([^<>]+)>");

  private final Facts facts;
  private final UrlProbe probe;
  private final Release stable;

  BotChecks(Facts facts, UrlProbe probe, Release stable) {
    this.facts = facts;
    this.probe = probe;
    this.stable = stable;
  }

  /** The checks in the bot's order. */
  List<Check> run() {
    return List.of(
        titleNotEmpty(),
        requiredFiles(),
        onlyRequiredFiles(),
        folderStructure(),
        oneProduct(),
        titleVersionMatchesFolder(),
        productRequiredFields(),
        productFieldFormats(),
        productUrlContentTypes(),
        productTypeAsTheBotRunsIt(),
        titleFormat(),
        supportedRelease(),
        requiredTestsPresent(),
        testsPass(),
        oneCommit());
  }

  private Check titleNotEmpty() {
    return check(
        "title-not-empty",
        "PR title is not empty",
        "it seems that there is no title set",
        facts.submission.title().isEmpty() ? List.of(Finding.of("title is empty")) : List.of());
  }

  private Check requiredFiles() {
    List<Finding> hints = new ArrayList<>();
    for (String name : Facts.REQUIRED_FILES) {
      Optional<SubmissionFile> file = facts.file(name);
      if (file.isEmpty()) {
        hints.add(Finding.of("missing file '" + name + "'"));
      } else if (file.get().isEmpty()) {
        hints.add(Finding.in(file.get().path(), "file '" + name + "' is empty"));
      } else if (name.equals("PRODUCT.yaml")) {
        ProductYaml yaml = facts.product().orElseThrow();
        yaml.problem()
            .ifPresent(
                p ->
                    hints.add(
                        Finding.in(
                            file.get().path(), "failed to parse (" + name + ") YAML, " + p)));
      }
    }
    return check(
        "required-files",
        "submission contains all required files",
        "there seems to be some required files missing (" + INSTRUCTIONS + "#contents-of-the-pr)",
        hints);
  }

  /** Missing files, for the {@code missing-file-<name>} labels. */
  List<String> missingFiles() {
    return Facts.REQUIRED_FILES.stream().filter(name -> facts.file(name).isEmpty()).toList();
  }

  private Check onlyRequiredFiles() {
    List<Finding> hints = new ArrayList<>();
    if (facts.files().isEmpty()) {
      hints.add(noFiles());
    } else {
      List<String> extra =
          facts.files().stream()
              .map(SubmissionFile::baseName)
              .filter(name -> !Facts.REQUIRED_FILES.contains(name))
              .toList();
      if (!extra.isEmpty()) {
        hints.add(
            Finding.of(
                "it appears that there are "
                    + extra.size()
                    + " non-required file(s) included in the submission: "
                    + String.join(", ", extra)));
      }
    }
    // The bot's feature file gives this scenario no description, so its comment title is empty.
    return check("only-required-files", "submission only contains required files", "", hints);
  }

  private Check folderStructure() {
    List<Finding> hints = new ArrayList<>();
    if (facts.files().isEmpty()) {
      hints.add(noFiles());
    } else {
      for (SubmissionFile file : facts.files()) {
        if (!BOT_FOLDER.matcher(file.folder()).find()) {
          hints.add(
              Finding.in(
                  file.path(),
                  "file '"
                      + file.path()
                      + "' not allowed. your product submission PR must be in folders structured"
                      + " like [KubernetesReleaseVersion]/[ProductName], e.g: v1.23/averycooldistro"));
          break;
        }
      }
    }
    return check(
        "folder-structure",
        "submission has files in structure of releaseversion/productname/",
        "the submission file directory does not seem to match the Kubernetes release version in"
            + " the files",
        hints);
  }

  private Check oneProduct() {
    List<Finding> hints = new ArrayList<>();
    if (facts.files().isEmpty()) {
      hints.add(noFiles());
    } else {
      Set<String> folders = new LinkedHashSet<>();
      for (SubmissionFile file : facts.files()) {
        String folder = file.folder();
        folders.add(folder.equals(".") ? "./" : folder);
      }
      if (folders.size() != 1) {
        hints.add(
            Finding.of(
                "there should be a single set of products in the submission. We found "
                    + folders.size()
                    + " product submissions: "
                    + String.join(", ", folders)));
      }
    }
    return check(
        "one-product",
        "submission is only one product",
        "the submission seems to contain files of multiple Kubernetes release versions or"
            + " products. Each Kubernetes release version and products should be submitted in a"
            + " separate PRs",
        hints);
  }

  private Check titleVersionMatchesFolder() {
    List<Finding> hints = new ArrayList<>();
    if (facts.files().isEmpty()) {
      hints.add(noFiles());
    } else if (facts.submission.title().isEmpty()) {
      hints.add(Finding.of("title is empty"));
    } else if (!facts.titleVersion.equals(facts.folderVersion)) {
      hints.add(
          Finding.of(
              "the Kubernetes release version in the title ("
                  + facts.titleVersion
                  + ") and folder structure ("
                  + facts.folderVersion
                  + ") don't match"));
    }
    return check(
        "title-version-matches-folder",
        "submission release version in title matches release version in folder structure",
        "the title of the submission does not seem to contain a Kubernetes release version that"
            + " matches the release version in the submitted files",
        hints);
  }

  private Check productRequiredFields() {
    List<Finding> hints = new ArrayList<>();
    for (String field : ProductYaml.REQUIRED) {
      Optional<ProductYaml> yaml = facts.product();
      if (yaml.isEmpty()) {
        hints.add(Finding.of("missing required file 'PRODUCT.yaml'"));
      } else if (!yaml.get().isMapping()) {
        hints.add(productFinding("unable to read file 'PRODUCT.yaml'"));
      } else if (!yaml.get().hasNonNull(field)) {
        hints.add(productFinding("missing or empty field '" + field + "' in file 'PRODUCT.yaml'"));
      }
    }
    return check(
        "product-required-fields",
        "the PRODUCT.yaml metadata contains all required fields",
        "it appears that the PRODUCT.yaml file does not contain all the required fields ("
            + INSTRUCTIONS
            + "#productyaml)",
        hints);
  }

  private Check productFieldFormats() {
    List<Finding> hints = new ArrayList<>();
    List<String> urls = List.of("website_url", "repo_url", "documentation_url", "product_logo_url");
    for (String field :
        List.of(
            "website_url",
            "repo_url",
            "documentation_url",
            "product_logo_url",
            "contact_email_address")) {
      Optional<ProductYaml> yaml = facts.product();
      if (yaml.isEmpty()) {
        hints.add(Finding.of("missing required file 'PRODUCT.yaml'"));
        continue;
      }
      if (!yaml.get().allScalar()) {
        hints.add(productFinding("unable to read file 'PRODUCT.yaml'"));
        continue;
      }
      String value = yaml.get().text(field);
      if (value.isEmpty()) {
        continue;
      }
      if (urls.contains(field)) {
        requestUriProblem(value)
            .ifPresent(
                p ->
                    hints.add(
                        productFinding(
                            "URL for field '"
                                + field
                                + "' in PRODUCT.yaml is not a valid URL, "
                                + p)));
      } else {
        addressProblem(value)
            .ifPresent(
                p ->
                    hints.add(
                        productFinding(
                            "email field '"
                                + field
                                + "' in PRODUCT.yaml is not a valid address, "
                                + p)));
      }
    }
    return check(
        "product-field-formats",
        "the URL and email fields in the PRODUCT.yaml are valid",
        "it appears that field(s) in the PRODUCT.yaml aren't correctly formatted",
        hints);
  }

  private Check productUrlContentTypes() {
    List<Finding> hints = new ArrayList<>();
    for (String field : List.of("website_url", "repo_url", "documentation_url")) {
      Optional<ProductYaml> yaml = facts.product();
      if (yaml.isEmpty()) {
        hints.add(Finding.of("missing required file 'PRODUCT.yaml'"));
        continue;
      }
      String url = yaml.get().text(field);
      if (url.isEmpty() || requestUriProblem(url).isPresent()) {
        continue;
      }
      String type = probe.contentType(url).orElse("");
      if (!type.isEmpty() && !type.contains("text/html")) {
        hints.add(
            productFinding(
                "URL field '"
                    + field
                    + "' in PRODUCT.yaml resolving content type '"
                    + type
                    + "' must be (text/html)"));
      }
    }
    return check(
        "product-url-content-types",
        "the URL fields in the PRODUCT.yaml resolve to their specified data types",
        "it appears that URL(s) in the PRODUCT.yaml don't resolve to the correct data type",
        hints);
  }

  /**
   * The bot's type check never gets past its first step: the feature line does not match the step
   * definition, and an undefined step does not count as failed. Only a missing PRODUCT.yaml fails
   * it. {@link SnoopChecks} checks the type.
   */
  private Check productTypeAsTheBotRunsIt() {
    List<Finding> hints =
        facts.product().isEmpty()
            ? List.of(Finding.of("missing required file 'PRODUCT.yaml'"))
            : List.of();
    return check(
        "product-type-bot",
        "the type field in PRODUCT.yaml is valid",
        "it appears that the type field does not match either \"distribution\", \"hosted"
            + " platform\" or \"installer\"",
        hints);
  }

  private Check titleFormat() {
    List<Finding> hints = new ArrayList<>();
    if (facts.submission.title().isEmpty()) {
      hints.add(Finding.of("title is empty"));
    } else if (!Facts.BOT_TITLE.matcher(facts.submission.title()).find()) {
      hints.add(
          Finding.of(
              "title must be formatted like 'Conformance results for"
                  + " [KubernetesReleaseVersion]/[ProductName]' (e.g: Conformance results for"
                  + " v1.23/CoolKubernetes)"));
    }
    return check(
        "title-format",
        "title of product submission contains Kubernetes release version and product name",
        "the submission title is missing either a Kubernetes release version (v1.xx) or product"
            + " name",
        hints);
  }

  private Check supportedRelease() {
    List<Finding> hints = new ArrayList<>();
    if (facts.version().isEmpty()) {
      hints.add(Finding.of("unable to find a Kubernetes release version in the title"));
    } else if (facts.files().isEmpty()) {
      hints.add(noFiles());
    } else {
      olderThanSupported(facts.version(), stable).ifPresent(p -> hints.add(Finding.of(p)));
    }
    return check(
        "supported-release",
        "the submission release version is a supported version of Kubernetes",
        "the Kubernetes release version in this pull request does not qualify for conformance"
            + " submission anymore (https://github.com/cncf/k8s-conformance/blob/master/"
            + "terms-conditions/Certified_Kubernetes_Terms.md#qualifying-offerings-and-self-testing)",
        hints);
  }

  /** The bot's release rule: at or after the stable minor minus two; no upper bound. */
  static Optional<String> olderThanSupported(String version, Release stable) {
    Release oldest = new Release(stable.major(), Math.max(0, stable.minor() - 2), 0);
    Release release;
    try {
      release = Release.parse(version);
    } catch (InvalidValueException e) {
      return Optional.of("unable to parse release version");
    }
    if (release.compareTo(oldest) < 0) {
      return Optional.of(
          "unable to use version "
              + version
              + " because it is older than the last currently supported release "
              + oldest.minorVersion());
    }
    return Optional.empty();
  }

  private Check requiredTestsPresent() {
    List<Finding> hints = new ArrayList<>();
    Optional<SubmissionFile> file = facts.file("junit_01.xml");
    if (file.isEmpty()) {
      hints.add(Finding.of("missing required file 'junit_01.xml'"));
    } else if (facts.junitError().isPresent()) {
      hints.add(Finding.in(file.get().path(), facts.junitError().get().botHint()));
    } else {
      Set<String> missing = missing(facts.junit().orElseThrow().present());
      if (!missing.isEmpty()) {
        hints.add(
            Finding.in(
                file.get().path(),
                "the following test(s) are missing or failed: \n    - "
                    + String.join("\n    - ", missing)));
      }
    }
    return check(
        "required-tests-present",
        "all required conformance tests in the junit_01.xml are present",
        "it appears that some tests are missing from the product submission",
        hints);
  }

  private Check testsPass() {
    List<Finding> hints = new ArrayList<>();
    Optional<SubmissionFile> file = facts.file("junit_01.xml");
    if (file.isEmpty()) {
      hints.add(Finding.of("missing required file 'junit_01.xml'"));
    } else if (facts.junitError().isPresent()) {
      hints.add(Finding.in(file.get().path(), facts.junitError().get().botHint()));
    } else {
      JunitReport junit = facts.junit().orElseThrow();
      if (junit.anyFailed()) {
        hints.add(
            Finding.in(file.get().path(), "it appears that there are failures in some tests"));
      } else {
        Set<String> missing = missing(junit.passed());
        if (!missing.isEmpty()) {
          hints.add(
              Finding.in(
                  file.get().path(),
                  "there appears to be "
                      + missing.size()
                      + " tests missing: \n    - "
                      + String.join("\n    - ", missing)));
        }
      }
    }
    return check(
        "tests-pass",
        "all tests pass",
        "it appears that some tests failed in the product submission",
        hints);
  }

  /** Whether the junit step of the tests-present check ran to its verdict (its labels). */
  boolean junitRead() {
    return facts.junit().isPresent();
  }

  /** Required tests not among the names, sorted as the bot sorts them. */
  Set<String> missing(Set<String> names) {
    Set<String> missing = new TreeSet<>(facts.required().codenames());
    missing.removeAll(names);
    return missing;
  }

  private Check oneCommit() {
    List<Finding> hints = new ArrayList<>();
    if (facts.submission.commits() == 0) {
      hints.add(Finding.of("no commits were found"));
    } else if (facts.submission.commits() > 1) {
      hints.add(Finding.of("more than one commit was found; only one commit is allowed"));
    }
    return check(
        "one-commit",
        "there is only one commit",
        "it appears that there is not exactly one commit. Please rebase and squash with `git"
            + " rebase -i HEAD` (https://git-scm.com/docs/git-rebase)",
        hints);
  }

  private Finding productFinding(String message) {
    return Finding.in(facts.file("PRODUCT.yaml").orElseThrow().path(), message);
  }

  private static Finding noFiles() {
    return Finding.of("there were no files found in the submission");
  }

  /** Go's {@code url.ParseRequestURI}: an absolute URI with any scheme, or an absolute path. */
  static Optional<String> requestUriProblem(String value) {
    if (value.startsWith("/") || SCHEME.matcher(value).matches()) {
      return Optional.empty();
    }
    if (value.startsWith(":")) {
      return Optional.of("parse \"" + value + "\": missing protocol scheme");
    }
    return Optional.of("parse \"" + value + "\": invalid URI for request");
  }

  /** Close to Go's {@code mail.ParseAddress}: {@code a@b.c} or {@code Name <a@b.c>}. */
  static Optional<String> addressProblem(String value) {
    String v = value.strip();
    java.util.regex.Matcher named = NAMED_ADDRESS.matcher(v);
    String address = named.matches() ? named.group(1).strip() : v;
    if (ADDRESS.matcher(address).matches()) {
      return Optional.empty();
    }
    return Optional.of(
        address.contains("@") ? "mail: invalid string" : "mail: missing '@' or angle-addr");
  }

  private static Check check(String id, String name, String description, List<Finding> hints) {
    List<Finding> unique = new ArrayList<>(new LinkedHashSet<>(hints));
    return new Check(
        id,
        name,
        description,
        Check.Origin.BOT,
        unique.isEmpty() ? CheckStatus.PASS : CheckStatus.FAIL,
        unique);
  }
}
