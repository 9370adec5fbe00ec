package dev.snoop.bench.coverage;

import static dev.snoop.db.jooq.conformance.Tables.RELEASE_TEST;
import static dev.snoop.db.jooq.snoop.Tables.CURRENT_RUN;
import static dev.snoop.db.jooq.snoop.Tables.ENDPOINT_HIT;
import static dev.snoop.db.jooq.snoop.Tables.LOAD_LOG;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.sum;

import dev.snoop.coverage.CoverageStore;
import dev.snoop.coverage.ReleaseCoverage;
import dev.snoop.db.conformance.ConformanceLists;
import dev.snoop.db.input.Input;
import dev.snoop.db.input.InputException;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.input.InvalidValueException;
import dev.snoop.db.release.Release;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.jooq.DSLContext;

/**
 * Times {@link CoverageStore#coverage} for one release on whatever snoopdb holds: the first run
 * (cold) and the following ones (warm).
 */
public final class CoverageBenchmark {
  private CoverageBenchmark() {}

  /** The figures of one benchmark. */
  public record Report(
      String release, long events, long aggregateRows, List<Double> millis, ReleaseCoverage last) {
    public Report {
      millis = List.copyOf(millis);
    }

    /** The fastest warm run (every run after the first). */
    public double bestWarmMillis() {
      return millis.stream().skip(1).mapToDouble(Double::doubleValue).min().orElse(millis.get(0));
    }

    /** The median warm run. */
    public double medianWarmMillis() {
      List<Double> warm =
          new ArrayList<>(millis.size() > 1 ? millis.subList(1, millis.size()) : millis);
      warm.sort(Double::compare);
      return warm.get(warm.size() / 2);
    }

    public String describe() {
      StringBuilder runs = new StringBuilder();
      for (double ms : millis) {
        runs.append(String.format(Locale.ROOT, " %.0f", ms));
      }
      return String.format(
          Locale.ROOT,
          "coverage benchmark: release %s, %,d events in its current runs, %,d aggregate rows%n"
              + "  snoop coverage query, ms per run (first is cold):%s%n"
              + "  cold %.0f ms, warm median %.0f ms, warm best %.0f ms%n"
              + "  (%d endpoints, %d tested, %d eligible)%n",
          release,
          events,
          aggregateRows,
          runs,
          millis.get(0),
          medianWarmMillis(),
          bestWarmMillis(),
          last.all().endpoints(),
          last.all().tested(),
          last.eligible().endpoints());
    }
  }

  /**
   * Loads {@code conformance} as the release's conformance list for the time of the benchmark (the
   * release must have none yet: a generated benchmark release), runs it, and removes the list.
   */
  public static Report runWithList(
      DSLContext sql, InputReader reader, Release release, Input conformance, int runs) {
    return withList(sql, reader, release, conformance, () -> run(sql, release, runs));
  }

  /**
   * Calls {@code work} while {@code conformance} is loaded as the release's conformance list (the
   * release must have none yet: a generated benchmark release), then removes the list.
   */
  public static <T> T withList(
      DSLContext sql, InputReader reader, Release release, Input conformance, Supplier<T> work) {
    String r = release.toString();
    if (sql.fetchExists(RELEASE_TEST, RELEASE_TEST.LIST_RELEASE.eq(r))) {
      throw new InputException("release " + r + " has a conformance list already");
    }
    new ConformanceLists(sql, reader).load(release, conformance);
    try {
      return work.get();
    } finally {
      sql.deleteFrom(RELEASE_TEST).where(RELEASE_TEST.LIST_RELEASE.eq(r)).execute();
      sql.deleteFrom(LOAD_LOG)
          .where(LOAD_LOG.RELEASE.eq(r))
          .and(LOAD_LOG.KIND.eq("conformance"))
          .execute();
    }
  }

  /** Times the coverage of a release on what snoopdb holds. */
  public static Report run(DSLContext sql, Release release, int runs) {
    if (runs < 1) {
      throw new InvalidValueException("runs must be at least 1, not " + runs);
    }
    String r = release.toString();
    long events =
        sql.select(coalesce(sum(CURRENT_RUN.EVENTS_READ), BigDecimal.ZERO))
            .from(CURRENT_RUN)
            .where(CURRENT_RUN.RELEASE.eq(r))
            .fetchOne(0, Long.class);
    long rows =
        sql.select(count())
            .from(ENDPOINT_HIT)
            .where(ENDPOINT_HIT.RELEASE.eq(r))
            .fetchOne(0, Long.class);
    CoverageStore store = new CoverageStore(sql);
    List<Double> millis = new ArrayList<>();
    ReleaseCoverage last = null;
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      last = store.coverage(release);
      millis.add((System.nanoTime() - start) / 1e6);
    }
    return new Report(r, events, rows, millis, last);
  }
}
