package dev.snoop.coverage.gate;

import dev.snoop.coverage.build.BuildSet;
import dev.snoop.coverage.build.CoverageStability;
import dev.snoop.coverage.build.Stability;
import dev.snoop.coverage.gate.GateReport.FewBuilds;
import dev.snoop.coverage.gate.GateReport.GateEndpoint;
import dev.snoop.coverage.gate.GateReport.Regression;
import dev.snoop.coverage.gate.GateReport.Source;
import dev.snoop.coverage.gate.GateReport.Status;
import dev.snoop.coverage.gate.GateReport.Verdict;
import dev.snoop.db.input.Durations;
import dev.snoop.db.release.NoWorkingReleaseException;
import dev.snoop.db.release.Release;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * The release-blocking gate: a release fails when eligible stable endpoints first seen in it have
 * no conformance-test hit in its current audit runs, the pending list aside. It never passes on
 * missing or stale inputs: no spec for the release or the one before it, no conformance.yaml, no
 * ineligible list, no audit run, an expected source missing, empty or older than the age limit.
 */
public final class ConformanceGate {
  private final GateStore store;
  private final CoverageStability stability;

  public ConformanceGate(DSLContext sql) {
    this.store = new GateStore(sql);
    this.stability = new CoverageStability(sql);
  }

  /**
   * Judges a release.
   *
   * @throws NoWorkingReleaseException when no release is given and the catalogue names no working
   *     release
   */
  public GateReport evaluate(GateRequest request) {
    Release release =
        request.release().or(store::working).orElseThrow(NoWorkingReleaseException::new);
    String r = release.toString();
    List<String> problems = new ArrayList<>();

    Optional<String> levelRule = store.levelRule(release);
    if (levelRule.isEmpty()) {
      problems.add("no spec loaded for " + r);
    }
    List<Release> loaded = store.loadedSpecs();
    Optional<Release> previous = previous(release, store.catalogue(), loaded);
    boolean previousLoaded = previous.map(loaded::contains).orElse(false);
    if (previous.isEmpty()) {
      problems.add(
          "no release before "
              + r
              + " in the release catalogue or among the loaded specs: which endpoints are new in "
              + r
              + " cannot be told (load the previous release's spec)");
    } else if (!previousLoaded) {
      problems.add(
          "no spec loaded for "
              + previous.get()
              + ", the release before "
              + r
              + ": which endpoints are new in "
              + r
              + " cannot be told");
    }
    if (store.conformanceLists().stream().noneMatch(list -> list.compareTo(release) >= 0)) {
      problems.add(
          "no conformance.yaml loaded for "
              + r
              + " or later: tests promoted in "
              + r
              + " would not count");
    }
    if (!store.ineligibleListLoaded()) {
      problems.add("no ineligible list loaded: ineligible endpoints would count");
    }

    List<Source> sources = sources(release, request, problems);

    List<GateEndpoint> endpoints =
        levelRule.isPresent() ? store.newEndpoints(release, request.requireSuccess()) : List.of();
    List<FewBuilds> fewBuilds = List.of();
    if (request.minBuilds() > 1) {
      fewBuilds = fewBuilds(release, request.minBuilds(), endpoints, problems);
      endpoints = withFewBuildsUntested(endpoints, fewBuilds);
    }
    List<Regression> regressions = List.of();
    if (previousLoaded && levelRule.isPresent() && !store.runs(previous.get()).isEmpty()) {
      regressions = store.regressions(release, previous.get());
    } else if (request.regressions() && previous.isPresent()) {
      problems.add(
          "regressions fail the gate, but no "
              + (previousLoaded ? "audit run ingested" : "spec loaded")
              + " for "
              + previous.get()
              + ", the release before "
              + r
              + ": which endpoints lost their conformance tests cannot be told");
    }

    boolean untested = endpoints.stream().anyMatch(e -> e.status() == Status.UNTESTED);
    Verdict verdict =
        !problems.isEmpty()
            ? Verdict.ERROR
            : untested || (request.regressions() && !regressions.isEmpty())
                ? Verdict.FAIL
                : Verdict.PASS;
    return new GateReport(
        r,
        previous.map(Release::toString).orElse(null),
        levelRule.orElse(null),
        verdict,
        problems,
        sources,
        endpoints,
        regressions,
        request.regressions(),
        request.requireSuccess(),
        request.maxAge(),
        request.now(),
        request.minBuilds(),
        fewBuilds);
  }

