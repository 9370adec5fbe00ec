package dev.snoop.cli;

import dev.snoop.db.Database;
import dev.snoop.db.input.Durations;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import dev.snoop.github.GitHubClient;
import dev.snoop.github.GitHubException;
import dev.snoop.submissions.HttpUrlProbe;
import dev.snoop.submissions.UrlProbe;
import dev.snoop.submissions.Verifier;
import dev.snoop.submissions.bot.Outcome;
import dev.snoop.submissions.bot.OutcomeText;
import dev.snoop.submissions.bot.PullRequestBot;
import dev.snoop.submissions.store.VerificationStore;
import dev.snoop.submissions.testlist.DatabaseTestLists;
import dev.snoop.submissions.testlist.FileTestLists;
import dev.snoop.submissions.testlist.TestLists;
import dev.snoop.submissions.testlist.UpstreamTestLists;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The pull request bot's options, shared by {@code snoop bot} and {@code snoop serve --bot}. */
final class BotOptions {
  @Option(
      names = "--repo",
      defaultValue = "cncf/k8s-conformance",
      description = "The bot's repository, owner/name (default: cncf/k8s-conformance).")
  String repo;

  @Mixin GitHubOptions github;

  @Option(
      names = "--sweep-interval",
      defaultValue = "1h",
      converter = DurationConverter.class,
      description = "Time between sweeps of every open PR: 90s, 30m, 1h (default: 1h).")
  Duration sweepInterval;

  @Option(
      names = "--stable",
      defaultValue = "v1.36",
      description =
          "The newest Kubernetes release; it and the two before it are supported (default: v1.36).")
  String stable;

  @Option(
      names = "--conformance",
      description =
          "conformance.yaml, or a folder of vX.Y.yaml, for the required tests. Default: the"
              + " list in snoopdb, else kubernetes' release branch.")
  Path conformance;

  @Option(
      names = "--check-urls",
      description = "Send HEAD requests to PRODUCT.yaml's URLs, as the bot does (off by default).")
  boolean checkUrls;

  /**
   * The bot over {@code db}: reads the token, asks GitHub who it is and says on {@code err} where
   * the bot works and whether it writes.
   */
  PullRequestBot open(Database db, InputReader reader, PrintWriter err) {
    Release stableRelease = Release.parse(stable);
    Optional<String> token = github.token();
    GitHubClient client = github.client();
    try {
      Optional<String> self = token.map(t -> client.authenticatedLogin());
      err.printf(
          "snoop bot on %s at %s%s; %s%n",
          repo,
          github.apiUrl,
          self.map(login -> " as " + login).orElse(" without a token"),
          github.apply ? "applying changes" : "dry run: nothing is written (--apply writes)");
      err.flush();
      TestLists lists =
          conformance != null
              ? new FileTestLists(reader, conformance)
              : TestLists.firstOf(
                  List.of(new DatabaseTestLists(db.dsl(), reader), new UpstreamTestLists(reader)));
      UrlProbe probe = checkUrls ? new HttpUrlProbe() : UrlProbe.NONE;
      return new PullRequestBot(
          client,
          new Verifier(lists, stableRelease, probe, Clock.systemUTC()),
          new PullRequestBot.Settings(repo, github.apply, self),
          Optional.of(new VerificationStore(db.dsl())));
    } catch (GitHubException e) {
      throw github.userError(e);
    }
  }

  /** Prints an outcome whole: the sweeps and the webhook worker print from their threads. */
  static void print(PrintWriter out, Outcome outcome) {
    synchronized (out) {
      out.print(OutcomeText.format(outcome));
      out.flush();
    }
  }

  /** A positive duration as {@link Durations} reads it: 90s, 30m, 1h30m, 1d, PT1H30M. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      Duration duration = Durations.parse(value);
      if (duration.isZero()) {
        throw new TypeConversionException("a sweep interval is positive: " + value);
      }
      return duration;
    }
  }
}
