package dev.snoop.ingest.reader;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The stream the JSON parser reads from, which keeps the bytes since a mark: the start of the event
 * being read. From them it copies an event's raw bytes, and after a syntax error it finds where to
 * start again, because a parser cannot be moved back once it has read ahead. It keeps no more than
 * {@code maxRetained} bytes (plus one read); when an event is larger, its start is let go and the
 * reader reports it as too large.
 *
 * <p>Offsets are absolute in the decompressed input. Lines are counted as Jackson counts them:
 * {@code \n}, {@code \r\n} and a lone {@code \r} each end one line.
 */
final class ByteWindow extends InputStream {
  private static final int READ_SIZE = 64 * 1024;
  private static final int INITIAL_SIZE = 4 * READ_SIZE;

  /** Bytes kept before the read position when an event's start is let go, to start again there. */
  private static final int TAIL = 16;

  private final InputStream source;
  private final int maxRetained;
  private byte[] buf = new byte[INITIAL_SIZE];

  /** Absolute offset of buf[0]. */
  private long bufOffset;

  /** Bytes before this index may be dropped. mark <= pos <= limit. */
  private int mark;

  /** The next byte handed out. */
  private int pos;

  /** The end of the bytes read. */
  private int limit;

  private boolean eof;

  /** The number of lines of the input, once a scan reached its end. */
  private long linesAtEnd;

  ByteWindow(InputStream source, int maxRetained) {
    this.source = source;
    this.maxRetained = maxRetained;
  }

  @Override
  public int read() throws IOException {
    if (pos == limit && !fill()) {
      return -1;
    }
    return buf[pos++] & 0xff;
  }

  @Override
  public int read(byte[] into, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (pos == limit && !fill()) {
      return -1;
    }
    int n = Math.min(len, limit - pos);
    System.arraycopy(buf, pos, into, off, n);
    pos += n;
    return n;
  }

  /** Bytes before {@code offset} will not be asked for again. */
  void mark(long offset) {
    int index = (int) Math.min(Math.max(offset - bufOffset, mark), pos);
    mark = index;
  }

  /** The first offset still held. */
  long retainedFrom() {
    return bufOffset + mark;
  }

  /** The bytes from {@code from} to {@code to}, which must still be held. */
  byte[] copy(long from, long to) {
    if (from < retainedFrom() || to > bufOffset + limit || from > to) {
      throw new IllegalStateException(
          "bytes "
              + from
              + ".."
              + to
              + " are not held: "
              + retainedFrom()
              + ".."
              + (bufOffset + limit));
    }
    return Arrays.copyOfRange(buf, (int) (from - bufOffset), (int) (to - bufOffset));
  }

  /** The byte at {@code offset} (held, or not yet read) as 0..255, or -1 past the end. */
  int peek(long offset) throws IOException {
    if (offset < bufOffset) {
      throw new IllegalStateException("byte " + offset + " is no longer held");
    }
    while (offset >= bufOffset + limit) {
      if (!fill()) {
        return -1;
      }
    }
    return buf[(int) (offset - bufOffset)] & 0xff;
  }

  /**
   * From {@code from} (held), the first byte that is not JSON whitespace, or the end of the input.
   */
  Position skipWhitespace(Position from) throws IOException {
    long offset = from.offset();
    long line = from.line();
    boolean afterCr = false;
    for (int b = peek(offset); b >= 0; b = peek(++offset)) {
      mark(offset);
      if (b == '\n') {
        if (!afterCr) {
          line++;
        }
      } else if (b == '\r') {
        line++;
      } else if (b != ' ' && b != '\t') {
        break;
      }
      afterCr = b == '\r';
    }
    return new Position(offset, line);
  }

  /**
   * From {@code from} (held), skips the rest of its line, then every line that does not start with
   * {@code first}; the next read returns that line's first byte. Null at the end of the input.
   * Holds only the current read while scanning, so a long garbage line costs no memory.
   */
  Position nextLineStartingWith(int first, Position from) throws IOException {
    return nextLineStartingWith(first, from, false);
  }

  /**
   * As {@link #nextLineStartingWith(int, Position)}, but when {@code from} starts a line, that line
   * is a candidate too.
   */
  Position lineStartingWithFrom(int first, Position from) throws IOException {
    long before = from.offset() - 1;
    boolean lineStart = before < 0 || (before >= retainedFrom() && isLineEnd(peek(before)));
    return nextLineStartingWith(first, from, lineStart);
  }

  private static boolean isLineEnd(int b) {
    return b == '\n' || b == '\r';
  }

  private Position nextLineStartingWith(int first, Position from, boolean lineStart)
      throws IOException {
    if (from.offset() < bufOffset + mark) {
      throw new IllegalStateException("byte " + from.offset() + " is no longer held");
    }
    pos = (int) (from.offset() - bufOffset);
    mark = pos;
    long line = from.line();
    boolean afterCr = false;
    while (true) {
      if (pos == limit) {
        mark = pos;
        if (!fill()) {
          linesAtEnd = lineStart ? line - 1 : line;
          return null;
        }
      }
      int b = buf[pos];
      if (lineStart && b == first) {
        mark = pos;
        return new Position(bufOffset + pos, line);
      }
      pos++;
      if (b == '\n') {
        if (!afterCr) {
          line++;
        }
        lineStart = true;
      } else if (b == '\r') {
        line++;
        lineStart = true;
      } else {
        lineStart = false;
      }
      afterCr = b == '\r';
    }
  }

  /**
   * The number of lines of the input (a last line without a line end counts), when the last scan
   * for a line ({@link #nextLineStartingWith}) reached the end of the input.
   */
  long linesAtEnd() {
    return linesAtEnd;
  }

  /** Reads more; false at the end of the input. Compacts or grows the buffer as needed. */
  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    if (limit == buf.length) {
      makeRoom();
    }
    int n = source.read(buf, limit, buf.length - limit);
    if (n < 0) {
      eof = true;
      return false;
    }
    limit += n;
    return true;
  }

  private void makeRoom() {
    if (limit - mark > maxRetained) {
      mark = Math.max(0, pos - TAIL); // the event being read is too large: let its start go
    }
    if (mark > 0) {
      int keep = limit - mark;
      System.arraycopy(buf, mark, buf, 0, keep);
      bufOffset += mark;
      pos -= mark;
      limit = keep;
      mark = 0;
    }
    if (limit == buf.length) {
      int size = (int) Math.min((long) buf.length * 2, (long) maxRetained + READ_SIZE);
      buf = Arrays.copyOf(buf, Math.max(size, limit + READ_SIZE));
    }
  }

  /** The size of the buffer, which bounds the memory used. */
  int capacity() {
    return buf.length;
  }

  @Override
  public void close() throws IOException {
    source.close();
  }
}
