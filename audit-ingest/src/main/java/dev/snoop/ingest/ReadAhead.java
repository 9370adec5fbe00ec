package dev.snoop.ingest;

import dev.snoop.ingest.reader.AuditEvent;
import dev.snoop.ingest.reader.AuditEventSink;
import dev.snoop.ingest.reader.ReadProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * Reads on a thread of its own and hands what it finds to a sink on the calling thread, in order,
 * through a bounded queue of batches: parsing the log then overlaps with matching and storing, the
 * two halves of an ingest's work. The queue bounds memory by events and by raw bytes.
 *
 * <p>When the sink throws, reading stops and the sink's exception is thrown; when reading throws,
 * its exception is thrown once everything read before it has reached the sink.
 */
final class ReadAhead {
  private static final int BATCH_ITEMS = 512;
  private static final long BATCH_RAW_BYTES = 4L << 20;
  private static final int QUEUED_BATCHES = 8;

  /** Reads everything into the sink it is given and returns what it read. */
  @FunctionalInterface
  interface Reading<T> {
    T readInto(AuditEventSink sink) throws Exception;
  }

  private record Problem(ReadProblem problem) {}

  private record Skipped(String reason) {}

  /** The last batch: what the reading returned, or why it failed. */
  private record End(Object result, Throwable failure) {}

  private final BlockingQueue<List<Object>> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
  private volatile boolean cancelled;

  private ReadAhead() {}

  static <T> T run(Reading<T> reading, AuditEventSink sink) throws Exception {
    return new ReadAhead().consume(reading, sink);
  }

  @SuppressWarnings("unchecked")
  private <T> T consume(Reading<T> reading, AuditEventSink sink) throws Exception {
    Thread reader = new Thread(() -> produce(reading), "audit-log-reader");
    reader.setDaemon(true);
    reader.start();
    try {
      while (true) {
        List<Object> batch = queue.take();
        for (Object item : batch) {
          if (item instanceof AuditEvent event) {
            sink.event(event);
          } else if (item instanceof Problem p) {
            sink.problem(p.problem());
          } else if (item instanceof Skipped s) {
            sink.skipped(s.reason());
          } else if (item instanceof End end) {
            if (end.failure() instanceof Error error) {
              throw error;
            }
            if (end.failure() != null) {
              throw (Exception) end.failure();
            }
            return (T) end.result();
          }
        }
      }
    } finally {
      cancelled = true;
      queue.clear(); // frees a reader blocked on a full queue, which then sees it is cancelled
      reader.join();
    }
  }

  private void produce(Reading<?> reading) {
    Batcher batcher = new Batcher();
    End end;
    try {
      end = new End(reading.readInto(batcher), null);
    } catch (CancellationException e) {
      return;
    } catch (Exception | Error e) { // an Error too: the consumer must not wait forever
      end = new End(null, e);
    }
    try {
      batcher.add(end, 0);
      batcher.flush();
    } catch (CancellationException e) {
      // the consumer has stopped and throws its own exception
    }
  }

  /** The reading's sink: collects items into batches and queues them. */
  private final class Batcher implements AuditEventSink {
    private List<Object> batch = new ArrayList<>(BATCH_ITEMS);
    private long rawBytes;

    @Override
    public void event(AuditEvent event) {
      add(event, event.raw() == null ? 0 : event.raw().length);
    }

    @Override
    public void problem(ReadProblem problem) {
      add(new Problem(problem), 0);
    }

    @Override
    public void skipped(String reason) {
      add(new Skipped(reason), 0);
    }

    void add(Object item, long bytes) {
      batch.add(item);
      rawBytes += bytes;
      if (batch.size() == BATCH_ITEMS || rawBytes >= BATCH_RAW_BYTES) {
        flush();
      }
    }

    void flush() {
      List<Object> full = batch;
      batch = new ArrayList<>(BATCH_ITEMS);
      rawBytes = 0;
      try {
        while (!queue.offer(full, 50, TimeUnit.MILLISECONDS)) {
          if (cancelled) {
            throw new CancellationException();
          }
        }
        if (cancelled) {
          throw new CancellationException();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancellationException();
      }
    }
  }
}
