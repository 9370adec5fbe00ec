package dev.snoop.bench.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * A growable byte buffer that audit events are written into: pre-encoded fragments are copied,
 * strings are escaped and UTF-8 encoded, numbers, UUIDs and RFC 3339 timestamps are formatted in
 * place. Reused for the whole log, so writing an event allocates nothing.
 */
final class JsonBuffer {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private byte[] bytes;
  private int length;
  private long cachedSecond = Long.MIN_VALUE;
  private final byte[] secondText = new byte[19];

  JsonBuffer(int capacity) {
    bytes = new byte[capacity];
  }

  /** The text of a fragment that needs no escaping, as bytes to copy. */
  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A string as a quoted, escaped JSON value, as bytes to copy. */
  static byte[] quoted(String text) {
    JsonBuffer buffer = new JsonBuffer(text.length() + 16);
    buffer.string(text);
    return Arrays.copyOf(buffer.bytes, buffer.length);
  }

  int length() {
    return length;
  }

  void clear() {
    length = 0;
  }

  void writeTo(OutputStream out) throws IOException {
    out.write(bytes, 0, length);
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, length);
  }

  JsonBuffer raw(byte[] fragment) {
    ensure(fragment.length);
    System.arraycopy(fragment, 0, bytes, length, fragment.length);
    length += fragment.length;
    return this;
  }

  JsonBuffer raw(char c) {
    ensure(1);
    bytes[length++] = (byte) c;
    return this;
  }

  /** Text known to be ASCII with nothing to escape (names, URIs this generator made). */
  JsonBuffer raw(String ascii) {
    int n = ascii.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      bytes[length++] = (byte) ascii.charAt(i);
    }
    return this;
  }

  /** A quoted JSON string, escaped as encoding/json does for ", \ and control characters. */
  JsonBuffer string(String text) {
    int n = text.length();
    ensure(n + 2);
    bytes[length++] = '"';
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
        ensure(1);
        bytes[length++] = (byte) c;
      } else if (c == '"' || c == '\\') {
        raw('\\').raw(c);
      } else if (c < 0x20) {
        raw("\\u00").raw((char) HEX[c >> 4]).raw((char) HEX[c & 0xf]);
      } else {
        int end = Character.isHighSurrogate(c) && i + 1 < n ? i + 2 : i + 1;
        raw(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end - 1;
      }
    }
    return raw('"');
  }

  /** A quoted string made of a prefix and a name, neither needing escapes. */
  JsonBuffer quoted(String prefix, String name) {
    return raw('"').raw(prefix).raw(name).raw('"');
  }

  JsonBuffer number(long value) {
    if (value < 0) {
      raw('-');
      value = -value;
    }
    if (value < 10) {
      return raw((char) ('0' + value));
    }
    ensure(20);
    int digits = 0;
    for (long v = value; v > 0; v /= 10) {
      digits++;
    }
    for (int i = digits - 1; i >= 0; i--) {
      bytes[length + i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    length += digits;
    return this;
  }

  /** A random (version 4) UUID from two random longs, unquoted. */
  JsonBuffer uuid(long high, long low) {
    high = (high & ~0xF000L) | 0x4000L;
    low = (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    hex(high >>> 32, 8).raw('-').hex(high >>> 16, 4).raw('-').hex(high, 4).raw('-');
    return hex(low >>> 48, 4).raw('-').hex(low, 12);
  }

  /** The low {@code nibbles} hex digits of a value. */
  JsonBuffer hex(long value, int nibbles) {
    ensure(nibbles);
    for (int i = nibbles - 1; i >= 0; i--) {
      bytes[length + i] = HEX[(int) (value & 0xf)];
      value >>>= 4;
    }
    length += nibbles;
    return this;
  }

  /** A quoted RFC 3339 UTC timestamp with microseconds, as the audit backend writes them. */
  JsonBuffer timestamp(long epochMicros) {
    formatSecond(Math.floorDiv(epochMicros, 1_000_000L));
    raw('"').raw(secondText).raw('.');
    ensure(6);
    digits(bytes, length, Math.floorMod(epochMicros, 1_000_000L), 6);
    length += 6;
    return raw("Z\"");
  }

  /** A quoted RFC 3339 UTC timestamp to the second, as object metadata has them. */
  JsonBuffer timestampSeconds(long epochMicros) {
    formatSecond(Math.floorDiv(epochMicros, 1_000_000L));
    return raw('"').raw(secondText).raw("Z\"");
  }

  private void formatSecond(long second) {
    if (second != cachedSecond) {
      LocalDateTime t = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
      int at = 0;
      at = digits(secondText, at, t.getYear(), 4);
      secondText[at++] = '-';
      at = digits(secondText, at, t.getMonthValue(), 2);
      secondText[at++] = '-';
      at = digits(secondText, at, t.getDayOfMonth(), 2);
      secondText[at++] = 'T';
      at = digits(secondText, at, t.getHour(), 2);
      secondText[at++] = ':';
      at = digits(secondText, at, t.getMinute(), 2);
      secondText[at++] = ':';
      digits(secondText, at, t.getSecond(), 2);
      cachedSecond = second;
    }
  }

  private static int digits(byte[] into, int at, long value, int width) {
    for (int i = width - 1; i >= 0; i--) {
      into[at + i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    return at + width;
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}
