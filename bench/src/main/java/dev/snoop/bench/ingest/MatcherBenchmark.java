package dev.snoop.bench.ingest;

import dev.snoop.db.spec.SpecOperation;
import dev.snoop.ingest.matcher.EndpointMatcher;
import dev.snoop.ingest.matcher.HttpMethod;
import dev.snoop.ingest.matcher.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Times the endpoint matcher alone on one thread: requests made from the spec's own path templates
 * (with query strings on some), matched round after round.
 */
public final class MatcherBenchmark {
  /** The figures of a run. */
  public record Report(int operations, int distinctRequests, long matches, double seconds) {
    public double matchesPerSecond() {
      return matches / seconds;
    }

    public String describe() {
      return String.format(
          "matcher benchmark: %d operations, %d distinct requests%n"
              + "  %,d matches in %.2f s on one thread: %,.0f matches/s%n",
          operations, distinctRequests, matches, seconds, matchesPerSecond());
    }
  }

  private MatcherBenchmark() {}

  public static Report run(List<SpecOperation> spec, double seconds) {
    EndpointMatcher matcher =
        EndpointMatcher.of(
            spec.stream()
                .map(op -> new Operation(op.path(), HttpMethod.of(op.method()), op.operationId()))
                .toList());
    Random random = new Random(42);
    List<String> verbs = new ArrayList<>();
    List<String> uris = new ArrayList<>();
    for (SpecOperation op : spec) {
      String uri = fill(op.path(), random) + (random.nextInt(3) == 0 ? "?limit=500" : "");
      verbs.add(HttpMethod.of(op.method()).auditVerb(op.action()));
      uris.add(uri);
    }
    String[] v = verbs.toArray(String[]::new);
    String[] u = uris.toArray(String[]::new);
    long matched = 0;
    for (int warm = 0; warm < 200; warm++) {
      for (int i = 0; i < u.length; i++) {
        matched += matcher.match(v[i], u[i]).matched() ? 1 : 0;
      }
    }
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    long start = System.nanoTime();
    long matches = 0;
    while (System.nanoTime() < deadline) {
      for (int i = 0; i < u.length; i++) {
        matched += matcher.match(v[i], u[i]).matched() ? 1 : 0;
      }
      matches += u.length;
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    if (matched == 0) {
      throw new IllegalStateException("nothing matched");
    }
    return new Report(spec.size(), u.length, matches, elapsed);
  }

  private static String fill(String template, Random random) {
    StringBuilder uri = new StringBuilder();
    for (String part : template.replaceAll("^/|/$", "").split("/")) {
      uri.append('/');
      if (part.equals("{path}") || part.equals("{logpath}")) {
        uri.append("a/b/c");
      } else if (part.startsWith("{")) {
        uri.append("name-").append(random.nextInt(1000));
      } else {
        uri.append(part);
      }
    }
    return uri.toString();
  }
}
