package dev.snoop.bench.spec;

import static dev.snoop.db.jooq.public_.Tables.OPEN_API;
import static dev.snoop.db.jooq.snoop.Tables.LOAD_LOG;
import static dev.snoop.db.jooq.snoop.Tables.RELEASE;

import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import dev.snoop.db.spec.LevelRule;
import dev.snoop.db.spec.SpecLoader;
import dev.snoop.db.spec.SpecSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;

/**
 * Times spec loads: the parse alone, and the whole load (read, parse, derive, replace the release's
 * rows, commit). The first run is cold; the others are warm.
 */
public final class SpecLoadBenchmark {
  private final DSLContext sql;
  private final SpecLoader loader;

  public SpecLoadBenchmark(DSLContext sql, InputReader reader) {
    this.sql = sql;
    this.loader = new SpecLoader(sql, reader);
  }

  /** One run's figures in milliseconds. */
  public record Run(double parseMs, double loadMs, int operations) {}

  /** All runs; warm figures leave out the first. */
  public record Report(String source, List<Run> runs) {
    public String describe() {
      StringBuilder out = new StringBuilder("spec load benchmark: " + source + "\n");
      for (int i = 0; i < runs.size(); i++) {
        Run r = runs.get(i);
        out.append(
            String.format(
                "  run %d%s: parse %.0f ms, parse + database write %.0f ms (%d operations)%n",
                i + 1, i == 0 ? " (cold)" : "", r.parseMs(), r.loadMs(), r.operations()));
      }
      List<Run> warm = runs.size() > 1 ? runs.subList(1, runs.size()) : runs;
      out.append(
          String.format(
              "  warm: parse median %.0f ms, load median %.0f ms, load max %.0f ms%n",
              median(warm.stream().map(Run::parseMs).toList()),
              median(warm.stream().map(Run::loadMs).toList()),
              warm.stream().mapToDouble(Run::loadMs).max().orElse(0)));
      return out.toString();
    }

    private static double median(List<Double> values) {
      List<Double> sorted = values.stream().sorted().toList();
      return sorted.get(sorted.size() / 2);
    }
  }

  /**
   * Loads the spec {@code runs} times as {@code release}; a release the catalogue lacks is added
   * for the benchmark and removed afterwards with the rows loaded for it.
   */
  public Report run(Release release, SpecSource source, LevelRule rule, int runs) {
    return withRelease(
        release, () -> new Report(source.source(), time(release, source, rule, runs)));
  }

  /**
   * Runs {@code work} with {@code release} in the catalogue; a release the catalogue lacks is added
   * for it and removed afterwards with the spec rows loaded for it.
   */
  public <T> T withRelease(Release release, java.util.function.Supplier<T> work) {
    boolean added =
        sql.insertInto(RELEASE)
                .set(RELEASE.RELEASE_, release.toString())
                .set(RELEASE.RELEASE_DATE, LocalDate.now())
                .onConflictDoNothing()
                .execute()
            == 1;
    try {
      return work.get();
    } finally {
      if (added) {
        sql.deleteFrom(OPEN_API).where(OPEN_API.RELEASE.eq(release.toString())).execute();
        sql.deleteFrom(LOAD_LOG).where(LOAD_LOG.RELEASE.eq(release.toString())).execute();
        sql.deleteFrom(RELEASE).where(RELEASE.RELEASE_.eq(release.toString())).execute();
      }
    }
  }

  private List<Run> time(Release release, SpecSource source, LevelRule rule, int runs) {
    List<Run> results = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      loader.parse(source);
      long parsed = System.nanoTime();
      SpecLoader.Result result = loader.load(release, source, rule);
      long loaded = System.nanoTime();
      results.add(new Run((parsed - start) / 1e6, (loaded - parsed) / 1e6, result.operations()));
    }
    return results;
  }
}
