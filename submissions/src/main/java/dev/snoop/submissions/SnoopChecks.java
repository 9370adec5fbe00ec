package dev.snoop.submissions;

import dev.snoop.db.input.InvalidValueException;
import dev.snoop.db.release.Release;
import dev.snoop.submissions.evidence.E2eLog;
import dev.snoop.submissions.evidence.JunitReport;
import dev.snoop.submissions.evidence.ProductYaml;
import dev.snoop.submissions.source.SubmissionFile;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Our checks, each fixing one fault of the official bot (its dead type check, empty required fields
 * and loose URLs that pass, an unanchored folder pattern, a file-name case it checks one way and
 * then the other, e2e.log never read, a legacy junit it cannot parse), run after its 15. A check
 * whose input is missing is skipped: the bot's checks already report that.
 */
final class SnoopChecks {
  private static final Pattern LAYOUT = Pattern.compile("v1\\.\\d+/[^/]+/[^/]+");
  private static final List<String> TYPES = List.of("distribution", "hosted platform", "installer");

  /** Spellings that merged submissions use for the three types: a warning, not a failure. */
  private static final Map<String, String> LEGACY_TYPES =
      Map.of(
          "hosted", "hosted platform",
          "platform", "hosted platform",
          "distro", "distribution");

  private static final List<String> LOGO_FORMATS = List.of("svg", "ai", "eps");

  private final Facts facts;

  SnoopChecks(Facts facts) {
    this.facts = facts;
  }

  List<Check> run() {
    return List.of(
        fileNames(),
        folderLayout(),
        productFieldsNonEmpty(),
        productType(),
        productUrls(),
        productLogo(),
        junitFormat(),
        e2eVersion(),
        e2eCounts());
  }

  /** The bot finds README.md in any case but then rejects readme.md as an extra file. */
  private Check fileNames() {
    List<Finding> findings = new ArrayList<>();
    for (SubmissionFile file : facts.files()) {
      for (String name : Facts.REQUIRED_FILES) {
        if (file.baseName().equalsIgnoreCase(name) && !file.baseName().equals(name)) {
          findings.add(
              Finding.in(
                  file.path(),
                  file.path() + ": must be named " + name + " (file names are case-sensitive)"));
        }
      }
    }
    return check("file-names", "required files are named exactly", status(findings), findings);
  }

  /** The bot's folder pattern is unanchored: {@code x/v1.29/y/z/README.md} passes it. */
  private Check folderLayout() {
    List<Finding> findings = new ArrayList<>();
    for (SubmissionFile file : facts.files()) {
      if (!LAYOUT.matcher(file.path()).matches()) {
        findings.add(
            Finding.in(
                file.path(),
                file.path()
                    + ": not in a product folder: files must be at vX.Y/<product>/<file>, e.g."
                    + " v1.34/coolkube/README.md"));
      }
    }
    return check(
        "folder-layout", "files are exactly at vX.Y/<product>/<file>", status(findings), findings);
  }

  /** The bot lets {@code vendor: ""} through: it checks for a key, not a value. */
  private Check productFieldsNonEmpty() {
    Optional<ProductYaml> yaml = mappingOrSkip();
    if (yaml.isEmpty()) {
      return skipped("product-fields-non-empty", "PRODUCT.yaml required fields have values");
    }
    List<Finding> findings = new ArrayList<>();
    String path = productPath();
    for (String field : ProductYaml.REQUIRED) {
      var value = yaml.get().fields().orElseThrow().get(field);
      if (value == null || value.isNull()) {
        findings.add(Finding.in(path, path + ": required field '" + field + "' is missing"));
      } else if (value.isContainerNode()) {
        findings.add(Finding.in(path, path + ": field '" + field + "' must be a single value"));
      } else if (value.asText().isBlank()) {
        findings.add(Finding.in(path, path + ": required field '" + field + "' is empty"));
      }
    }
    return check(
        "product-fields-non-empty",
        "PRODUCT.yaml required fields have values",
        status(findings),
        findings);
  }

