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
import dev.snoop.web.hook.WebhookSignature;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The pull request bot's options, shared by {@code snoop bot} and {@code snoop serve --bot}. */
final class BotOptions {
  @Option(
      names = "--repo",
      defaultValue = "cncf/k8s-conformance",
      description = "The bot's repository, owner/name (default: cncf/k8s-conformance).")
  String repo;

  @Option(
      names = "--api-url",
      defaultValue = "https://api.github.com",
      description = "GitHub REST API base URL (default: https://api.github.com).")
  URI apiUrl;

  @Option(
      names = "--token-file",
      description = "File holding the GitHub token (default: env GITHUB_TOKEN).")
  Path tokenFile;

  @Option(names = "--apply", description = "Write labels, comments and statuses to GitHub.")
  boolean apply;

  @Option(
      names = "--sweep-interval",
      defaultValue = "1h",
      converter = DurationConverter.class,
      description = "Time between sweeps of every open PR: 90s, 30m, 1h (default: 1h).")
  Duration sweepInterval;

  @Option(
      names = "--webhook-secret-file",
      description =
          "File holding the GitHub webhook's secret; deliveries without its X-Hub-Signature-256"
              + " are refused (default: env GITHUB_WEBHOOK_SECRET).")
  Path webhookSecretFile;

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
    Optional<String> token = secret(tokenFile, "GITHUB_TOKEN", "--token-file");
    if (apply && token.isEmpty()) {
      throw new UserException("--apply needs a GitHub token: --token-file FILE or GITHUB_TOKEN");
    }
    GitHubClient github = new GitHubClient(apiUrl, token);
    try {
      Optional<String> self = token.map(t -> github.authenticatedLogin());
      err.printf(
          "snoop bot on %s at %s%s; %s%n",
          repo,
          apiUrl,
          self.map(login -> " as " + login).orElse(" without a token"),
          apply ? "applying changes" : "dry run: nothing is written (--apply writes)");
      err.flush();
      TestLists lists =
          conformance != null
              ? new FileTestLists(reader, conformance)
              : TestLists.firstOf(
                  List.of(new DatabaseTestLists(db.dsl(), reader), new UpstreamTestLists(reader)));
      UrlProbe probe = checkUrls ? new HttpUrlProbe() : UrlProbe.NONE;
      return new PullRequestBot(
          github,
          new Verifier(lists, stableRelease, probe, Clock.systemUTC()),
          new PullRequestBot.Settings(repo, apply, self),
          Optional.of(new VerificationStore(db.dsl())));
    } catch (GitHubException e) {
      throw userError(e);
    }
  }

  /** The webhook secret's checker; without a secret, a warning on {@code err} and none. */
  Optional<WebhookSignature> webhookSignature(PrintWriter err) {
    Optional<String> secret =
        secret(webhookSecretFile, "GITHUB_WEBHOOK_SECRET", "--webhook-secret-file");
    if (secret.isEmpty()) {
      err.println(
          "WARNING: no webhook secret (--webhook-secret-file or GITHUB_WEBHOOK_SECRET): anyone"
              + " who can reach the server can queue verifications");
    }
    return secret.map(s -> new WebhookSignature(s.getBytes(StandardCharsets.UTF_8)));
  }

  /** GitHub refusing the token is the user's to fix; other GitHub failures are told as they are. */
  UserException userError(GitHubException e) {
    if (e.badCredentials()) {
      return new UserException(
          "GitHub rejected the token from "
              + (tokenFile != null ? tokenFile.toString() : "GITHUB_TOKEN")
              + ": "
              + e.getMessage());
    }
    return new UserException(e.getMessage());
  }

  /** Prints an outcome whole: the sweeps and the webhook worker print from their threads. */
  static void print(PrintWriter out, Outcome outcome) {
    synchronized (out) {
      out.print(OutcomeText.format(outcome));
      out.flush();
    }
  }

  /** A secret from its file, else from the environment; stripped, empty when there is none. */
  private static Optional<String> secret(Path file, String env, String option) {
    if (file != null) {
      try {
        String value = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (value.isEmpty()) {
          throw new UserException(option + " " + file + " is empty");
        }
        return Optional.of(value);
      } catch (IOException e) {
        throw new UserException(option + " " + file + ": cannot read it: " + e.getMessage());
      }
    }
    return Optional.ofNullable(System.getenv(env)).map(String::strip).filter(s -> !s.isEmpty());
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
