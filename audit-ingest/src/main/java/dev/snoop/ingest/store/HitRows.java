package dev.snoop.ingest.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Encodes aggregate rows as binary COPY tuples of {@link #COLUMNS} (endpoint_hit) or {@link
 * #PARAMETER_COLUMNS} (parameter_hit); the run's tables have run_id and release as defaults. Hands
 * them on in pieces of a few hundred kilobytes, so no buffer grows with the aggregate.
 */
final class HitRows {
  static final String COLUMNS =
      "endpoint, useragent, test, test_hit, conf_test_hit, hits, first_seen, last_seen,"
          + " hits_1xx, hits_2xx, hits_3xx, hits_4xx, hits_5xx";

  static final String PARAMETER_COLUMNS = "endpoint, useragent, test, parameter, hits";

  private static final int PIECE_BYTES = 1 << 18;

  /** Where the pieces go: a COPY, or the spill file. */
  @FunctionalInterface
  interface Sink {
    void write(byte[] bytes, int length) throws IOException;

    static Sink of(OutputStream out) {
      return (bytes, length) -> out.write(bytes, 0, length);
    }
  }

  private HitRows() {}

  /** Writes the rows, without COPY's header and trailer. */
  static void write(EndpointHits hits, Sink sink) throws IOException {
    BinaryCopyEncoder out = new BinaryCopyEncoder();
    // Rows share their operation's, agent's and test's String: encode each once.
    Map<String, byte[]> utf8 = new IdentityHashMap<>();
    hits.forEachRow(
        (endpoint, userAgent, attribution, count, firstMicros, lastMicros, classes) -> {
          out.row(13);
          out.bytes(utf8.computeIfAbsent(endpoint, HitRows::encode));
          out.bytes(utf8.computeIfAbsent(userAgent, HitRows::encode));
          String test = attribution.test();
          if (test == null) {
            out.nullField();
          } else {
            out.bytes(utf8.computeIfAbsent(test, HitRows::encode));
          }
          out.bool(attribution.testHit());
          out.bool(attribution.confTestHit());
          out.int8(count);
          timeOrNull(out, firstMicros);
          timeOrNull(out, lastMicros);
          for (long n : classes) {
            out.int8(n);
          }
          handOn(out, sink);
        });
    sink.write(out.buffer(), out.size());
  }

  /** Writes the parameter rows, without COPY's header and trailer. */
  static void writeParameters(EndpointHits hits, Sink sink) throws IOException {
    BinaryCopyEncoder out = new BinaryCopyEncoder();
    Map<String, byte[]> utf8 = new IdentityHashMap<>();
    hits.forEachParameterRow(
        (endpoint, userAgent, attribution, parameter, count) -> {
          out.row(5);
          out.bytes(utf8.computeIfAbsent(endpoint, HitRows::encode));
          out.bytes(utf8.computeIfAbsent(userAgent, HitRows::encode));
          String test = attribution.test();
          if (test == null) {
            out.nullField();
          } else {
            out.bytes(utf8.computeIfAbsent(test, HitRows::encode));
          }
          out.bytes(utf8.computeIfAbsent(parameter, HitRows::encode));
          out.int8(count);
          handOn(out, sink);
        });
    sink.write(out.buffer(), out.size());
  }

  private static void handOn(BinaryCopyEncoder out, Sink sink) throws IOException {
    if (out.size() >= PIECE_BYTES) {
      sink.write(out.buffer(), out.size());
      out.clear();
    }
  }

  /** COPY's header. */
  static void header(Sink sink) throws IOException {
    BinaryCopyEncoder out = new BinaryCopyEncoder();
    out.header();
    sink.write(out.buffer(), out.size());
  }

  /** COPY's trailer. */
  static void trailer(Sink sink) throws IOException {
    BinaryCopyEncoder out = new BinaryCopyEncoder();
    out.trailer();
    sink.write(out.buffer(), out.size());
  }

  private static byte[] encode(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void timeOrNull(BinaryCopyEncoder out, long micros) {
    if (micros == Long.MIN_VALUE || micros == Long.MAX_VALUE) {
      out.nullField();
    } else {
      out.timestamp(micros);
    }
  }
}
