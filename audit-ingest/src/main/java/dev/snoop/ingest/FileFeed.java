package dev.snoop.ingest;

import dev.snoop.ingest.reader.AuditEvent;
import dev.snoop.ingest.reader.AuditEventSink;
import dev.snoop.ingest.reader.AuditLogReader;
import dev.snoop.ingest.reader.AuditSource;
import dev.snoop.ingest.reader.ReadProblem;
import dev.snoop.ingest.reader.ReaderOptions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Feeds a run from audit log files, in order, read on a thread of their own ({@link ReadAhead}),
 * and computes the sha256 over all their bytes for the run record. Calls {@code progress} with the
 * events read so far every few thousand events.
 */
public final class FileFeed implements AuditIngester.Feed {
  private static final int PROGRESS_EVERY = 1 << 14;

  private final List<AuditSource> sources;
  private final AuditLogReader reader;
  private final LongConsumer progress;

  public FileFeed(List<AuditSource> sources, ReaderOptions options, LongConsumer progress) {
    this.sources = sources;
    this.reader = new AuditLogReader(options);
    this.progress = progress;
  }

  @Override
  public AuditIngester.FeedResult feed(IngestSession session) throws Exception {
    CountingSink counting = new CountingSink(session, progress);
    AuditIngester.FeedResult read = ReadAhead.run(this::readAll, counting);
    progress.accept(counting.events);
    return read;
  }

  /** Runs on the read-ahead thread. */
  private AuditIngester.FeedResult readAll(AuditEventSink sink) {
    MessageDigest digest = sha256();
    long bytes = 0;
    long lines = 0;
    for (AuditSource source : sources) {
      AuditLogReader.SourceRead read = reader.read(source, sink, digest);
      bytes += read.bytes();
      lines += read.lines();
    }
    return new AuditIngester.FeedResult(bytes, lines, HexFormat.of().formatHex(digest.digest()));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Passes everything on and reports progress now and then. */
  private static final class CountingSink implements AuditEventSink {
    private final AuditEventSink next;
    private final LongConsumer progress;
    long events;

    CountingSink(AuditEventSink next, LongConsumer progress) {
      this.next = next;
      this.progress = progress;
    }

    @Override
    public void event(AuditEvent event) {
      next.event(event);
      if (++events % PROGRESS_EVERY == 0) {
        progress.accept(events);
      }
    }

    @Override
    public void problem(ReadProblem problem) {
      next.problem(problem);
    }

    @Override
    public void skipped(String reason) {
      next.skipped(reason);
    }
  }
}
