package dev.snoop.web;

import dev.snoop.coverage.CoverageInputs;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import org.jooq.DSLContext;

/**
 * Answers made from coverage, each kept with its gzip form until a load or an ingest changes the
 * database ({@link CoverageInputs}, so several servers may share one database). A release's
 * coverage or APISnoop file takes a second or more to make; APISnoop's web app fetches every
 * release's file at once.
 */
public final class CoverageCache {
  /**
   * How long a read of the inputs' version is trusted: a load or an ingest is served within this
   * time. Asking the database on every request held 50 concurrent clients to one query each.
   */
  public static final Duration FRESHNESS = Duration.ofSeconds(1);

  private final CoverageInputs inputs;
  private final Map<String, Made> made = new ConcurrentHashMap<>();
  private volatile VersionRead lastRead;

  private record VersionRead(String version, long atNanos) {}

  /** An answer as made for one version of the inputs. */
  private record Made(String inputsVersion, byte[] bytes, byte[] gzipped) {}

  public CoverageCache(DSLContext sql) {
    this.inputs = new CoverageInputs(sql);
  }

  /**
   * Sends the answer kept under {@code key}, made by {@code make} when the inputs changed since;
   * gzipped when the client accepts it.
   *
   * @return false, sending nothing, when {@code make} has no answer
   */
  public boolean send(
      Context ctx, String key, String contentType, Supplier<Optional<byte[]>> make) {
    String version = version();
    Made answer = made.get(key);
    if (answer == null || !answer.inputsVersion().equals(version)) {
      Optional<byte[]> bytes = make.get();
      if (bytes.isEmpty()) {
        return false;
      }
      answer = new Made(version, bytes.get(), gzip(bytes.get()));
      made.put(key, answer);
    }
    ctx.contentType(contentType).header("Vary", "Accept-Encoding");
    if (Optional.ofNullable(ctx.header("Accept-Encoding")).orElse("").contains("gzip")) {
      // Javalin leaves a response alone that already says how it is encoded.
      ctx.header("Content-Encoding", "gzip");
      write(ctx, answer.gzipped());
    } else {
      write(ctx, answer.bytes());
    }
    return true;
  }

  /** The inputs' version, read again once {@link #FRESHNESS} has passed since the last read. */
  private String version() {
    VersionRead read = lastRead;
    long now = System.nanoTime();
    if (read == null || now - read.atNanos() > FRESHNESS.toNanos()) {
      read = new VersionRead(inputs.version(), now);
      lastRead = read;
    }
    return read.version();
  }

  /**
   * Written at once, without Javalin's copy through a stream: these answers are 200 KB and more.
   */
  private static void write(Context ctx, byte[] bytes) {
    try {
      ctx.res().setContentLength(bytes.length);
      ctx.res().getOutputStream().write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 8 + 64);
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
