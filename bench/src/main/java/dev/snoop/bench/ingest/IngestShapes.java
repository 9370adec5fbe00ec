package dev.snoop.bench.ingest;

import dev.snoop.db.Database;
import dev.snoop.db.input.InputReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Ingest speed on logs of several shapes in one process: generates one log per shape, then ingests
 * every shape in turn, run after run, so a busy machine slows all shapes alike, and compares each
 * shape's median events/s with the first shape's. Prints each run's figures as it ends.
 */
public final class IngestShapes {
  private IngestShapes() {}

  /**
   * What to ingest.
   *
   * @param codenames conformance test codenames that name the generated e2e traffic
   * @param logDir where to keep the logs (reused when there), or null for temporary files
   */
  public record Setup(
      Path swagger,
      List<String> codenames,
      long events,
      List<Shape> shapes,
      int runs,
      boolean keepRaw,
      Path logDir) {
    public Setup {
      codenames = List.copyOf(codenames);
      shapes = List.copyOf(shapes);
      if (shapes.isEmpty() || runs < 1 || events < 1) {
        throw new IllegalArgumentException("give at least one shape, one run and one event");
      }
    }
  }

  /** Every run's report, per shape in the order given. */
  public record Summary(Map<Shape, List<IngestBenchmark.Report>> reports) {
    /** Median events/s of a shape's runs. */
    public double medianEventsPerSecond(Shape shape) {
      List<Double> rates =
          new ArrayList<>(
              reports.get(shape).stream().map(r -> r.result().eventsPerSecond()).toList());
      rates.sort(Double::compare);
      return rates.get(rates.size() / 2);
    }

    public String describe() {
      StringBuilder out = new StringBuilder("summary:\n");
      Shape first = reports.keySet().iterator().next();
      for (var entry : reports.entrySet()) {
        Shape shape = entry.getKey();
        StringBuilder rates = new StringBuilder();
        StringBuilder heap = new StringBuilder();
        for (IngestBenchmark.Report r : entry.getValue()) {
          rates.append(String.format(Locale.ROOT, " %,.0f", r.result().eventsPerSecond()));
          heap.append(String.format(Locale.ROOT, " %,.0f", r.heapAfterFullGcBytes() / 1e6));
        }
        out.append(
            String.format(
                Locale.ROOT,
                "  %-9s events/s per run:%s; median %,.0f (%.0f%% of %s); heap after full GC, MB:%s%n",
                shape.id(),
                rates,
                medianEventsPerSecond(shape),
                100 * medianEventsPerSecond(shape) / medianEventsPerSecond(first),
                first.id(),
                heap));
      }
      return out.toString();
    }
  }

  public static Summary run(Database db, InputReader reader, Setup setup, Consumer<String> out)
      throws IOException {
    Map<Shape, Path> logs = new LinkedHashMap<>();
    Map<Shape, Double> generated = new LinkedHashMap<>();
    try {
      for (Shape shape : setup.shapes()) {
        Path log = logFile(setup, shape);
        logs.put(shape, log);
        if (setup.logDir() == null || !Files.exists(log)) {
          double seconds =
              IngestBenchmark.generate(
                  reader, setup.swagger(), setup.codenames(), setup.events(), shape, log);
          generated.put(shape, seconds);
        }
      }
      Map<Shape, List<IngestBenchmark.Report>> reports = new LinkedHashMap<>();
      for (int run = 1; run <= setup.runs(); run++) {
        for (Shape shape : setup.shapes()) {
          double seconds = run == 1 ? generated.getOrDefault(shape, 0.0) : 0;
          IngestBenchmark.Report report =
              IngestBenchmark.ingest(
                  db, reader, setup.swagger(), shape, setup.keepRaw(), logs.get(shape), seconds);
          reports.computeIfAbsent(shape, s -> new ArrayList<>()).add(report);
          out.accept(
              String.format(Locale.ROOT, "run %d of %d: %s", run, setup.runs(), report.describe()));
        }
      }
      return new Summary(reports);
    } finally {
      if (setup.logDir() == null) {
        for (Path log : logs.values()) {
          Files.deleteIfExists(log);
        }
      }
    }
  }

  private static Path logFile(Setup setup, Shape shape) throws IOException {
    if (setup.logDir() != null) {
      Files.createDirectories(setup.logDir());
      return setup.logDir().resolve("audit-" + shape.id() + "-" + setup.events() + ".log");
    }
    return Files.createTempFile(
        Path.of(System.getProperty("java.io.tmpdir")), "bench-audit-" + shape.id(), ".log");
  }
}
