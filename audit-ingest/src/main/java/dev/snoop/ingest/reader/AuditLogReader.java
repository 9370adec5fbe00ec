package dev.snoop.ingest.reader;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.zip.GZIPInputStream;

/**
 * Reads the audit events of one file, plain or gzip (told by its first bytes, not its name), and
 * reports what it cannot read without stopping: a file is JSON values one after the other, each an
 * audit Event (JSON lines or pretty-printed, audit.k8s.io v1 or v1beta1, with or without kind and
 * apiVersion), an EventList, a JSON array of events, or a cloud record around one (AKS: {@code
 * properties.log}, an object or a JSON string). A GKE Cloud Audit LogEntry and other JSON that is
 * no audit event are skipped with a reason.
 *
 * <p>Bad input (not JSON, truncated, invalid UTF-8, a field of the wrong type, an event over {@link
 * ReaderOptions#maxEventBytes()}) becomes a {@link ReadProblem} with the line where it starts, and
 * reading goes on: after a syntax error, at the next line that starts with '{'. A truncated last
 * line (kube-apiserver killed while writing) is such a problem. But a file whose bytes cannot be
 * read to their end (a gzip stream cut short, as by a partial download, or corrupt; a file that is
 * missing or fails to read) throws an {@link AuditSourceException}: an unknown part of the log is
 * lost, so what was read must not pass as the whole. Memory stays about {@code maxEventBytes}
 * whatever the file.
 *
 * <p>An instance keeps nothing between reads: threads may share it, each reading its own file.
 */
public final class AuditLogReader {
  /** Room the window needs beyond the largest event: the parser reads ahead of the event. */
  private static final int READ_AHEAD = 64 * 1024;

  private static final int GZIP_BUFFER = 64 * 1024;
  private static final int BRACE = '{';

  private final ReaderOptions options;
  private final JsonFactory json;

  public AuditLogReader(ReaderOptions options) {
    this.options = options;
    this.json = JsonFactory.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();
  }

  /** What reading one source went through: its bytes as stored, and the lines of its text. */
  public record SourceRead(long bytes, long lines) {}

  public SourceRead read(AuditSource source, AuditEventSink sink) {
    return read(source.file(), source.name(), sink, null);
  }

  /**
   * Reads a source and adds every byte of the file, as stored (compressed or not), to {@code
   * digest}, so a checksum costs no second pass over the file.
   *
   * @throws AuditSourceException when the file cannot be read to its end
   */
  public SourceRead read(AuditSource source, AuditEventSink sink, MessageDigest digest) {
    return read(source.file(), source.name(), sink, digest);
  }

  /**
   * Reads {@code file}, naming it {@code sourceName} in problems. Only the sink's own exceptions
   * and an {@link AuditSourceException}, when the file cannot be read to its end, escape.
   */
  public SourceRead read(Path file, String sourceName, AuditEventSink sink) {
    return read(file, sourceName, sink, null);
  }

  private SourceRead read(Path file, String sourceName, AuditEventSink sink, MessageDigest digest) {
    CountingStream raw;
    InputStream in;
    try {
      InputStream stored = Files.newInputStream(file);
      raw = new CountingStream(digest == null ? stored : new DigestInputStream(stored, digest));
      in = decompressed(raw, sourceName);
    } catch (NoSuchFileException e) {
      throw new AuditSourceException(sourceName + ": no such file", e);
    } catch (IOException e) {
      throw new AuditSourceException(sourceName + ": cannot read: " + e.getMessage(), e);
    }
    try {
      long lines = readAll(in, raw, sourceName, sink);
      return new SourceRead(raw.count, lines);
    } finally {
      if (digest != null) {
        drainQuietly(raw); // the checksum covers the whole file, even past a bad part
      }
      closeQuietly(in);
    }
  }

  /**
   * Reads the events of a stream, plain or gzip, such as an audit webhook's request body; the
   * caller closes it. Only the sink's own exceptions and an {@link AuditSourceException}, when the
   * stream cannot be read to its end, escape.
   */
  public SourceRead read(InputStream body, String sourceName, AuditEventSink sink) {
    CountingStream raw = new CountingStream(body);
    InputStream in;
    try {
      in = decompressed(raw, sourceName);
    } catch (IOException e) {
      throw new AuditSourceException(sourceName + ": cannot read: " + e.getMessage(), e);
    }
    return new SourceRead(raw.count, readAll(in, raw, sourceName, sink));
  }

