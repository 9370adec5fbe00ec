package dev.snoop.ingest.bench;

import static dev.snoop.db.jooq.snoop.Tables.INGEST_RUN;

import dev.snoop.db.Database;
import dev.snoop.db.input.Input;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import dev.snoop.db.spec.LevelRule;
import dev.snoop.db.spec.SpecLoadBenchmark;
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
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
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
      IngestResult result, long logBytes, double generateSeconds, long peakHeapBytes) {
    public String describe() {
      return String.format(
          "ingest benchmark: %,d events (%,.0f MB, %.0f bytes/event) generated in %.1f s%n"
              + "  ingest: %,d events in %.2f s: %,.0f events/s, %.1f MB/s, matched %.2f%%%n"
              + "  peak heap used: %,.0f MB (max heap %,.0f MB)%n",
          result.eventsRead(),
          logBytes / 1e6,
          (double) logBytes / result.eventsRead(),
          generateSeconds,
          result.eventsRead(),
          result.durationMillis() / 1000.0,
          result.eventsPerSecond(),
          logBytes / 1e3 / Math.max(1, result.durationMillis()),
          result.matchedPercent(),
          peakHeapBytes / 1e6,
          Runtime.getRuntime().maxMemory() / 1e6);
    }
  }

  public static Report run(
      Database db,
      InputReader reader,
      Path swagger,
      List<String> codenames,
      long events,
      boolean keepRaw,
      Path workDir)
      throws IOException {
    return run(
        db, reader, swagger, codenames, events, keepRaw, workDir, (release, report) -> report);
  }

  /**
   * Like {@link #run(Database, InputReader, Path, List, long, boolean, Path)}, and calls {@code
   * whileLoaded} with the throwaway release and the report while the ingested run is still in
   * snoopdb (for benchmarks of what reads it), before removing it.
   */
  public static <T> T run(
      Database db,
      InputReader reader,
      Path swagger,
      List<String> codenames,
      long events,
      boolean keepRaw,
      Path workDir,
      BiFunction<Release, Report, T> whileLoaded)
      throws IOException {
    Release release = Release.parse("0.0.2");
    List<SpecOperation> spec = reader.read(Input.file(swagger), SpecParser::parseV2).value();
    Path log = Files.createTempFile(workDir, "bench-audit", ".log");
    try {
      long start = System.nanoTime();
      new AuditLogGenerator(spec, codenames, "v1.34.0").write(log, 42, events, false);
      double generateSeconds = (System.nanoTime() - start) / 1e9;
      long logBytes = Files.size(log);
      return new SpecLoadBenchmark(db.dsl(), reader)
          .withRelease(
              release,
              () -> {
                new SpecLoader(db.dsl(), reader)
                    .load(release, new SpecSource.V2(Input.file(swagger)), LevelRule.EXACT);
                resetPeaks();
                IngestResult result =
                    new AuditIngester(db)
                        .ingest(
                            new IngestRequest(release, "bench:" + log, null, null, keepRaw, 0),
                            new FileFeed(
                                List.of(new AuditSource(log.toString(), log)),
                                ReaderOptions.defaults().withKeepRaw(keepRaw),
                                n -> {}));
                long peak = peakHeap();
                try {
                  return whileLoaded.apply(
                      release, new Report(result, logBytes, generateSeconds, peak));
                } finally {
                  db.dsl().execute("drop table if exists snoop.audit_event_run_" + result.runId());
                  db.dsl().deleteFrom(INGEST_RUN).where(INGEST_RUN.ID.eq(result.runId())).execute();
                }
              });
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  private static long peakHeap() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
