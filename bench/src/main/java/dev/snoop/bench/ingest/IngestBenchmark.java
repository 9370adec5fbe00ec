package dev.snoop.bench.ingest;

import static dev.snoop.db.jooq.snoop.Tables.INGEST_RUN;

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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Ingest end to end on a generated log: writes N realistic events, ingests them as a normal run
 * against the spec (loaded as a throwaway release), and reports events/s, MB/s and the peak heap.
 * The run, the spec and the log are removed afterwards.
 */
public final class IngestBenchmark {
  private IngestBenchmark() {}

  /** The figures of one benchmark. */
  public record Report(
      IngestResult result, long logBytes, double generateSeconds, long peakHeapAfterGcBytes) {
    public String describe() {
      return String.format(
          "ingest benchmark: %,d events (%,.0f MB, %.0f bytes/event), generated in %.1f s%n"
              + "  ingest: %,d events in %.2f s: %,.0f events/s, %.1f MB/s, matched %.2f%%%n"
              + "  heap: at most %,.0f MB in use after a collection (max heap %,.0f MB)%n",
          result.eventsRead(),
          logBytes / 1e6,
          (double) logBytes / result.eventsRead(),
          generateSeconds,
          result.eventsRead(),
          result.durationMillis() / 1000.0,
          result.eventsPerSecond(),
          logBytes / 1e3 / Math.max(1, result.durationMillis()),
          result.matchedPercent(),
          peakHeapAfterGcBytes / 1e6,
          Runtime.getRuntime().maxMemory() / 1e6);
    }
  }

  /**
   * Ingests {@code log}, which is generated first when {@code generate} is set; a kept log lets
   * repeated runs measure the ingest alone, with no generator code warming up alongside it.
   */
  public static Report run(
      Database db,
      InputReader reader,
      Path swagger,
      List<String> codenames,
      long events,
      boolean keepRaw,
      Path log,
      boolean generate)
      throws IOException {
    return run(db, reader, swagger, codenames, events, keepRaw, log, generate, (release, r) -> r);
  }

  /**
   * Generates a log of {@code events} in {@code workDir}, ingests it and calls {@code whileLoaded}
   * with the throwaway release and the report while the run is still in snoopdb (for benchmarks of
   * what reads it), before removing the run and the log.
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
      return run(db, reader, swagger, codenames, events, false, log, true, whileLoaded);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static <T> T run(
      Database db,
      InputReader reader,
      Path swagger,
      List<String> codenames,
      long events,
      boolean keepRaw,
      Path log,
      boolean generate,
      BiFunction<Release, Report, T> whileLoaded)
      throws IOException {
    Release release = Release.parse("0.0.2");
    double generateSeconds = 0;
    if (generate) {
      List<SpecOperation> spec = reader.read(Input.file(swagger), SpecParser::parseV2).value();
      long start = System.nanoTime();
      new AuditLogGenerator(spec, codenames, "v1.34.0").write(log, 42, events, false);
      generateSeconds = (System.nanoTime() - start) / 1e9;
    }
    long logBytes = Files.size(log);
    double generated = generateSeconds;
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
                return whileLoaded.apply(release, new Report(result, logBytes, generated, peak));
              } finally {
                db.dsl().execute("drop table if exists snoop.audit_event_run_" + result.runId());
                db.dsl().deleteFrom(INGEST_RUN).where(INGEST_RUN.ID.eq(result.runId())).execute();
              }
            });
  }
}