  /** The bot's type check never runs (see BotChecks). */
  private Check productType() {
    String name = "PRODUCT.yaml type is distribution, hosted platform or installer";
    Optional<ProductYaml> yaml = mappingOrSkip();
    if (yaml.isEmpty() || yaml.get().text("type").isBlank()) {
      return skipped("product-type", name);
    }
    String path = productPath();
    String type = yaml.get().text("type").strip();
    String lower = type.toLowerCase(Locale.ROOT);
    if (TYPES.contains(type)) {
      return check("product-type", name, CheckStatus.PASS, List.of());
    }
    if (TYPES.contains(lower) || LEGACY_TYPES.containsKey(lower)) {
      String meant = LEGACY_TYPES.getOrDefault(lower, lower);
      return check(
          "product-type",
          name,
          CheckStatus.WARN,
          List.of(
              Finding.in(
                  path,
                  path
                      + ": type '"
                      + type
                      + "' is a legacy spelling; write '"
                      + meant
                      + "' (one of distribution, hosted platform, installer)")));
    }
    return check(
        "product-type",
        name,
        CheckStatus.FAIL,
        List.of(
            Finding.in(
                path,
                path
                    + ": type '"
                    + type
                    + "' is not one of distribution, hosted platform, installer")));
  }

  /** The bot accepts any scheme ({@code ttps://} was merged) and any absolute path. */
  private Check productUrls() {
    String name = "PRODUCT.yaml URLs are http(s) URLs";
    Optional<ProductYaml> yaml = mappingOrSkip();
    if (yaml.isEmpty()) {
      return skipped("product-urls", name);
    }
    List<Finding> findings = new ArrayList<>();
    String path = productPath();
    for (String field :
        List.of("website_url", "repo_url", "documentation_url", "product_logo_url")) {
      String url = yaml.get().text(field).strip();
      if (!url.isEmpty() && !isHttpUrl(url)) {
        findings.add(
            Finding.in(
                path, path + ": " + field + " '" + url + "' is not an http(s) URL with a host"));
      }
    }
    return check("product-urls", name, status(findings), findings);
  }

  /** The instructions want SVG, AI or EPS, not PNG; the bot stopped checking the logo. */
  private Check productLogo() {
    String name = "PRODUCT.yaml product_logo_url is an SVG, AI or EPS file";
    Optional<ProductYaml> yaml = mappingOrSkip();
    if (yaml.isEmpty() || yaml.get().text("product_logo_url").isBlank()) {
      return skipped("product-logo", name);
    }
    String path = productPath();
    String url = yaml.get().text("product_logo_url").strip();
    String file = url.replaceFirst("[?#].*$", "");
    file = file.substring(file.lastIndexOf('/') + 1);
    int dot = file.lastIndexOf('.');
    if (dot < 0) {
      return check(
          "product-logo",
          name,
          CheckStatus.WARN,
          List.of(
              Finding.in(
                  path,
                  path
                      + ": product_logo_url '"
                      + url
                      + "' has no file extension, so its format cannot be told (SVG, AI or EPS"
                      + " required)")));
    }
    String extension = file.substring(dot + 1).toLowerCase(Locale.ROOT);
    if (LOGO_FORMATS.contains(extension)) {
      return check("product-logo", name, CheckStatus.PASS, List.of());
    }
    return check(
        "product-logo",
        name,
        CheckStatus.FAIL,
        List.of(
            Finding.in(
                path,
                path
                    + ": product_logo_url '"
                    + url
                    + "' is a ."
                    + extension
                    + " file; the logo must be SVG, AI or EPS (not PNG)")));
  }

  /** The bot says "unable to parse" for a Ginkgo v1 report; we say what it is. */
  private Check junitFormat() {
    String name = "junit_01.xml is a Ginkgo v2 junit report";
    Optional<SubmissionFile> file = facts.file("junit_01.xml");
    if (file.isEmpty() || file.get().isEmpty()) {
      return skipped("junit-format", name);
    }
    if (facts.junitError().isPresent()) {
      return check(
          "junit-format",
          name,
          CheckStatus.FAIL,
          List.of(Finding.in(file.get().path(), facts.junitError().get().getMessage())));
    }
    JunitReport junit = facts.junit().orElseThrow();
    return check(
        "junit-format",
        name,
        CheckStatus.PASS,
        List.of(
            Finding.in(
                file.get().path(),
                junit.testcases()
                    + " testcases, "
                    + junit.passed().size()
                    + " conformance tests passed, "
                    + junit.failed().size()
                    + " failed; "
                    + facts.required().count()
                    + " required for "
                    + facts.version())));
  }

