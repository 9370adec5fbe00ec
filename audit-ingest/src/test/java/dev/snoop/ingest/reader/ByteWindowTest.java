package dev.snoop.ingest.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ByteWindowTest {
  /** An endless line of 'x', made as it is read. */
  private static InputStream endlessLine(long length) {
    return new InputStream() {
      long left = length;

      @Override
      public int read() {
        return left-- > 0 ? 'x' : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (left <= 0) {
          return -1;
        }
        int n = (int) Math.min(len, left);
        java.util.Arrays.fill(b, off, off + n, (byte) 'x');
        left -= n;
        return n;
      }
    };
  }

  @Test
  void holdsNoMoreThanTheLimitOfAnEventLargerThanIt() throws IOException {
    int limit = 1 << 20;
    try (ByteWindow window = new ByteWindow(endlessLine(50L << 20), limit)) {
      window.mark(0);
      byte[] chunk = new byte[8000];
      long read = 0;
      for (int n; (n = window.read(chunk, 0, chunk.length)) > 0; ) {
        read += n;
      }
      assertThat(read).isEqualTo(50L << 20);
      assertThat(window.capacity()).isLessThanOrEqualTo(limit + 64 * 1024);
      assertThat(window.retainedFrom()).isGreaterThan(49L << 20);
    }
  }

  @Test
  void holdsAnEventWithinTheLimitFromItsMark() throws IOException {
    byte[] text = ("skip{" + "y".repeat(3 << 20) + "}").getBytes(StandardCharsets.US_ASCII);
    try (ByteWindow window = new ByteWindow(new ByteArrayInputStream(text), 4 << 20)) {
      window.mark(4);
      window.readAllBytes();
      byte[] held = window.copy(4, text.length);
      assertThat(held).hasSize(text.length - 4);
      assertThat(held[0]).isEqualTo((byte) '{');
    }
  }

  @Test
  void findsTheNextLineStartingWithABraceCountingLinesAsJacksonDoes() throws IOException {
    String text = "bad {\r\n  {indented\rx\n\r\n{here";
    try (ByteWindow window = new ByteWindow(stream(text), 1024)) {
      Position found = window.nextLineStartingWith('{', new Position(0, 7));
      // lines: 7 "bad {", 8 "  {indented", 9 "x", 10 "", 11 "{here"
      assertThat(found).isEqualTo(new Position(text.indexOf("{here"), 11));
      assertThat(window.read()).isEqualTo('{');
    }
  }

  @Test
  void aLineIsACandidateWhenTheSearchStartsAtItsFirstByte() throws IOException {
    String text = "abc\n{x\n{y";
    try (ByteWindow window = new ByteWindow(stream(text), 1024)) {
      window.readAllBytes();
      assertThat(window.lineStartingWithFrom('{', new Position(4, 2)))
          .isEqualTo(new Position(4, 2));
    }
    try (ByteWindow window = new ByteWindow(stream(text), 1024)) {
      window.readAllBytes();
      assertThat(window.lineStartingWithFrom('{', new Position(5, 2)))
          .isEqualTo(new Position(7, 3));
    }
  }

  @Test
  void thereIsNoNextLineAtTheEnd() throws IOException {
    try (ByteWindow window = new ByteWindow(stream("{only one line"), 1024)) {
      assertThat(window.nextLineStartingWith('{', new Position(0, 1))).isNull();
    }
  }

  @Test
  void skipsWhitespaceToTheFirstByteOfBadInput() throws IOException {
    try (ByteWindow window = new ByteWindow(stream("}\r\n \t\n\rbad"), 1024)) {
      window.readAllBytes();
      assertThat(window.skipWhitespace(new Position(1, 1))).isEqualTo(new Position(7, 4));
    }
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
  }
}
