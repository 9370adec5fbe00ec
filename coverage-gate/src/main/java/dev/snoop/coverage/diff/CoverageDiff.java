package dev.snoop.coverage.diff;

import dev.snoop.coverage.diff.DiffReport.Change;
import dev.snoop.coverage.diff.DiffReport.Kind;
import dev.snoop.coverage.diff.DiffReport.KindDiff;
import dev.snoop.coverage.diff.DiffStore.TestHit;
import dev.snoop.db.release.Release;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.jooq.DSLContext;

/**
 * Compares the coverage of two stored runs: a PR's e2e run against its base branch's, a test change
 * before and after, two builds of a job, or two releases' runs (operations compared by
 * operationId).
 */
public final class CoverageDiff {
  private final DiffStore store;

  public CoverageDiff(DSLContext sql) {
    this.store = new DiffStore(sql);
  }

  /**
   * @param base a run number or a source or Prow job (its newest build) of {@code baseRelease}
   * @param head a run number or a source or Prow job (its newest build) of {@code headRelease}
   * @throws NoSuchRunException when a side names no stored run of its release
   */
  public DiffReport compare(Release baseRelease, String base, Release headRelease, String head) {
    StoredRun baseRun = store.resolve(baseRelease, base);
    StoredRun headRun = store.resolve(headRelease, head);
    List<TestHit> before = store.tests(baseRun);
    List<TestHit> after = store.tests(headRun);
    List<KindDiff> kinds = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      Predicate<TestHit> counts = counts(kind);
      kinds.add(diff(kind, covered(before, counts), covered(after, counts)));
    }
    return new DiffReport(baseRun, headRun, kinds);
  }

  /** Which hits make an operation covered, per kind. */
  private static Predicate<TestHit> counts(Kind kind) {
    return switch (kind) {
      case TESTED -> hit -> true;
      case CONFORMANCE_TESTED -> TestHit::conformance;
      case SUCCESS_TESTED -> TestHit::succeeded;
    };
  }

  /** The covered operations, each with the tests that cover it. */
  private static Map<String, TreeSet<String>> covered(
      List<TestHit> hits, Predicate<TestHit> counts) {
    Map<String, TreeSet<String>> covered = new TreeMap<>();
    for (TestHit hit : hits) {
      if (counts.test(hit)) {
        covered.computeIfAbsent(hit.endpoint(), e -> new TreeSet<>()).add(hit.test());
      }
    }
    return covered;
  }

  private static KindDiff diff(
      Kind kind, Map<String, TreeSet<String>> base, Map<String, TreeSet<String>> head) {
    return new KindDiff(kind, onlyIn(head, base), onlyIn(base, head), base.size(), head.size());
  }

  private static List<Change> onlyIn(
      Map<String, TreeSet<String>> side, Map<String, TreeSet<String>> other) {
    return side.entrySet().stream()
        .filter(e -> !other.containsKey(e.getKey()))
        .map(e -> new Change(e.getKey(), List.copyOf(e.getValue())))
        .toList();
  }
}
