package dev.snoop.bench.ingest;

import static dev.snoop.db.jooq.snoop.Tables.ENDPOINT_HIT;

import dev.snoop.bench.spec.SpecLoadBenchmark;
import dev.snoop.db.Database;
import dev.snoop.db.input.Input;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import dev.snoop.db.spec.LevelRule;
import dev.snoop.db.spec.SpecLoader;
import dev.snoop.db.spec.SpecOperation;
import dev.snoop.db.spec.SpecParser;
import dev.snoop.db.spec.SpecSource;
import dev.snoop.ingest.AuditIngester;
import dev.snoop.ingest.FileFeed;
import dev.snoop.ingest.IngestRequest;
import dev.snoop.ingest.IngestResult;
import dev.snoop.ingest.reader.AuditSource;
import dev.snoop.ingest.reader.ReaderOptions;
import dev.snoop.ingest.store.IngestRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * Ingest end to end on a generated log: writes N events of a {@link Shape}, ingests them as a
 * normal run against the spec (loaded as a throwaway release), and reports events/s, MB/s, where
 * the time went, the aggregate's size and the heap. The run, the spec and the log are removed
 * afterwards.
 */
public final class IngestBenchmark {
  private IngestBenchmark() {}

  /**
   * The figures of one benchmark.
   *
   * @param aggregateRows the run's rows in snoop.endpoint_hit: distinct (endpoint, user agent)
   * @param peakHeapAfterGcBytes the most heap in use just after a collection during the ingest
   * @param heapAfterFullGcBytes heap in use after a full collection once the run is over: what the
   *     process keeps from one run to the next
   */
  public record Report(
      Shape shape,
      IngestResult result,
      long logBytes,
      double generateSeconds,
      long aggregateRows,
      long peakHeapAfterGcBytes,
      long heapAfterFullGcBytes) {
    public String describe() {
      StringBuilder phases = new StringBuilder();
      result
          .phaseMillis()
          .forEach(
              (phase, ms) -> phases.append(String.format(Locale.ROOT, ", %s %,d ms", phase, ms)));
      return String.format(
          Locale.ROOT,
          "ingest benchmark: %,d events (%s log, %,.0f MB, %.0f bytes/event)%s%n"
              + "  ingest: %,d events in %.2f s: %,.0f events/s, %.1f MB/s, matched %.2f%%%n"
              + "  phases: %s%n"
              + "  aggregate: %,d rows (%,.0f per million events)%n"
              + "  heap: at most %,.0f MB in use after a collection, %,.0f MB after a full"
              + " collection once done (max heap %,.0f MB)%n",
          result.eventsRead(),
          shape.id(),
          logBytes / 1e6,
          (double) logBytes / Math.max(1, result.eventsRead()),
          generateSeconds > 0
              ? String.format(Locale.ROOT, ", generated in %.1f s", generateSeconds)
              : "",
          result.eventsRead(),
          result.durationMillis() / 1000.0,
          result.eventsPerSecond(),
          logBytes / 1e3 / Math.max(1, result.durationMillis()),
          result.matchedPercent(),
          phases.length() == 0 ? "none" : phases.substring(2),
          aggregateRows,
          aggregateRows * 1e6 / Math.max(1, result.eventsRead()),
          peakHeapAfterGcBytes / 1e6,
          heapAfterFullGcBytes / 1e6,
          Runtime.getRuntime().maxMemory() / 1e6);
    }
  }

  /**
   * Writes a log of {@code events} in the given shape (seed 42) and returns how many seconds it
   * took. Generate before timing ingests, so no generator code warms up alongside them.
   */
  public static double generate(
      InputReader reader, Path swagger, List<String> codenames, long events, Shape shape, Path log)
      throws IOException {
    List<SpecOperation> spec = reader.read(Input.file(swagger), SpecParser::parseV2).value();
    long start = System.nanoTime();
    new AuditLogGenerator(spec, codenames, "v1.34.0", shape).write(log, 42, events, false);
    return (System.nanoTime() - start) / 1e9;
  }

  /**
   * Ingests a log made by {@link #generate} and removes the run, then measures the heap the process
   * still holds after a full collection.
   */
  public static Report ingest(
      Database db,
      InputReader reader,
      Path swagger,
      Shape shape,
      boolean keepRaw,
      Path log,
      double generateSeconds) {
    Report report =
        run(db, reader, swagger, shape, keepRaw, log, generateSeconds, (release, r) -> r);
    long retained = HeapWatch.inUseAfterFullGc();
    return new Report(
        report.shape(),
        report.result(),
        report.logBytes(),
        report.generateSeconds(),
        report.aggregateRows(),
        report.peakHeapAfterGcBytes(),
        retained);
  }

  /**
   * Generates a realistic log of {@code events} in {@code workDir}, ingests it and calls {@code
   * whileLoaded} with the throwaway release and the report while the run is still in snoopdb (for
   * benchmarks of what reads it), before removing the run and the log.
   */
  public static <T> T run(
      Database db,
      InputReader reader,
      Path swagger,
      List<String> codenames,
      long events,
      Path workDir,
      BiFunction<Release, Report, T> whileLoaded)
      throws IOException {
    Path log = Files.createTempFile(workDir, "bench-audit", ".log");
    try {
      double seconds = generate(reader, swagger, codenames, events, Shape.REALISTIC, log);
      return run(db, reader, swagger, Shape.REALISTIC, false, log, seconds, whileLoaded);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static <T> T run(
      Database db,
      InputReader reader,
      Path swagger,
      Shape shape,
      boolean keepRaw,
      Path log,
      double generated,
      BiFunction<Release, Report, T> whileLoaded) {
    Release release = Release.parse("0.0.2");
    long logBytes = size(log);
    return new SpecLoadBenchmark(db.dsl(), reader)
        .withRelease(
            release,
            () -> {
              new SpecLoader(db.dsl(), reader)
                  .load(release, new SpecSource.V2(Input.file(swagger)), LevelRule.EXACT);
              IngestResult result;
              long peak;
              try (HeapWatch heap = new HeapWatch()) {
                result =
                    new AuditIngester(db)
                        .ingest(
                            new IngestRequest(release, "bench:" + log, null, null, keepRaw, 0),
                            new FileFeed(
                                List.of(new AuditSource(log.toString(), log)),
                                ReaderOptions.defaults().withKeepRaw(keepRaw),
                                n -> {}));
                peak = heap.peakAfterGc();
              }
              try {
                long rows =
                    db.dsl().fetchCount(ENDPOINT_HIT, ENDPOINT_HIT.RUN_ID.eq(result.runId()));
                return whileLoaded.apply(
                    release, new Report(shape, result, logBytes, generated, rows, peak, 0));
              } finally {
                IngestRun.remove(db.dsl(), result.runId());
              }
            });
  }

  private static long size(Path log) {
    try {
      return Files.size(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
