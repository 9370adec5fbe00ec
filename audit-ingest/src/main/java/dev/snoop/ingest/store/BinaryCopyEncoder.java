package dev.snoop.ingest.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encodes rows in PostgreSQL's binary COPY format into a growable buffer: a header, then per row a
 * field count and each field as length + bytes, then a trailer.
 */
final class BinaryCopyEncoder {
  private static final byte[] HEADER = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
  };

  /** Microseconds from the Unix epoch to PostgreSQL's, 2000-01-01. */
  private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

  private byte[] buffer = new byte[1 << 16];
  private int size;

  void header() {
    put(HEADER, 0, HEADER.length);
  }

  void trailer() {
    putShort(-1);
  }

  void row(int fields) {
    putShort(fields);
  }

  void nullField() {
    putInt(-1);
  }

  void text(String value) {
    if (value == null) {
      nullField();
      return;
    }
    bytes(value.getBytes(StandardCharsets.UTF_8));
  }

  /** A text field from bytes already encoded as UTF-8. */
  void bytes(byte[] utf8) {
    putInt(utf8.length);
    put(utf8, 0, utf8.length);
  }

  void bool(boolean value) {
    putInt(1);
    ensure(1);
    buffer[size++] = (byte) (value ? 1 : 0);
  }

  void int8(long value) {
    putInt(8);
    putLong(value);
  }

  /** timestamptz from microseconds since the Unix epoch. */
  void timestamp(long epochMicros) {
    putInt(8);
    putLong(epochMicros - PG_EPOCH_MICROS);
  }

  /** jsonb: a version byte, then the JSON text. */
  void jsonb(byte[] utf8Json) {
    putInt(utf8Json.length + 1);
    ensure(1);
    buffer[size++] = 1;
    put(utf8Json, 0, utf8Json.length);
  }

  int size() {
    return size;
  }

  byte[] buffer() {
    return buffer;
  }

  void clear() {
    size = 0;
  }

  private void putShort(int value) {
    ensure(2);
    buffer[size++] = (byte) (value >>> 8);
    buffer[size++] = (byte) value;
  }

  private void putInt(int value) {
    ensure(4);
    buffer[size++] = (byte) (value >>> 24);
    buffer[size++] = (byte) (value >>> 16);
    buffer[size++] = (byte) (value >>> 8);
    buffer[size++] = (byte) value;
  }

  private void putLong(long value) {
    putInt((int) (value >>> 32));
    putInt((int) value);
  }

  private void put(byte[] bytes, int offset, int length) {
    ensure(length);
    System.arraycopy(bytes, offset, buffer, size, length);
    size += length;
  }

  private void ensure(int more) {
    if (size + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
    }
  }
}