  /** Reads to the end and returns the number of lines. */
  private long readAll(InputStream in, CountingStream raw, String sourceName, AuditEventSink sink) {
    ByteWindow window = new ByteWindow(in, options.maxEventBytes() + READ_AHEAD);
    EventDecoder decoder = new EventDecoder(json, window, sourceName, sink, options);
    try {
      return readAll(window, decoder, sourceName, sink);
    } catch (IOException e) { // below the JSON: the bytes themselves cannot be read
      String where = " (at line " + decoder.currentLine() + " of the log)";
      if (!(in instanceof GZIPInputStream)) {
        throw new AuditSourceException(sourceName + ": cannot read: " + e.getMessage() + where, e);
      }
      if (e instanceof EOFException) {
        throw new AuditSourceException(
            String.format(
                "%s: truncated gzip stream: the file ends after %,d bytes, before its compressed"
                    + " data does%s; a partial download or copy?",
                sourceName, raw.count, where),
            e);
      }
      throw new AuditSourceException(
          sourceName + ": corrupt gzip stream: " + e.getMessage() + where, e);
    }
  }

  private static void drainQuietly(InputStream in) {
    try {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      // the reader has reported why the file could not be read
    }
  }

  /**
   * Reads with one parser to the end, or to a syntax error: that is reported, and a new parser
   * starts at the next line that starts with '{' after the line where the bad input starts.
   */
  private long readAll(ByteWindow window, EventDecoder decoder, String source, AuditEventSink sink)
      throws IOException {
    Position at = new Position(0, 1);
    long lines = 0;
    while (at != null) {
      if (looksLikeUtf16(window, at.offset())) {
        sink.problem(
            new ReadProblem(
                source,
                at.line(),
                "not UTF-8: a NUL byte or a UTF-16 byte order mark at the start"));
        at = window.nextLineStartingWith(BRACE, at);
        lines = window.linesAtEnd();
        continue;
      }
      JsonParser parser = json.createParser(window);
      try {
        decoder.read(parser, at);
        lines = decoder.linesAtEnd();
        at = null;
      } catch (JsonProcessingException e) {
        Position bad = decoder.badInputStart();
        boolean held = bad != null && bad.offset() >= window.retainedFrom();
        Position stop = held ? null : decoder.parserStop();
        sink.problem(
            new ReadProblem(source, (bad == null ? stop : bad).line(), SyntaxErrors.describe(e)));
        // when the bad input's start is no longer held, the parser stopped just after the
        // offending byte, which may be the '{' of a good line
        at =
            held
                ? window.nextLineStartingWith(BRACE, bad)
                : window.lineStartingWithFrom(BRACE, stop);
        lines = window.linesAtEnd();
      } finally {
        parser.close();
      }
    }
    return lines;
  }

  /** Jackson would take these for UTF-16 or UTF-32, which no audit log is. */
  private static boolean looksLikeUtf16(ByteWindow window, long offset) throws IOException {
    int b0 = window.peek(offset);
    int b1 = window.peek(offset + 1);
    return b0 == 0 || b1 == 0 || (b0 == 0xFE && b1 == 0xFF) || (b0 == 0xFF && b1 == 0xFE);
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // everything wanted from it was read, or reported
    }
  }

  /** The file's content, gunzipped when it starts with gzip's magic bytes. */
  private static InputStream decompressed(InputStream raw, String sourceName) throws IOException {
    PushbackInputStream in = new PushbackInputStream(raw, 2);
    byte[] magic;
    try {
      magic = in.readNBytes(2);
      in.unread(magic);
    } catch (IOException e) {
      raw.close();
      throw e;
    }
    if (magic.length < 2 || (magic[0] & 0xff) != 0x1f || (magic[1] & 0xff) != 0x8b) {
      return in;
    }
    try {
      return new GZIPInputStream(in, GZIP_BUFFER);
    } catch (EOFException e) {
      raw.close();
      throw new AuditSourceException(
          sourceName + ": truncated gzip stream: the file ends inside the gzip header", e);
    } catch (IOException e) {
      raw.close();
      throw new AuditSourceException(
          sourceName + ": corrupt gzip stream: " + e.getMessage() + " (in the gzip header)", e);
    }
  }

  /** Counts the bytes read through it: a pipe has no size to ask for. */
  private static final class CountingStream extends FilterInputStream {
    long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count += skipped;
      return skipped;
    }
  }
}
