package dev.snoop.ingest.reader;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.EOFException;
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
import java.util.zip.ZipException;

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
 * reading goes on: after a syntax error, at the next line that starts with '{'. A corrupt gzip ends
 * the file with a problem. Memory stays about {@code maxEventBytes} whatever the file.
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

  public void read(AuditSource source, AuditEventSink sink) {
    read(source.file(), source.name(), sink, null);
  }

  /**
   * Reads a source and adds every byte of the file, as stored (compressed or not), to {@code
   * digest}, so a checksum costs no second pass over the file.
   */
  public void read(AuditSource source, AuditEventSink sink, MessageDigest digest) {
    read(source.file(), source.name(), sink, digest);
  }

  /**
   * Reads {@code file}, naming it {@code sourceName} in problems. Only the sink's own exceptions
   * escape.
   */
  public void read(Path file, String sourceName, AuditEventSink sink) {
    read(file, sourceName, sink, null);
  }

  private void read(Path file, String sourceName, AuditEventSink sink, MessageDigest digest) {
    InputStream raw;
    InputStream in;
    try {
      raw = Files.newInputStream(file);
      if (digest != null) {
        raw = new DigestInputStream(raw, digest);
      }
      in = decompressed(raw);
    } catch (NoSuchFileException e) {
      sink.problem(new ReadProblem(sourceName, 0, "no such file"));
      return;
    } catch (ZipException | EOFException e) {
      sink.problem(new ReadProblem(sourceName, 1, "corrupt gzip: " + e.getMessage()));
      return;
    } catch (IOException e) {
      sink.problem(new ReadProblem(sourceName, 0, "cannot read: " + e));
      return;
    }
    try {
      readAll(in, sourceName, sink);
    } finally {
      if (digest != null) {
        drainQuietly(raw); // the checksum covers the whole file, even past a bad part
      }
      closeQuietly(in);
    }
  }

  /**
   * Reads the events of a stream, plain or gzip, such as an audit webhook's request body; the
   * caller closes it. Only the sink's own exceptions escape.
   */
  public void read(InputStream body, String sourceName, AuditEventSink sink) {
    InputStream in;
    try {
      in = decompressed(body);
    } catch (ZipException | EOFException e) {
      sink.problem(new ReadProblem(sourceName, 1, "corrupt gzip: " + e.getMessage()));
      return;
    } catch (IOException e) {
      sink.problem(new ReadProblem(sourceName, 0, "cannot read: " + e));
      return;
    }
    readAll(in, sourceName, sink);
  }

  private void readAll(InputStream in, String sourceName, AuditEventSink sink) {
    ByteWindow window = new ByteWindow(in, options.maxEventBytes() + READ_AHEAD);
    EventDecoder decoder = new EventDecoder(json, window, sourceName, sink, options);
    try {
      readAll(window, decoder, sourceName, sink);
    } catch (IOException e) { // below the JSON: the bytes themselves cannot be read
      sink.problem(
          new ReadProblem(
              sourceName,
              decoder.currentLine(),
              (in instanceof GZIPInputStream ? "corrupt gzip: " : "cannot read: ")
                  + e.getMessage()
                  + "; the rest of the file is not read"));
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
  private void readAll(ByteWindow window, EventDecoder decoder, String source, AuditEventSink sink)
      throws IOException {
    Position at = new Position(0, 1);
    while (at != null) {
      if (looksLikeUtf16(window, at.offset())) {
        sink.problem(
            new ReadProblem(
                source,
                at.line(),
                "not UTF-8: a NUL byte or a UTF-16 byte order mark at the start"));
        at = window.nextLineStartingWith(BRACE, at);
        continue;
      }
      JsonParser parser = json.createParser(window);
      try {
        decoder.read(parser, at);
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
      } finally {
        parser.close();
      }
    }
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
  private static InputStream decompressed(InputStream raw) throws IOException {
    try {
      PushbackInputStream in = new PushbackInputStream(raw, 2);
      byte[] magic = in.readNBytes(2);
      in.unread(magic);
      if (magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
        return new GZIPInputStream(in, GZIP_BUFFER);
      }
      return in;
    } catch (IOException e) {
      raw.close();
      throw e;
    }
  }
}
