package dev.snoop.coverage.diff;

import java.util.List;
import java.util.Objects;

/**
 * Coverage gained and lost from a base run to a head run.
 *
 * @param base the run compared against
 * @param head the run compared
 * @param kinds per kind of coverage, the operations gained and lost, in {@link Kind} order
 */
public record DiffReport(StoredRun base, StoredRun head, List<KindDiff> kinds) {
  public DiffReport {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(head, "head");
    kinds = List.copyOf(kinds);
  }

  /** What an operation is covered by. */
  public enum Kind {
    /** Hit by an e2e test (APISnoop's tested). */
    TESTED("tested"),
    /** Hit by a conformance test of the run's release. */
    CONFORMANCE_TESTED("conformance-tested"),
    /** Hit by an e2e test with a success (2xx, or 101 for an upgraded connection). */
    SUCCESS_TESTED("success-tested");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * One kind's changes.
   *
   * @param gained operations the head has and the base has not, with the head's tests
   * @param lost operations the base has and the head has not, with the base's tests
   * @param baseCount operations of this kind in the base run
   * @param headCount operations of this kind in the head run
   */
  public record KindDiff(
      Kind kind, List<Change> gained, List<Change> lost, int baseCount, int headCount) {
    public KindDiff {
      gained = List.copyOf(gained);
      lost = List.copyOf(lost);
    }
  }

  /**
   * An operation gained or lost.
   *
   * @param tests the tests responsible, on the side that has the coverage ("" stands for e2e.test
   *     requests made outside any test)
   */
  public record Change(String endpoint, List<String> tests) {
    public Change {
      tests = List.copyOf(tests);
    }
  }

  /** Whether nothing was gained or lost. */
  public boolean unchanged() {
    return kinds.stream().allMatch(k -> k.gained().isEmpty() && k.lost().isEmpty());
  }
}
