package dev.snoop.bench.web;

import dev.snoop.db.input.InvalidValueException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A web server under load: {@code clients} threads, each sending one request after another
 * (HTTP/1.1, one kept-alive connection each ({@link KeepAliveConnection}), {@code Accept-Encoding:
 * gzip} as a browser does, each body read to its end) for a warm-up and then for the measured time,
 * going round the paths (client i starting at path i). Reports requests per second and the latency
 * percentiles of each path; a response other than 200 counts as an error; one sent while measuring
 * but answered after the end is counted as late, not in the figures.
 */
public final class WebBenchmark {
  private WebBenchmark() {}

  /** One path's figures over the measured time. */
  public record PathFigures(
      String path,
      long requests,
      long errors,
      long late,
      double perSecond,
      double p50Ms,
      double p99Ms,
      double maxMs,
      long bytes) {}

  public record Report(URI base, int clients, double seconds, List<PathFigures> paths) {
    public String describe() {
      StringBuilder out = new StringBuilder();
      out.append(
          String.format(
              Locale.ROOT,
              "%s, %d clients, %.0f s measured (after a warm-up)%n",
              base,
              clients,
              seconds));
      out.append(
          String.format(
              Locale.ROOT,
              "  %-40s %9s %7s %5s %9s %9s %9s %9s %12s%n",
              "path",
              "requests",
              "errors",
              "late",
              "req/s",
              "p50 ms",
              "p99 ms",
              "max ms",
              "KB/response"));
      long total = 0;
      for (PathFigures p : paths) {
        total += p.requests();
        out.append(
            String.format(
                Locale.ROOT,
                "  %-40s %9d %7d %5d %9.1f %9.2f %9.2f %9.2f %12.1f%n",
                p.path(),
                p.requests(),
                p.errors(),
                p.late(),
                p.perSecond(),
                p.p50Ms(),
                p.p99Ms(),
                p.maxMs(),
                p.requests() == 0 ? 0.0 : p.bytes() / 1024.0 / p.requests()));
      }
      out.append(String.format(Locale.ROOT, "  all: %.1f requests/s%n", total / seconds));
      return out.toString();
    }
  }

  /**
   * Loads {@code base} with the paths.
   *
   * @param paths each relative to {@code base}, e.g. {@code api/releases/1.33.0/coverage}
   */
  public static Report run(
      URI base, List<String> paths, int clients, Duration warmUp, Duration measured)
      throws InterruptedException {
    if (clients < 1) {
      throw new InvalidValueException("clients must be at least 1, not " + clients);
    }
    if (paths.isEmpty()) {
      throw new InvalidValueException("no path to request");
    }
    if (measured.isZero() || measured.isNegative()) {
      throw new InvalidValueException("the measured time must be positive, not " + measured);
    }
    List<URI> uris = paths.stream().map(p -> base.resolve(p.replaceFirst("^/", ""))).toList();
    checkEachAnswers(uris);
    long start = System.nanoTime();
    long measureFrom = start + warmUp.toNanos();
    long end = measureFrom + measured.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<Client>> futures = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      Client client = new Client(base, uris, i, measureFrom, end);
      futures.add(pool.submit(() -> client.run()));
    }
    List<Client> done = new ArrayList<>();
    try {
      for (Future<Client> f : futures) {
        done.add(f.get());
      }
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("a client failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    double seconds = measured.toNanos() / 1e9;
    List<PathFigures> figures = new ArrayList<>();
    for (int p = 0; p < uris.size(); p++) {
      int path = p;
      long[] latencies =
          done.stream().flatMapToLong(c -> Arrays.stream(c.latencies(path))).sorted().toArray();
      long errors = done.stream().mapToLong(c -> c.errors[path]).sum();
      long late = done.stream().mapToLong(c -> c.late[path]).sum();
      long bytes = done.stream().mapToLong(c -> c.bytes[path]).sum();
      figures.add(
          new PathFigures(
              paths.get(p),
              latencies.length,
              errors,
              late,
              latencies.length / seconds,
              percentile(latencies, 0.50),
              percentile(latencies, 0.99),
              latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6,
              bytes));
    }
    return new Report(base, clients, seconds, figures);
  }

  /** Fails before the load when a path does not answer 200: its figures would mean nothing. */
  private static void checkEachAnswers(List<URI> uris) throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    for (URI uri : uris) {
      try {
        HttpResponse<String> response =
            http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          String body = response.body();
          throw new InvalidValueException(
              uri
                  + " answers "
                  + response.statusCode()
                  + ": "
                  + body.substring(0, Math.min(200, body.length())));
        }
      } catch (IOException e) {
        throw new InvalidValueException(uri + " cannot be reached: " + e.getMessage());
      }
    }
  }

  /** The nearest-rank percentile, in ms. */
  static double percentile(long[] sortedNanos, double q) {
    if (sortedNanos.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(q * sortedNanos.length);
    return sortedNanos[Math.max(0, rank - 1)] / 1e6;
  }

  /** One client: requests one after another, its latencies kept per path once measuring. */
  private static final class Client {
    private final URI base;
    private final List<URI> uris;
    private final int first;
    private final long measureFrom;
    private final long end;
    private final LongList[] latencies;
    final long[] errors;
    final long[] late;
    final long[] bytes;

    Client(URI base, List<URI> uris, int first, long measureFrom, long end) {
      this.base = base;
      this.uris = uris;
      this.first = first;
      this.measureFrom = measureFrom;
      this.end = end;
      this.latencies = new LongList[uris.size()];
      Arrays.setAll(latencies, i -> new LongList());
      this.errors = new long[uris.size()];
      this.late = new long[uris.size()];
      this.bytes = new long[uris.size()];
    }

    long[] latencies(int path) {
      return latencies[path].toArray();
    }

    Client run() throws IOException {
      try (KeepAliveConnection connection = new KeepAliveConnection(base)) {
        for (int n = first; ; n++) {
          int path = n % uris.size();
          long sent = System.nanoTime();
          if (sent >= end) {
            return this;
          }
          KeepAliveConnection.Answer answer = connection.get(uris.get(path));
          long answered = System.nanoTime();
          if (sent >= measureFrom && answered <= end) {
            latencies[path].add(answered - sent);
            bytes[path] += answer.bodyBytes();
            if (answer.status() != 200) {
              errors[path]++;
            }
          } else if (sent >= measureFrom) {
            late[path]++;
          }
        }
      }
    }
  }

  /** A growing array of longs, without boxing. */
  private static final class LongList {
    private long[] values = new long[1024];
    private int size;

    void add(long value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    long[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }
}
