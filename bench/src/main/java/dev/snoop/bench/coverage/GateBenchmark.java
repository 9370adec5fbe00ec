package dev.snoop.bench.coverage;

import dev.snoop.coverage.gate.ConformanceGate;
import dev.snoop.coverage.gate.GateReport;
import dev.snoop.coverage.gate.GateRequest;
import dev.snoop.db.input.InvalidValueException;
import dev.snoop.db.release.Release;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Times the gate ({@link ConformanceGate#evaluate}) for one release on whatever snoopdb holds: the
 * first run (cold) and the following ones (warm). Every query runs whatever the verdict; with no
 * earlier spec loaded every eligible endpoint counts as new, the most the gate ever looks up.
 */
public final class GateBenchmark {
  private GateBenchmark() {}

  /** The figures of one benchmark. */
  public record Report(String release, List<Double> millis, GateReport last) {
    public Report {
      millis = List.copyOf(millis);
    }

    public String describe() {
      List<Double> warm =
          new ArrayList<>(millis.subList(Math.min(1, millis.size() - 1), millis.size()));
      warm.sort(Double::compare);
      StringBuilder runs = new StringBuilder();
      for (double ms : millis) {
        runs.append(String.format(Locale.ROOT, " %.0f", ms));
      }
      return String.format(
          Locale.ROOT,
          "gate benchmark: release %s%n"
              + "  snoop gate, ms per run (first is cold):%s%n"
              + "  cold %.0f ms, warm median %.0f ms, warm best %.0f ms%n"
              + "  (%d new eligible endpoints looked up, %d untested, %d regressions; verdict %s)%n",
          release,
          runs,
          millis.get(0),
          warm.get(warm.size() / 2),
          warm.get(0),
          last.endpoints().size(),
          last.untested().size(),
          last.regressions().size(),
          last.verdict());
    }
  }

  /** Times the gate for a release, with no source expected and no age limit to speak of. */
  public static Report run(DSLContext sql, Release release, int runs) {
    if (runs < 1) {
      throw new InvalidValueException("runs must be at least 1, not " + runs);
    }
    ConformanceGate gate = new ConformanceGate(sql);
    GateRequest request =
        new GateRequest(
            Optional.of(release),
            List.of(),
            List.of(),
            Duration.ofDays(36500),
            false,
            Instant.now());
    List<Double> millis = new ArrayList<>();
    GateReport last = null;
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      last = gate.evaluate(request);
      millis.add((System.nanoTime() - start) / 1e6);
    }
    return new Report(release.toString(), millis, last);
  }
}
