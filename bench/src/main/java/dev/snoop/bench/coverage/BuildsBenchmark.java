package dev.snoop.bench.coverage;

import dev.snoop.bench.ingest.AuditLogGenerator;
import dev.snoop.bench.spec.SpecLoadBenchmark;
import dev.snoop.coverage.build.BuildSet;
import dev.snoop.coverage.build.CoverageStability;
import dev.snoop.coverage.build.FisherComparison;
import dev.snoop.coverage.build.Stability;
import dev.snoop.coverage.diff.CoverageDiff;
import dev.snoop.coverage.diff.DiffReport;
import dev.snoop.db.Database;
import dev.snoop.db.input.Input;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.input.InvalidValueException;
import dev.snoop.db.release.Release;
import dev.snoop.db.spec.LevelRule;
import dev.snoop.db.spec.SpecLoader;
import dev.snoop.db.spec.SpecOperation;
import dev.snoop.db.spec.SpecParser;
import dev.snoop.db.spec.SpecSource;
import dev.snoop.ingest.AuditIngester;
import dev.snoop.ingest.FileFeed;
import dev.snoop.ingest.IngestRequest;
import dev.snoop.ingest.reader.AuditSource;
import dev.snoop.ingest.reader.ReaderOptions;
import dev.snoop.ingest.store.IngestRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Times snoop stability, the Fisher comparison of the newest half of the builds against the older
 * half, and snoop diff between the oldest and the newest build, on {@code builds} generated
 * realistic audit logs of {@code events} each (a different seed per build), ingested as builds of
 * one job of a throwaway release and removed afterwards.
 */
public final class BuildsBenchmark {
  static final String JOB = "bench-job";

  private BuildsBenchmark() {}

  /** The figures: milliseconds per run of each query (the first is cold). */
  public record Report(
      int builds,
      long eventsPerBuild,
      double ingestSeconds,
      List<Double> stabilityMillis,
      List<Double> fisherMillis,
      List<Double> diffMillis,
      Stability stability,
      FisherComparison fisher,
      DiffReport diff) {
    public String describe() {
      return String.format(
              Locale.ROOT,
              "builds benchmark: %d builds of %,d events each, ingested in %.1f s%n",
              builds,
              eventsPerBuild,
              ingestSeconds)
          + line("snoop stability (every build)", stabilityMillis)
          + String.format(
              Locale.ROOT,
              "    %d endpoints conformance-tested in some build, %d unstable%n",
              stability.endpoints().size(),
              stability.unstable().size())
          + line("snoop stability --newest " + builds / 2 + " (Fisher)", fisherMillis)
          + String.format(
              Locale.ROOT,
              "    %d endpoints compared, %d regressions at 95%%%n",
              fisher.endpoints().size(),
              fisher.regressions().size())
          + line("snoop diff (oldest build against the newest)", diffMillis)
          + String.format(
              Locale.ROOT,
              "    tested +%d -%d, conformance-tested +%d -%d%n",
              diff.kinds().get(0).gained().size(),
              diff.kinds().get(0).lost().size(),
              diff.kinds().get(1).gained().size(),
              diff.kinds().get(1).lost().size());
    }

    private static String line(String what, List<Double> millis) {
      StringBuilder runs = new StringBuilder();
      millis.forEach(ms -> runs.append(String.format(Locale.ROOT, " %.0f", ms)));
      List<Double> warm =
          new ArrayList<>(millis.subList(Math.min(1, millis.size() - 1), millis.size()));
      warm.sort(Double::compare);
      return String.format(
          Locale.ROOT,
          "  %s, ms per run (first is cold):%s; warm median %.0f ms%n",
          what,
          runs,
          warm.get(warm.size() / 2));
    }
  }

  public static Report run(
      Database db,
      InputReader reader,
      Path swagger,
      Input conformance,
      List<String> codenames,
      int builds,
      long events,
      int runs,
      Path workDir) {
    if (builds < 2 || runs < 1 || events < 1) {
      throw new InvalidValueException("at least 2 builds, 1 event and 1 run");
    }
    Release release = Release.parse("0.0.3");
    List<SpecOperation> spec = reader.read(Input.file(swagger), SpecParser::parseV2).value();
    return new SpecLoadBenchmark(db.dsl(), reader)
        .withRelease(
            release,
            () -> {
              new SpecLoader(db.dsl(), reader)
                  .load(release, new SpecSource.V2(Input.file(swagger)), LevelRule.EXACT);
              return CoverageBenchmark.withList(
                  db.dsl(),
                  reader,
                  release,
                  conformance,
                  () -> {
                    List<Long> ids = new ArrayList<>();
                    try {
                      long start = System.nanoTime();
                      for (int b = 1; b <= builds; b++) {
                        ids.add(ingest(db, spec, codenames, release, b, events, workDir));
                      }
                      double ingestSeconds = (System.nanoTime() - start) / 1e9;
                      return measure(db, release, builds, events, runs, ingestSeconds);
                    } finally {
                      ids.forEach(id -> IngestRun.remove(db.dsl(), id));
                    }
                  });
            });
  }

  private static Report measure(
      Database db, Release release, int builds, long events, int runs, double ingestSeconds) {
    CoverageStability stability = new CoverageStability(db.dsl());
    CoverageDiff diff = new CoverageDiff(db.dsl());
    Optional<String> job = Optional.of(JOB);
    List<Double> s = new ArrayList<>();
    List<Double> f = new ArrayList<>();
    List<Double> d = new ArrayList<>();
    Stability lastStability = time(s, runs, () -> stability.stability(BuildSet.all(release, job)));
    FisherComparison lastFisher =
        time(
            f,
            runs,
            () ->
                stability.compare(
                    BuildSet.previous(release, job, builds / 2),
                    BuildSet.newest(release, job, builds / 2),
                    0.95));
    DiffReport lastDiff = time(d, runs, () -> diff.compare(release, "1", release, JOB));
    return new Report(builds, events, ingestSeconds, s, f, d, lastStability, lastFisher, lastDiff);
  }

  private static <T> T time(List<Double> millis, int runs, Supplier<T> work) {
    T last = null;
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      last = work.get();
      millis.add((System.nanoTime() - start) / 1e6);
    }
    return last;
  }

  /** Generates build {@code b}'s log (seed b), ingests it as that build of the job, deletes it. */
  private static long ingest(
      Database db,
      List<SpecOperation> spec,
      List<String> codenames,
      Release release,
      int b,
      long events,
      Path workDir) {
    try {
      Path log = Files.createTempFile(workDir, "bench-build-" + b + "-", ".log");
      try {
        new AuditLogGenerator(spec, codenames, "v1.34.0").write(log, b, events, false);
        return new AuditIngester(db)
            .ingest(
                new IngestRequest(
                    release, "bench:" + JOB + "/" + b, JOB, Integer.toString(b), false, 0),
                new FileFeed(
                    List.of(new AuditSource(log.toString(), log)),
                    ReaderOptions.defaults(),
                    n -> {}))
            .runId();
      } finally {
        Files.deleteIfExists(log);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
