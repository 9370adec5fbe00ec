package dev.snoop.coverage.gate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The gate's verdict on a release and everything that explains it.
 *
 * @param release the release judged
 * @param previousRelease the release before it (catalogue order), null when none is known
 * @param levelRule the level rule of the release's spec, null when no spec is loaded
 * @param verdict pass, fail, or error (cannot decide: {@code problems} says why)
 * @param problems missing or stale inputs, one line each; empty unless the verdict is ERROR
 * @param sources the release's current audit runs
 * @param endpoints eligible operations first seen in the release
 * @param regressions operations a conformance test hit in the previous release's runs that none
 *     hits in this release's
 * @param regressionsFail whether regressions fail the gate (--regressions)
 * @param successRequired whether only a conformance test's successful request made an endpoint
 *     tested
 * @param maxAge the age limit of a source
 * @param checkedAt when ages were measured
 * @param minBuilds in how many stored builds a new endpoint must be conformance-tested (1: the
 *     current runs only)
 * @param fewBuilds new endpoints conformance-tested in the current runs but in fewer than {@code
 *     minBuilds} stored builds: they fail only for that
 */
public record GateReport(
    String release,
    String previousRelease,
    String levelRule,
    Verdict verdict,
    List<String> problems,
    List<Source> sources,
    List<GateEndpoint> endpoints,
    List<Regression> regressions,
    boolean regressionsFail,
    boolean successRequired,
    Duration maxAge,
    Instant checkedAt,
    int minBuilds,
    List<FewBuilds> fewBuilds) {

  public GateReport {
    Objects.requireNonNull(release, "release");
    Objects.requireNonNull(verdict, "verdict");
    problems = List.copyOf(problems);
    if (problems.isEmpty() == (verdict == Verdict.ERROR)) {
      throw new IllegalArgumentException("problems are given exactly when the verdict is ERROR");
    }
    sources = List.copyOf(sources);
    endpoints = List.copyOf(endpoints);
    regressions = List.copyOf(regressions);
    fewBuilds = List.copyOf(fewBuilds);
  }

  /**
   * A new endpoint a conformance test hits in the current runs, in too few stored builds.
   *
   * @param hitIn the stored builds in which a conformance test hit it
   * @param builds the release's stored builds
   */
  public record FewBuilds(String endpoint, int hitIn, int builds) {}

  /** The outcome. */
  public enum Verdict {
    /** Every new eligible endpoint has a conformance test (or is pending). */
    PASS,
    /** Some new eligible endpoint has no conformance test (or, with --regressions, lost it). */
    FAIL,
    /** The inputs are missing or stale: the gate cannot decide, and never passes. */
    ERROR;

    /** snoop gate's exit code: 0 pass, 1 fail, 2 cannot decide. */
    public int exitCode() {
      return switch (this) {
        case PASS -> 0;
        case FAIL -> 1;
        case ERROR -> 2;
      };
    }
  }

  /** Whether a new endpoint passes. */
  public enum Status {
    TESTED,
    UNTESTED,
    PENDING
  }

  /**
   * A current audit run of the release.
   *
   * @param name the Prow job, or the source as ingested
   * @param lastEvent the newest audit event's stageTimestamp; null when the run has none
   * @param age how old the run's data is: since {@code lastEvent}, else since it was ingested
   * @param problem why it cannot count (empty, stale), else null
   */
  public record Source(
      String name,
      String source,
      String job,
      String buildId,
      long events,
      long requests,
      long matched,
      Instant lastEvent,
      Instant ingestedAt,
      Duration age,
      String problem) {}

  /**
   * An eligible operation first seen in the release.
   *
   * @param successTests of {@code conformanceTests}, those with a successful request to it
   */
  public record GateEndpoint(
      String endpoint,
      String method,
      String path,
      String kind,
      String group,
      String version,
      Status status,
      List<String> conformanceTests,
      List<String> otherTests,
      List<String> successTests) {
    public GateEndpoint {
      conformanceTests = List.copyOf(conformanceTests);
      otherTests = List.copyOf(otherTests);
      successTests = List.copyOf(successTests);
    }

    /** Conformance tests hit it, but none of their requests succeeded. */
    public boolean errorOnly() {
      return !conformanceTests.isEmpty() && successTests.isEmpty();
    }

    /** {@code group/version}, the core group as {@code core/v1}; "-" when the spec names none. */
    public String groupVersion() {
      return GateReport.groupVersion(group, version);
    }
  }

  /**
   * An operation conformance-tested in the previous release that no conformance test hits now.
   *
   * @param previousTests the conformance tests that hit it in the previous release
   * @param otherTests the e2e tests that still hit it
   */
  public record Regression(
      String endpoint,
      String method,
      String path,
      String kind,
      String group,
      String version,
      List<String> previousTests,
      List<String> otherTests) {
    public Regression {
      previousTests = List.copyOf(previousTests);
      otherTests = List.copyOf(otherTests);
    }

    public String groupVersion() {
      return GateReport.groupVersion(group, version);
    }
  }

  public List<GateEndpoint> untested() {
    return withStatus(Status.UNTESTED);
  }

  public List<GateEndpoint> pending() {
    return withStatus(Status.PENDING);
  }

  public List<GateEndpoint> tested() {
    return withStatus(Status.TESTED);
  }

  /**
   * New endpoints that conformance tests reach only with errors: tested by APISnoop's rule,
   * untested (or pending) when success is required. Every report says how many there are.
   */
  public List<GateEndpoint> errorOnly() {
    return endpoints.stream().filter(GateEndpoint::errorOnly).toList();
  }

  /** One line on the endpoints conformance tests reach only with errors, under either rule. */
  public String errorOnlyLine() {
    int n = errorOnly().size();
    String endpointsWord = n == 1 ? " new eligible endpoint" : " new eligible endpoints";
    return n
        + endpointsWord
        + " reached by conformance tests only with errors"
        + (n == 0
            ? ""
            : successRequired
                ? ": not counted as tested (success required)"
                : ": counted as tested (success not required; --require-success would not)");
  }

  /** One line: the verdict and its reason. */
  public String headline() {
    return switch (verdict) {
      case PASS ->
          "PASS: "
              + (endpoints.isEmpty()
                  ? "no new eligible endpoints in " + release
                  : "every new eligible endpoint in "
                      + release
                      + " is conformance-tested"
                      + (pending().isEmpty() ? "" : " or pending"));
      case FAIL -> {
        String untested =
            untested().size()
                + " new eligible endpoint"
                + (untested().size() == 1 ? "" : "s")
                + " in "
                + release
                + (successRequired
                    ? " without a successful conformance test"
                    : " without a conformance test");
        String lost =
            regressions.size()
                + " endpoint"
                + (regressions.size() == 1 ? "" : "s")
                + " lost every conformance test since "
                + previousRelease;
        yield "FAIL: "
            + (untested().isEmpty()
                ? lost
                : regressionsFail && !regressions.isEmpty() ? untested + "; " + lost : untested);
      }
      case ERROR ->
          "ERROR: cannot decide for "
              + release
              + ": "
              + problems.get(0)
              + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "");
    };
  }

  private List<GateEndpoint> withStatus(Status status) {
    return endpoints.stream().filter(e -> e.status() == status).toList();
  }

  static String groupVersion(String group, String version) {
    if (version == null || version.isEmpty()) {
      return "-";
    }
    return (group == null || group.isEmpty() ? "core" : group) + "/" + version;
  }
}
