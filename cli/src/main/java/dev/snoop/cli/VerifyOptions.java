package dev.snoop.cli;

import dev.snoop.db.Database;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import dev.snoop.submissions.Check;
import dev.snoop.submissions.Finding;
import dev.snoop.submissions.HttpUrlProbe;
import dev.snoop.submissions.UrlProbe;
import dev.snoop.submissions.Verification;
import dev.snoop.submissions.Verifier;
import dev.snoop.submissions.source.Submission;
import dev.snoop.submissions.store.VerificationStore;
import dev.snoop.submissions.testlist.DatabaseTestLists;
import dev.snoop.submissions.testlist.FileTestLists;
import dev.snoop.submissions.testlist.TestLists;
import dev.snoop.submissions.testlist.UpstreamTestLists;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** The options verify-submission and verify-pr share, and how both run and print. */
final class VerifyOptions {
  @Option(
      names = "--stable",
      defaultValue = "v1.36",
      description =
          "The newest Kubernetes release (the bot's stable.txt); it and the two before it are"
              + " supported (default: v1.36).")
  String stable;

  @Option(
      names = "--conformance",
      description =
          "conformance.yaml to take the required tests from, or a folder of vX.Y.yaml or"
              + " vX.Y/conformance.yaml. Default: the list in snoopdb (snoop load conformance),"
              + " else kubernetes' release branch.")
  Path conformance;

  @Option(
      names = "--check-urls",
      description = "Send HEAD requests to PRODUCT.yaml's URLs, as the bot does (off by default).")
  boolean checkUrls;

  @Option(
      names = "--record",
      description = "Store the result in snoopdb (snoop.submission_verification).")
  boolean record;

  /** Verifies, prints, records when asked; returns the exit code of the verdict. */
  int run(SnoopCommand root, PrintWriter out, Supplier<Submission> read) {
    Release stableRelease = Release.parse(stable);
    Submission submission = read.get();
    InputReader reader = root.inputReader();
    UrlProbe probe = checkUrls ? new HttpUrlProbe() : UrlProbe.NONE;
    if (conformance != null && !record) {
      Verification v =
          new Verifier(
                  new FileTestLists(reader, conformance), stableRelease, probe, Clock.systemUTC())
              .verify(submission);
      print(v, out);
      return v.verdict().exitCode();
    }
    try (Database db = root.openDatabase()) {
      TestLists lists =
          conformance != null
              ? new FileTestLists(reader, conformance)
              : TestLists.firstOf(
                  List.of(new DatabaseTestLists(db.dsl(), reader), new UpstreamTestLists(reader)));
      Verification v =
          new Verifier(lists, stableRelease, probe, Clock.systemUTC()).verify(submission);
      print(v, out);
      if (record) {
        long id = new VerificationStore(db.dsl()).record(v);
        out.println("recorded as verification " + id);
      }
      return v.verdict().exitCode();
    }
  }

  static void print(Verification v, PrintWriter out) {
    out.println("checks:");
    for (Check check : v.checks()) {
      out.printf("  %-4s  %-5s  %s%n", check.status().name(), check.origin().id(), check.name());
      if (check.status() != dev.snoop.submissions.CheckStatus.PASS) {
        for (Finding finding : check.findings()) {
          finding.message().lines().forEach(line -> out.println("                " + line));
        }
      }
    }
    out.println("labels:  " + String.join(", ", v.labels()));
    out.println("verdict: " + v.verdict().id());
    out.println("comment:");
    out.print(v.comment().endsWith("\n") ? v.comment() : v.comment() + "\n");
  }
}
