package dev.snoop.cli;

import dev.snoop.db.Database;
import dev.snoop.db.input.Durations;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import dev.snoop.submissions.HttpUrlProbe;
import dev.snoop.submissions.UrlProbe;
import dev.snoop.submissions.Verifier;
import dev.snoop.submissions.bot.BotService;
import dev.snoop.submissions.bot.GitHubClient;
import dev.snoop.submissions.bot.GitHubException;
import dev.snoop.submissions.bot.Outcome;
import dev.snoop.submissions.bot.OutcomeText;
import dev.snoop.submissions.bot.PullRequestBot;
import dev.snoop.submissions.bot.WebhookSignature;
import dev.snoop.submissions.store.VerificationStore;
import dev.snoop.submissions.testlist.DatabaseTestLists;
import dev.snoop.submissions.testlist.FileTestLists;
import dev.snoop.submissions.testlist.TestLists;
import dev.snoop.submissions.testlist.UpstreamTestLists;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code snoop bot}: the verifier on a repository's pull requests. */
@Command(
    name = "bot",
    description =
        "Verify the open pull requests of a k8s-conformance repository on GitHub and keep their"
            + " managed labels, one bot comment and the verify-conformance status up to date."
            + " Dry run by default: prints what it would change; --apply changes it. Sweeps every"
            + " --sweep-interval, and with --listen also takes webhook events; --once sweeps once"
            + " and exits (exit 0, or 2 when some PRs could not be handled).")
final class BotCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--repo",
      defaultValue = "cncf/k8s-conformance",
      description = "owner/name (default: cncf/k8s-conformance).")
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

  @Option(names = "--once", description = "Sweep the open PRs once and exit.")
  boolean once;

  @Option(
      names = "--pr",
      split = ",",
      description =
          "Only these PR numbers, verified even if nothing changed since the last time; then exit.")
  List<Integer> prs;

  @Option(
      names = "--sweep-interval",
      defaultValue = "1h",
      converter = DurationConverter.class,
      description = "Time between sweeps of every open PR: 90s, 30m, 1h (default: 1h).")
  Duration sweepInterval;

  @Option(
      names = "--listen",
      description =
          "[HOST:]PORT to serve the GitHub webhook on (path /webhook; events: pull_request).")
  String listen;

  @Option(
      names = "--webhook-secret-file",
      description =
          "File holding the webhook secret; deliveries without its X-Hub-Signature-256 are"
              + " refused (default: env GITHUB_WEBHOOK_SECRET).")
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

  @Override
  public Integer call() throws Exception {
    SnoopCommand root = (SnoopCommand) spec.root().userObject();
    Release stableRelease = Release.parse(stable);
    Optional<String> token = secret(tokenFile, "GITHUB_TOKEN", "--token-file");
    if (apply && token.isEmpty()) {
      throw new UserException("--apply needs a GitHub token: --token-file FILE or GITHUB_TOKEN");
    }
    GitHubClient github = new GitHubClient(apiUrl, token);
    try {
      Optional<String> self = token.map(t -> github.authenticatedLogin());
      spec.commandLine()
          .getErr()
          .printf(
              "snoop bot on %s at %s%s; %s%n",
              repo,
              apiUrl,
              self.map(login -> " as " + login).orElse(" without a token"),
              apply ? "applying changes" : "dry run: nothing is written (--apply writes)");
      InputReader reader = root.inputReader();
      try (Database db = root.openDatabase()) {
        TestLists lists =
            conformance != null
                ? new FileTestLists(reader, conformance)
                : TestLists.firstOf(
                    List.of(
                        new DatabaseTestLists(db.dsl(), reader), new UpstreamTestLists(reader)));
        UrlProbe probe = checkUrls ? new HttpUrlProbe() : UrlProbe.NONE;
        PullRequestBot bot =
            new PullRequestBot(
                github,
                new Verifier(lists, stableRelease, probe, Clock.systemUTC()),
                new PullRequestBot.Settings(repo, apply, self),
                Optional.of(new VerificationStore(db.dsl())));
        if (once || prs != null) {
          return runOnce(bot);
        }
        return serve(bot);
      }
    } catch (GitHubException e) {
      if (e.badCredentials()) {
        throw new UserException(
            "GitHub rejected the token from "
                + (tokenFile != null ? tokenFile.toString() : "GITHUB_TOKEN")
                + ": "
                + e.getMessage());
      }
      throw new UserException(e.getMessage());
    }
  }

  private int runOnce(PullRequestBot bot) {
    List<Outcome> outcomes = new ArrayList<>();
    if (prs != null) {
      for (int number : prs) {
        Outcome outcome = bot.handle(number, true);
        print(outcome);
        outcomes.add(outcome);
      }
    } else {
      outcomes = bot.sweep(this::print);
    }
    long failed = outcomes.stream().filter(o -> o.result() == Outcome.Result.FAILED).count();
    spec.commandLine()
        .getOut()
        .printf(
            "%d pull requests: %d verified, %d skipped, %d failed%n",
            outcomes.size(),
            outcomes.stream().filter(o -> o.result() == Outcome.Result.VERIFIED).count(),
            outcomes.stream().filter(o -> o.result() == Outcome.Result.SKIPPED).count(),
            failed);
    if (failed > 0) {
      spec.commandLine()
          .getErr()
          .println(
              "ERROR: "
                  + failed
                  + " of "
                  + outcomes.size()
                  + " pull requests could not be handled (see FAILED above); the next sweep retries"
                  + " them");
      return ExitCode.USER_ERROR;
    }
    return ExitCode.OK;
  }

  private int serve(PullRequestBot bot) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    BotService service = new BotService(bot, this::print);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  service.close();
                  stopped.countDown();
                }));
    if (listen != null) {
      Optional<String> secret =
          secret(webhookSecretFile, "GITHUB_WEBHOOK_SECRET", "--webhook-secret-file");
      if (secret.isEmpty()) {
        spec.commandLine()
            .getErr()
            .println(
                "WARNING: no webhook secret (--webhook-secret-file or GITHUB_WEBHOOK_SECRET): anyone"
                    + " who can reach the port can queue verifications");
      }
      int port =
          service.listen(
              address(listen),
              secret.map(s -> new WebhookSignature(s.getBytes(StandardCharsets.UTF_8))));
      spec.commandLine()
          .getErr()
          .println("webhook: POST http://" + listenHost(listen) + ":" + port + "/webhook");
    }
    service.sweepEvery(sweepInterval);
    stopped.await();
    return ExitCode.OK;
  }

  /** Prints an outcome whole: the sweeps and the webhook worker print from their threads. */
  private void print(Outcome outcome) {
    PrintWriter out = spec.commandLine().getOut();
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

  private static InetSocketAddress address(String listen) {
    int colon = listen.lastIndexOf(':');
    String host = colon < 0 ? "0.0.0.0" : listen.substring(0, colon);
    try {
      int port = Integer.parseInt(listen.substring(colon + 1));
      return new InetSocketAddress(host.isEmpty() ? "0.0.0.0" : host, port);
    } catch (NumberFormatException e) {
      throw new UserException("--listen is [HOST:]PORT, not " + listen);
    }
  }

  private static String listenHost(String listen) {
    int colon = listen.lastIndexOf(':');
    return colon <= 0 ? "localhost" : listen.substring(0, colon);
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
