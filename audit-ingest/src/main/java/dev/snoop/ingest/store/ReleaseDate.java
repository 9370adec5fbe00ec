package dev.snoop.ingest.store;

import java.time.Instant;

/**
 * audit_event.release_date as APISnoop's users read it: the job run's time (for the live sink, the
 * event's) in whole seconds since the epoch, as text, so {@code to_timestamp(release_date::bigint)}
 * gives the time back.
 */
public final class ReleaseDate {
  private ReleaseDate() {}

  /** The column's value for a time, null for none. */
  public static String of(Instant time) {
    return time == null ? null : Long.toString(time.getEpochSecond());
  }
}
