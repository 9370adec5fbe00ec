package dev.snoop.bench.ingest;

import dev.snoop.ingest.reader.AuditEvent;
import dev.snoop.ingest.reader.AuditEventSink;
import dev.snoop.ingest.reader.AuditLogReader;
import dev.snoop.ingest.reader.ReadProblem;
import dev.snoop.ingest.reader.ReaderOptions;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * Throughput of {@link AuditLogReader} on one thread: writes N Metadata-level events of about 770
 * bytes (a conformance run's, with an e2e.test userAgent, 200 a second) to a temp file, reads it
 * five times and prints events/s and MB/s. Not a test, since a timed test fails on a busy machine;
 * run by hand (pin it to one core with {@code taskset -c 0}):
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -pl bench -am \
 *     -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp bench/target/test-classes:bench/target/classes:$(cat bench/target/cp.txt) \
 *     dev.snoop.bench.ingest.AuditLogReaderBenchmark [events=2000000] [gzip=false] [keepRaw=false]
 * </pre>
 *
 * With {@code file=<path>} instead of the event count it reads that file.
 */
public final class AuditLogReaderBenchmark {
  private static final Instant START = Instant.parse("2025-05-01T10:00:00Z");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private AuditLogReaderBenchmark() {}

  public static void main(String[] args) throws IOException {
    boolean given = args.length > 0 && args[0].startsWith("file=");
    boolean gzip = args.length > 1 && Boolean.parseBoolean(args[1]);
    boolean keepRaw = args.length > 2 && Boolean.parseBoolean(args[2]);
    Path file =
        given
            ? Path.of(args[0].substring("file=".length()))
            : Files.createTempFile("audit-bench", gzip ? ".log.gz" : ".log");
    try {
      long jsonBytes;
      if (given) {
        jsonBytes = Files.size(file);
      } else {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        jsonBytes = write(file, events, gzip);
        System.out.printf(
            "%,d events of %d bytes on average, %,d bytes on disk%s%n",
            events, jsonBytes / Math.max(1, events), Files.size(file), gzip ? " (gzip)" : "");
      }
      AuditLogReader reader = new AuditLogReader(ReaderOptions.defaults().withKeepRaw(keepRaw));
      for (int round = 1; round <= 5; round++) {
        Counter counter = new Counter();
        long start = System.nanoTime();
        reader.read(file, file.toString(), counter);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
            "round %d: %,d events, %d problems, %.2f s: %,.0f events/s, %,.0f MB/s of JSON%s%n",
            round,
            counter.events,
            counter.problems,
            seconds,
            counter.events / seconds,
            jsonBytes / seconds / 1e6,
            gzip && !given ? " (decompressed)" : "");
      }
    } finally {
      if (!given) {
        Files.deleteIfExists(file);
      }
    }
  }

  /** Writes the events; returns their size in bytes before compression. */
  static long write(Path file, int events, boolean gzip) throws IOException {
    String[] verbs = {"get", "list", "watch", "create", "update", "patch", "delete"};
    String[] resources = {"pods", "configmaps", "secrets", "services", "events", "leases"};
    long size = 0;
    try (OutputStream out = Files.newOutputStream(file);
        OutputStream maybeGzip = gzip ? new GZIPOutputStream(out, 1 << 16) : out;
        BufferedWriter w =
            new BufferedWriter(
                new OutputStreamWriter(maybeGzip, StandardCharsets.UTF_8), 1 << 16)) {
      for (int i = 0; i < events; i++) {
        String resource = resources[i % resources.length];
        String ns = "pods-" + (1000 + i % 97);
        String time = TIME.format(START.plusNanos(i * 5_000_000L)); // 200 requests a second
        String line =
            "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\","
                + "\"auditID\":\""
                + new UUID(i * 31L, i)
                + "\",\"stage\":\"ResponseComplete\",\"requestURI\":\"/api/v1/namespaces/"
                + ns
                + "/"
                + resource
                + "/obj-"
                + i
                + "\",\"verb\":\""
                + verbs[i % verbs.length]
                + "\",\"user\":{\"username\":\"kubernetes-admin\",\"groups\":"
                + "[\"system:masters\"]},"
                + "\"sourceIPs\":[\"172.18.0.1\"],\"userAgent\":\"e2e.test/v1.33.0 (linux/amd64)"
                + " kubernetes/0000000 -- [sig-node] Pods should get a host IP [Conformance]\","
                + "\"objectRef\":{\"resource\":\""
                + resource
                + "\",\"namespace\":\""
                + ns
                + "\",\"name\":\"obj-"
                + i
                + "\",\"apiVersion\":\"v1\"},\"responseStatus\":{\"metadata\":{},\"code\":200},"
                + "\"requestReceivedTimestamp\":\""
                + time
                + "\",\"stageTimestamp\":\""
                + time
                + "\",\"annotations\":{\"authorization.k8s.io/decision\":\"allow\","
                + "\"authorization.k8s.io/reason\":\"\"}}\n";
        w.write(line);
        size += line.length();
      }
    }
    return size;
  }

  private static final class Counter implements AuditEventSink {
    long events;
    long problems;

    @Override
    public void event(AuditEvent event) {
      events++;
    }

    @Override
    public void problem(ReadProblem problem) {
      if (problems++ < 10) {
        System.err.println(problem);
      }
    }

    @Override
    public void skipped(String reason) {
      problems++;
    }
  }
}