  /** The bot dropped e2e.log checks in 2023; verbose logs still name the versions they ran. */
  private Check e2eVersion() {
    String name = "e2e.log versions match the release";
    Optional<E2eLog> log = facts.e2e();
    if (log.isEmpty() || facts.file("e2e.log").orElseThrow().isEmpty()) {
      return skipped("e2e-version", name);
    }
    String path = facts.file("e2e.log").orElseThrow().path();
    if (log.get().versions().isEmpty()) {
      return check(
          "e2e-version",
          name,
          CheckStatus.SKIP,
          List.of(
              Finding.in(
                  path,
                  path
                      + ": no 'e2e test version' or 'kube-apiserver version' line (a non-verbose"
                      + " log), so its release cannot be cross-checked")));
    }
    Release expected = Release.parse(facts.version());
    List<Finding> findings = new ArrayList<>();
    for (E2eLog.VersionLine line : log.get().versions()) {
      String where = path + ": line " + line.line() + ": " + line.component() + " version ";
      try {
        Release found =
            Release.parse(line.version().replaceFirst("^(v?\\d+\\.\\d+(\\.\\d+)?).*$", "$1"));
        if (found.major() != expected.major() || found.minor() != expected.minor()) {
          findings.add(
              Finding.in(
                  path,
                  where + line.version() + " is not the submission's release " + facts.version()));
        }
      } catch (InvalidValueException e) {
        findings.add(
            Finding.in(path, where + "'" + line.version() + "' is not a Kubernetes release"));
      }
    }
    return check("e2e-version", name, status(findings), findings);
  }

  /**
   * {@code Ran N of M Specs} should be what the junit shows passed; v1.28/eks-d says 378 of 380.
   */
  private Check e2eCounts() {
    String name = "e2e.log test counts agree with junit_01.xml";
    Optional<E2eLog> log = facts.e2e();
    if (log.isEmpty() || facts.file("e2e.log").orElseThrow().isEmpty()) {
      return skipped("e2e-counts", name);
    }
    String path = facts.file("e2e.log").orElseThrow().path();
    List<Finding> failures = new ArrayList<>();
    List<Finding> warnings = new ArrayList<>();
    Optional<E2eLog.Summary> summary = log.get().summary();
    if (summary.isPresent() && (!summary.get().success() || summary.get().failed() > 0)) {
      failures.add(
          Finding.in(
              path,
              path
                  + ": line "
                  + summary.get().line()
                  + ": the run reports failures: '"
                  + summary.get().text()
                  + "'"));
    }
    Optional<E2eLog.Ran> ran = log.get().ran();
    int required = facts.required().count();
    if (ran.isEmpty()) {
      warnings.add(Finding.in(path, path + ": no 'Ran N of M Specs' line"));
    } else {
      int specs = ran.get().specs();
      String said =
          path
              + ": line "
              + ran.get().line()
              + " says 'Ran "
              + specs
              + " of "
              + ran.get().of()
              + " Specs'";
      if (specs < required) {
        warnings.add(
            Finding.in(
                path,
                said
                    + ", fewer than the "
                    + required
                    + " tests required for "
                    + facts.version()
                    + ": is it the log of this run?"));
      }
      Optional<JunitReport> junit = facts.junit();
      if (junit.isPresent() && junit.get().passed().size() != specs && specs >= required) {
        warnings.add(
            Finding.in(
                path,
                said
                    + ", but junit_01.xml has "
                    + junit.get().passed().size()
                    + " conformance tests passed"));
      }
    }
    if (!failures.isEmpty()) {
      failures.addAll(warnings);
      return check("e2e-counts", name, CheckStatus.FAIL, failures);
    }
    return check(
        "e2e-counts", name, warnings.isEmpty() ? CheckStatus.PASS : CheckStatus.WARN, warnings);
  }

  private Optional<ProductYaml> mappingOrSkip() {
    return facts.product().filter(ProductYaml::isMapping);
  }

  private String productPath() {
    return facts.file("PRODUCT.yaml").orElseThrow().path();
  }

  static boolean isHttpUrl(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme();
      return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
          && uri.getHost() != null
          && !uri.getHost().isBlank();
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static CheckStatus status(List<Finding> findings) {
    return findings.isEmpty() ? CheckStatus.PASS : CheckStatus.FAIL;
  }

  private static Check skipped(String id, String name) {
    return check(id, name, CheckStatus.SKIP, List.of());
  }

  private static Check check(String id, String name, CheckStatus status, List<Finding> findings) {
    return new Check(id, name, name, Check.Origin.SNOOP, status, findings);
  }
}
