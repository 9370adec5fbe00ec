package dev.snoop.bench.ingest;

import dev.snoop.db.input.InputException;
import dev.snoop.db.input.InvalidValueException;
import dev.snoop.db.spec.SpecOperation;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Generates a realistic kube-apiserver audit log (audit.k8s.io/v1 Event JSON lines) for a release,
 * to benchmark ingest with: e2e.test running the release's conformance tests and others, the
 * controllers, scheduler and kubelets around them, and a little traffic no spec operation serves
 * (health probes, custom resources, aggregated APIs). Every request of the spec's traffic maps to
 * an operation of the spec.
 *
 * <p>The same spec, list, version and seed give the same log, byte for byte. Events are streamed
 * out as they are made, so a log of any size takes the same little memory. Thread-safe: each write
 * has its own state.
 */
public final class AuditLogGenerator {
  private final Catalog catalog;
  private final List<String> conformance;
  private final String version;
  private final Shape shape;

  /**
   * A generator of {@link Shape#REALISTIC} logs.
   *
   * @param operations the spec's operations, as {@code SpecParser} reads them
   * @param conformanceCodenames the codenames of the release's conformance tests (may be empty)
   * @param version the Kubernetes version in the userAgents, e.g. {@code v1.34.0}
   */
  public AuditLogGenerator(
      List<SpecOperation> operations, List<String> conformanceCodenames, String version) {
    this(operations, conformanceCodenames, version, Shape.REALISTIC);
  }

  /** A generator of logs of the given shape. */
  public AuditLogGenerator(
      List<SpecOperation> operations,
      List<String> conformanceCodenames,
      String version,
      Shape shape) {
    if (operations.isEmpty()) {
      throw new InputException("no operations: the spec has nothing to request");
    }
    if (!version.matches("v\\d+\\.\\d+\\.\\d+\\S*")) {
      throw new IllegalArgumentException("version must look like v1.34.0, not \"" + version + "\"");
    }
    this.catalog = new Catalog(operations);
    this.conformance = List.copyOf(conformanceCodenames);
    this.version = version;
    this.shape = shape;
  }

  /** Writes {@code events} events to a stream, which is flushed and left open. */
  public AuditLogStats write(OutputStream out, long seed, long events) throws IOException {
    if (events < 0) {
      throw new InvalidValueException("events must not be negative, got " + events);
    }
    return new LogRun(catalog, conformance, version, shape, seed, out).run(events);
  }

  /**
   * Writes {@code events} events to a file, gzip-compressed when asked (at the fastest level: the
   * log is made to be read back, not kept).
   */
  public AuditLogStats write(Path file, long seed, long events, boolean gzip) throws IOException {
    try (OutputStream raw = Files.newOutputStream(file);
        OutputStream out = gzip ? new FastGzip(raw) : new BufferedOutputStream(raw, 1 << 16)) {
      return write(out, seed, events);
    }
  }

  private static final class FastGzip extends GZIPOutputStream {
    FastGzip(OutputStream out) throws IOException {
      super(out, 1 << 16);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }
}
