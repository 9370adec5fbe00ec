package dev.snoop.web.apisnoop;

import dev.snoop.coverage.export.ApisnoopFiles;
import dev.snoop.web.HttpProblem;
import dev.snoop.web.Routes;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import org.jooq.DSLContext;

/**
 * {@code GET /apisnoop/<file>}: APISnoop's coverage files, the same bytes {@code snoop export}
 * writes ({@link ApisnoopFiles}). A name is looked up among the files that can be made, never used
 * as a path. Each file is kept, with its gzip form, until a load or an ingest changes the database
 * (several servers may share one), because a release's file takes a second to make and APISnoop's
 * web app fetches every release's at once.
 */
public final class ApisnoopRoutes implements Routes {
  private final ApisnoopFiles files;
  private final Map<String, Made> made = new ConcurrentHashMap<>();

  /** A file as made for one version of the database's inputs. */
  private record Made(String inputsVersion, byte[] bytes, byte[] gzipped) {}

  public ApisnoopRoutes(DSLContext sql) {
    this.files = new ApisnoopFiles(sql);
  }

  @Override
  public void addTo(JavalinDefaultRouting router) {
    router.get("/apisnoop/{file}", this::file);
  }

  private void file(Context ctx) {
    String name = ctx.pathParam("file");
    String version = files.inputsVersion();
    Made file = made.get(name);
    if (file == null || !file.inputsVersion().equals(version)) {
      Optional<byte[]> content = files.content(name);
      if (content.isEmpty()) {
        throw HttpProblem.notFound("no such APISnoop file: " + name);
      }
      file = new Made(version, content.get(), gzip(content.get()));
      made.put(name, file);
    }
    ctx.contentType(
        name.endsWith(".yaml") ? "application/yaml; charset=utf-8" : "application/json");
    ctx.header("Vary", "Accept-Encoding");
    String accepted = Optional.ofNullable(ctx.header("Accept-Encoding")).orElse("");
    if (accepted.contains("gzip")) {
      // Javalin leaves a response alone that already says how it is encoded.
      ctx.header("Content-Encoding", "gzip").result(file.gzipped());
    } else {
      ctx.result(file.bytes());
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
