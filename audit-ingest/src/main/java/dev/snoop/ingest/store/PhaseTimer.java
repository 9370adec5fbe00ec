package dev.snoop.ingest.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Wall time of each phase of a run, in the order the phases ran, to see where an ingest spends. */
public final class PhaseTimer {
  private final Map<String, Long> millis = new LinkedHashMap<>();
  private long lapStart = System.nanoTime();

  /** Ends the phase that ran since the last lap (or since the timer was made). */
  public void lap(String phase) {
    long now = System.nanoTime();
    millis.merge(phase, (now - lapStart) / 1_000_000, Long::sum);
    lapStart = now;
  }

  /** Milliseconds per phase, in order. */
  public Map<String, Long> millis() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(millis));
  }
}
