package dev.snoop.bench.verify;

import dev.snoop.db.input.InvalidValueException;
import dev.snoop.submissions.Verdict;
import dev.snoop.submissions.Verification;
import dev.snoop.submissions.Verifier;
import dev.snoop.submissions.source.DirectorySubmission;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Verifies one submission folder repeatedly, reading its files each time, and reports the time of
 * the first (cold) run and of the warm ones. The conformance list is cached by the verifier's
 * source after the first run, as in a long-running bot.
 */
public final class VerifyBenchmark {
  private VerifyBenchmark() {}

  public record Report(
      Path submission, Verdict verdict, int runs, double coldMs, double medianMs, double minMs) {
    public String describe() {
      return String.format(
          "verified %s (%s) %d times: cold %.1f ms, warm median %.1f ms, warm min %.1f ms per"
              + " verification%n",
          submission, verdict.id(), runs, coldMs, medianMs, minMs);
    }
  }

  public static Report run(Verifier verifier, Path submission, int runs) {
    if (runs < 2) {
      throw new InvalidValueException("runs must be at least 2 (one cold, one warm)");
    }
    double[] ms = new double[runs];
    Verdict verdict = null;
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      Verification v = verifier.verify(DirectorySubmission.read(submission, Optional.empty()));
      ms[i] = (System.nanoTime() - start) / 1e6;
      verdict = v.verdict();
    }
    double[] warm = Arrays.copyOfRange(ms, 1, runs);
    Arrays.sort(warm);
    return new Report(submission, verdict, runs, ms[0], warm[warm.length / 2], warm[0]);
  }
}
