package dev.snoop.ci.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.TreeSet;

/**
 * When the engine's loop runs its next pass: at once when woken (a run was triggered, a workload
 * changed), at the earliest alarm (a deadline, a periodic's firing), else after the resync period.
 */
final class Waker {
  private final Clock clock;
  private final Duration resync;
  private final TreeSet<Instant> alarms = new TreeSet<>();
  private boolean woken;
  private boolean closed;

  Waker(Clock clock, Duration resync) {
    this.clock = clock;
    this.resync = resync;
  }

  synchronized void wake() {
    woken = true;
    notifyAll();
  }

  /** A pass at {@code time} (at once if it has passed). */
  synchronized void wakeAt(Instant time) {
    if (alarms.add(time) && time.equals(alarms.first())) {
      notifyAll();
    }
  }

  synchronized void close() {
    closed = true;
    notifyAll();
  }

  /**
   * Waits for the next pass.
   *
   * @return false once closed
   */
  synchronized boolean await() throws InterruptedException {
    Instant end = clock.instant().plus(resync);
    while (!closed && !woken) {
      Instant now = clock.instant();
      Instant next = alarms.isEmpty() || alarms.first().isAfter(end) ? end : alarms.first();
      if (!now.isBefore(next)) {
        break;
      }
      long millis = Math.max(1, Duration.between(now, next).toMillis());
      wait(millis);
    }
    woken = false;
    alarms.headSet(clock.instant(), true).clear();
    return !closed;
  }
}
