package dev.snoop.submissions;

import dev.snoop.db.release.Release;
import dev.snoop.submissions.source.Submission;
import dev.snoop.submissions.testlist.RequiredTests;
import dev.snoop.submissions.testlist.TestLists;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Verifies certification submissions as the official bot (<a
 * href="https://github.com/kubernetes-sigs/verify-conformance">verify-conformance</a>) does, in its
 * order: the title gate, the release from the folder, the supported-release and test-list gates,
 * then its 15 checks and ours, folded into labels, a comment and a verdict. Thread-safe; build one
 * and reuse it (the test lists it reads are cached by them).
 */
public final class Verifier {
  private final TestLists lists;
  private final Release stable;
  private final UrlProbe probe;
  private final Clock clock;

  /**
   * @param stable the newest release (the bot's stable.txt); {@code stable} and the two minors
   *     before it are supported
   */
  public Verifier(TestLists lists, Release stable) {
    this(lists, stable, UrlProbe.NONE, Clock.systemUTC());
  }

  public Verifier(TestLists lists, Release stable, UrlProbe probe, Clock clock) {
    this.lists = lists;
    this.stable = new Release(stable.major(), stable.minor(), 0);
    this.probe = probe;
    this.clock = clock;
  }

  /**
   * @throws dev.snoop.db.input.InputException when the release's conformance list exists but is not
   *     valid (a system problem: nothing is said to the PR)
   */
  public Verification verify(Submission submission) {
    Facts facts = new Facts(submission);
    if (!submission.title().toLowerCase(Locale.ROOT).contains("conformance results for")) {
      return cannotProcess(
          facts,
          CommentWriter.NOT_A_SUBMISSION,
          List.of(Labels.NOT_CONFORMANCE_PRODUCT_SUBMISSION, Labels.UNABLE_TO_PROCESS));
    }
    String version = facts.version();
    Optional<String> tooOld =
        BotChecks.olderThanSupported(version.isEmpty() ? "????" : version, stable);
    if (tooOld.isPresent()) {
      String text = tooOld.get();
      return cannotProcess(
          facts,
          Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".",
          List.of(Labels.CONFORMANCE_PRODUCT_SUBMISSION, Labels.UNABLE_TO_PROCESS));
    }
    Release release = Release.parse(version);
    Optional<RequiredTests> required =
        release.compareTo(stable) > 0 ? Optional.empty() : lists.find(release);
    if (required.isEmpty()) {
      return cannotProcess(
          facts,
          "The release version "
              + version
              + " is unable to be processed at this time; Please wait as this version may become"
              + " available soon.",
          List.of(Labels.CONFORMANCE_PRODUCT_SUBMISSION, Labels.UNABLE_TO_PROCESS));
    }
    facts.required(required.get());

    BotChecks bot = new BotChecks(facts, probe, stable);
    List<Check> botChecks = bot.run();
    List<Check> all = new ArrayList<>(botChecks);
    all.addAll(new SnoopChecks(facts).run());
    boolean failed = all.stream().anyMatch(Check::failed);
    return new Verification(
        submission.title(),
        Optional.of(version),
        Optional.of(facts.product).filter(p -> !p.isEmpty()),
        failed ? Verdict.FAIL : Verdict.PASS,
        all,
        labels(facts, bot, failed),
        CommentWriter.write(all),
        labels(facts, bot, botChecks.stream().anyMatch(Check::failed)),
        CommentWriter.write(botChecks),
        submission.origin(),
        clock.instant());
  }

  /** The bot's labels, in the order its steps add them. */
  private static List<String> labels(Facts facts, BotChecks bot, boolean failed) {
    String version = facts.version();
    List<String> labels = new ArrayList<>();
    labels.add(Labels.CONFORMANCE_PRODUCT_SUBMISSION);
    bot.missingFiles().forEach(name -> labels.add(Labels.missingFile(name)));
    if (bot.junitRead()) {
      var junit = facts.junit().orElseThrow();
      labels.add(
          bot.missing(junit.present()).isEmpty()
              ? Labels.testsVerified(version)
              : Labels.REQUIRED_TESTS_MISSING);
      labels.add(junit.anyFailed() ? Labels.EVIDENCE_MISSING : Labels.noFailedTests(version));
    }
    labels.add(Labels.release(version));
    labels.add(failed ? Labels.NOT_VERIFIABLE : Labels.RELEASE_DOCUMENTS_CHECKED);
    return labels;
  }

  private Verification cannotProcess(Facts facts, String comment, List<String> labels) {
    String version = facts.version();
    Check gate =
        new Check(
            "processable",
            "the submission can be processed",
            comment,
            Check.Origin.BOT,
            CheckStatus.FAIL,
            List.of(Finding.of(comment)));
    return new Verification(
        facts.submission.title(),
        Optional.of(version).filter(v -> !v.isEmpty()),
        Optional.of(facts.product).filter(p -> !p.isEmpty()),
        Verdict.CANNOT_PROCESS,
        List.of(gate),
        labels,
        comment,
        labels,
        comment,
        facts.submission.origin(),
        clock.instant());
  }
}