  /**
   * The new endpoints a conformance test hits in the current runs but in fewer than {@code
   * minBuilds} of the release's stored builds. Fewer stored builds than that is a missing input.
   */
  private List<FewBuilds> fewBuilds(
      Release release, int minBuilds, List<GateEndpoint> endpoints, List<String> problems) {
    Stability stored = stability.pooled(BuildSet.all(release, Optional.empty()));
    int builds = stored.builds().size();
    if (builds < minBuilds) {
      problems.add(
          "a new endpoint must be conformance-tested in "
              + minBuilds
              + " builds, but "
              + builds
              + " are stored for "
              + release
              + " (snoop ingest prow --builds N)");
      return List.of();
    }
    Map<String, Integer> hitIn = new HashMap<>();
    stored.endpoints().forEach(e -> hitIn.put(e.endpoint(), e.hitIn()));
    return endpoints.stream()
        .filter(e -> e.status() == Status.TESTED)
        .filter(e -> hitIn.getOrDefault(e.endpoint(), 0) < minBuilds)
        .map(e -> new FewBuilds(e.endpoint(), hitIn.getOrDefault(e.endpoint(), 0), builds))
        .toList();
  }

  /** The endpoints, those hit in too few builds counted untested. */
  private static List<GateEndpoint> withFewBuildsUntested(
      List<GateEndpoint> endpoints, List<FewBuilds> fewBuilds) {
    Set<String> few = new HashSet<>();
    fewBuilds.forEach(f -> few.add(f.endpoint()));
    return endpoints.stream()
        .map(
            e ->
                few.contains(e.endpoint())
                    ? new GateEndpoint(
                        e.endpoint(),
                        e.method(),
                        e.path(),
                        e.kind(),
                        e.group(),
                        e.version(),
                        Status.UNTESTED,
                        e.conformanceTests(),
                        e.otherTests(),
                        e.successTests())
                    : e)
        .toList();
  }

  /**
   * The release before this one: the catalogue's, else (no catalogue entry below it) the highest
   * loaded spec below it.
   */
  static Optional<Release> previous(Release release, List<Release> catalogue, List<Release> specs) {
    Optional<Release> fromCatalogue =
        catalogue.stream().filter(c -> c.compareTo(release) < 0).max(Comparator.naturalOrder());
    return fromCatalogue.or(
        () -> specs.stream().filter(s -> s.compareTo(release) < 0).max(Comparator.naturalOrder()));
  }

  /** The release's runs, each checked, and the expected sources that have none. */
  private List<Source> sources(Release release, GateRequest request, List<String> problems) {
    String r = release.toString();
    List<GateStore.Run> runs = store.runs(release);
    if (runs.isEmpty()) {
      problems.add("no audit run ingested for " + r);
    }
    List<Source> sources = new ArrayList<>();
    for (GateStore.Run run : runs) {
      String name = run.job() != null ? run.job() : run.source();
      Instant from = run.lastEvent() != null ? run.lastEvent() : run.finishedAt();
      Duration age = from == null ? null : Duration.between(from, request.now());
      String problem = null;
      if (run.events() == 0) {
        problem = "source " + name + " has 0 events";
      } else if (run.matched() == 0) {
        problem =
            "source " + name + " has no request that matches an operation of the " + r + " spec";
      } else if (age == null || age.compareTo(request.maxAge()) > 0) {
        problem =
            "source "
                + name
                + " is stale: its newest audit event is "
                + (age == null ? "unknown" : Durations.format(age) + " old (" + from + ")")
                + ", over the age limit of "
                + Durations.format(request.maxAge());
      }
      if (problem != null) {
        problems.add(problem);
      }
      sources.add(
          new Source(
              name,
              run.source(),
              run.job(),
              run.buildId(),
              run.events(),
              run.requests(),
              run.matched(),
              run.lastEvent(),
              run.finishedAt(),
              age,
              problem));
    }
    for (String expected : expected(request, runs)) {
      boolean present =
          runs.stream().anyMatch(x -> expected.equals(x.job()) || expected.equals(x.source()));
      if (!present) {
        problems.add("expected source " + expected + " has no audit run for " + r);
      }
    }
    return sources;
  }

  /**
   * The sources that must have a run: those asked for, else every source that has one, plus all the
   * default jobs as soon as one of them has a run (APISnoop's coverage needs its three jobs; one of
   * them missing silently lowers coverage).
   */
  static Set<String> expected(GateRequest request, List<GateStore.Run> runs) {
    Set<String> expected = new LinkedHashSet<>(request.expect());
    if (!expected.isEmpty()) {
      return expected;
    }
    for (GateStore.Run run : runs) {
      expected.add(run.job() != null ? run.job() : run.source());
    }
    if (runs.stream()
        .anyMatch(run -> run.job() != null && request.defaultJobs().contains(run.job()))) {
      expected.addAll(request.defaultJobs());
    }
    return expected;
  }
}
