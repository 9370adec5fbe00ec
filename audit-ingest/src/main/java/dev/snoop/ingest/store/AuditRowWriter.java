package dev.snoop.ingest.store;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.postgresql.copy.CopyIn;

/**
 * Writes audit_event rows with binary COPY on a thread of its own, fed through a bounded queue of
 * batches, so reading and matching go on while the database takes the rows and memory stays
 * bounded.
 */
final class AuditRowWriter implements AutoCloseable {
  private static final int BATCH = 4096;
  private static final int QUEUED_BATCHES = 16;
  private static final int FLUSH_BYTES = 1 << 18;
  private static final int MAX_CACHED_STRINGS = 50_000;
  private static final byte[] EMPTY_JSON = "{}".getBytes(StandardCharsets.UTF_8);
  private static final List<AuditRow> END = List.of();

  private final CopyIn copy;
  private final long runId;
  private final boolean keepRaw;
  private final BlockingQueue<List<AuditRow>> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
  private final Map<String, byte[]> utf8 = new HashMap<>();
  private final Thread thread;
  private volatile Exception failure;
  private List<AuditRow> batch = new ArrayList<>(BATCH);
  private long rows;

  /**
   * @param copy a COPY of the columns audit_id, endpoint, useragent, test, test_hit, error,
   *     conf_test_hit, id, and data when keepRaw; the run's constants are the table's defaults
   */
  AuditRowWriter(CopyIn copy, long runId, boolean keepRaw) {
    this.copy = copy;
    this.runId = runId;
    this.keepRaw = keepRaw;
    this.thread = new Thread(this::run, "audit-event-copy");
    thread.setDaemon(true);
    thread.start();
  }

  void add(AuditRow row) {
    batch.add(row);
    if (batch.size() == BATCH) {
      put(batch);
      batch = new ArrayList<>(BATCH);
    }
  }

  /** Sends the last rows, ends the COPY and returns how many rows it wrote. */
  long finish() throws SQLException {
    put(batch);
    put(END);
    join();
    rethrowFailure();
    return copy.endCopy();
  }

  private void put(List<AuditRow> rows) {
    try {
      do {
        rethrowFailure();
      } while (!queue.offer(rows, 100, TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing audit events", e);
    }
  }

  private void run() {
    BinaryCopyEncoder out = new BinaryCopyEncoder();
    out.header();
    try {
      while (true) {
        List<AuditRow> next = queue.take();
        if (next == END) {
          break;
        }
        for (AuditRow row : next) {
          encode(out, row);
        }
        if (out.size() >= FLUSH_BYTES) {
          copy.writeToCopy(out.buffer(), 0, out.size());
          out.clear();
        }
      }
      out.trailer();
      copy.writeToCopy(out.buffer(), 0, out.size());
    } catch (Exception e) {
      failure = e;
    }
  }

  private void encode(BinaryCopyEncoder out, AuditRow row) {
    out.row(keepRaw ? 9 : 8);
    out.text(row.auditId() == null ? "" : row.auditId());
    cached(out, row.endpoint());
    cached(out, row.userAgent());
    cached(out, row.test());
    out.bool(row.testHit());
    cached(out, row.error());
    out.bool(row.confTestHit());
    out.int8((runId << 32) + rows++);
    if (keepRaw) {
      out.jsonb(row.raw() == null ? EMPTY_JSON : row.raw());
    }
  }

  /** Agents, tests and endpoints repeat: encode each once. */
  private void cached(BinaryCopyEncoder out, String value) {
    if (value == null) {
      out.nullField();
      return;
    }
    byte[] bytes = utf8.get(value);
    if (bytes == null) {
      bytes = value.getBytes(StandardCharsets.UTF_8);
      if (utf8.size() < MAX_CACHED_STRINGS) {
        utf8.put(value, bytes);
      }
    }
    out.bytes(bytes);
  }

  private void join() {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing audit events", e);
    }
  }

  private void rethrowFailure() {
    if (failure != null) {
      throw new IllegalStateException(
          "writing audit events failed: " + failure.getMessage(), failure);
    }
  }

  /** Stops the writer after a failure elsewhere; the transaction's rollback discards the rows. */
  @Override
  public void close() {
    if (thread.isAlive()) {
      thread.interrupt();
      join();
    }
    try {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    } catch (SQLException e) {
      // the connection is rolled back or closed next
    }
  }
}
