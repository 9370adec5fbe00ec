package dev.snoop.cli;

import dev.snoop.ci.config.Job;
import dev.snoop.ci.run.NewRuns;
import dev.snoop.db.Database;
import dev.snoop.db.release.Release;
import dev.snoop.db.release.ReleaseCatalogue;
import dev.snoop.submissions.bot.BotService;
import dev.snoop.submissions.bot.WebhookHandler;
import dev.snoop.web.ApiToken;
import dev.snoop.web.Routes;
import dev.snoop.web.ServerOptions;
import dev.snoop.web.WebServer;
import dev.snoop.web.api.CoverageApi;
import dev.snoop.web.api.EndpointsApi;
import dev.snoop.web.api.OutcomesApi;
import dev.snoop.web.api.ReleasesApi;
import dev.snoop.web.api.VerificationsApi;
import dev.snoop.web.apisnoop.ApisnoopRoutes;
import dev.snoop.web.hook.GitHubHook;
import dev.snoop.web.hook.HookConsumer;
import dev.snoop.web.live.AuditSink;
import dev.snoop.web.live.LiveApi;
import dev.snoop.web.live.LiveStore;
import dev.snoop.web.page.PageRoutes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.jooq.DSLContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code snoop serve}: the pages, the JSON API, the live audit sink and the webhook, until stopped.
 */
@Command(
    name = "serve",
    description =
        "Serve the web pages, the JSON API (/api), APISnoop's files (/apisnoop), the live audit"
            + " sink (/audit/events), the job pages and, with --bot or --engine, the GitHub webhook (/hook) over snoopdb,"
            + " until stopped (Ctrl-C).")
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--listen",
      defaultValue = "127.0.0.1:8080",
      description = "HOST:PORT to listen on (default: 127.0.0.1:8080; port 0 picks a free one).")
  String listen;

  @Option(
      names = "--api-token-file",
      description =
          "File holding the token that requests changing state must bear (Authorization: Bearer);"
              + " without it the server changes nothing on request.")
  Path apiTokenFile;

  @Option(
      names = "--live-release",
      description =
          "The release whose spec maps the live audit sink's events (default: the working"
              + " release).")
  String liveRelease;

  @Option(
      names = "--bot",
      description =
          "Run the pull request bot too: sweeps, and GitHub's webhook deliveries at /hook (the"
              + " options of snoop bot apply).")
  boolean bot;

  @Mixin BotOptions botOptions;

  @Option(
      names = "--artifacts",
      description =
          "The job engine's artifact directory, in Prow's layout, whose builds the job pages show"
              + " (default: ~/.snoop/artifacts).")
  Path artifacts;

  @Option(
      names = "--engine",
      description =
          "Run the job engine in the server too (snoop engine's options apply; needs --config).")
  boolean engine;

  @Option(
      names = "--config",
      paramLabel = "PATH",
      description = "The engine's job config: a file or a directory (repeatable).")
  List<Path> jobConfig;

  @Option(names = "--prow-config", paramLabel = "FILE", description = "Prow's config.yaml.")
  Path prowConfig;

  @Mixin EngineOptions engineOptions;

  @Override
  public Integer call() throws InterruptedException {
    SnoopCommand root = (SnoopCommand) spec.root().userObject();
    Path artifactRoot = artifacts == null ? JobPages.DEFAULT_ARTIFACTS : artifacts;
    Function<Database, Optional<RunningEngine>> alongside = db -> Optional.empty();
    if (engine) {
      if (jobConfig == null) {
        throw new UserException("--engine needs --config PATH, the job config");
      }
      List<Job> jobs = JobsCommand.valid(JobsCommand.load(jobConfig, prowConfig));
      engineOptions.checkExecutor();
      PrintWriter out = spec.commandLine().getOut();
      alongside =
          db ->
              Optional.of(
                  RunningEngine.start(
                      db,
                      jobs,
                      engineOptions,
                      botOptions.github,
                      artifactRoot,
                      out,
                      Clock.systemUTC()));
    }
    return serve(
        root,
        spec.commandLine(),
        listen,
        apiTokenFile,
        liveRelease,
        bot ? Optional.of(botOptions) : Optional.empty(),
        botOptions.github,
        artifactRoot,
        alongside);
  }

  /** As below, without the job engine, the job pages reading the default artifact directory. */
  static int serve(
      SnoopCommand root,
      CommandLine cmd,
      String listen,
      Path apiTokenFile,
      String liveRelease,
      BotOptions bot)
      throws InterruptedException {
    return serve(
        root,
        cmd,
        listen,
        apiTokenFile,
        liveRelease,
        Optional.of(bot),
        bot.github,
        JobPages.DEFAULT_ARTIFACTS,
        db -> Optional.empty());
  }

  /**
   * Serves until the process is stopped; with {@code bot}, runs the bot; {@code alongside} starts
   * the job engine in the server. Each of them that runs takes GitHub's webhook deliveries at
   * {@code /hook}, signed with {@code github}'s secret.
   */
  static int serve(
      SnoopCommand root,
      CommandLine cmd,
      String listen,
      Path apiTokenFile,
      String liveRelease,
      Optional<BotOptions> bot,
      GitHubOptions github,
      Path artifacts,
      Function<Database, Optional<RunningEngine>> alongside)
      throws InterruptedException {
    ServerOptions options =
        new ServerOptions(
            host(listen), port(listen), token(apiTokenFile), ServerOptions.DEFAULT_MAX_BODY_BYTES);
    PrintWriter err = cmd.getErr();
    Optional<RunningEngine> engine = Optional.empty();
    try (Database db = root.openDatabase()) {
      engine = alongside.apply(db);
      Optional<Release> live = liveRelease(db, liveRelease, err);
      Optional<BotService> service = bot.map(b -> startBot(b, db, root, cmd));
      Map<String, HookConsumer> consumers = new LinkedHashMap<>();
      service.ifPresent(
          s -> {
            WebhookHandler handler = s.webhook();
            consumers.put("bot", (d, tx) -> handler.handle(d.event(), d.payload()));
          });
      engine.ifPresent(e -> consumers.put("jobs", e.hook()));
      Optional<GitHubHook> hook =
          consumers.isEmpty()
              ? Optional.empty()
              : Optional.of(new GitHubHook(db.dsl(), github.webhookSignature(err), consumers));
      try {
        serve(
            options,
            routes(db, options, live, hook, artifacts, engine.map(e -> e.engine().newRuns())),
            cmd.getOut(),
            hook.isPresent(),
            () -> {
              service.ifPresent(s -> s.sweepEvery(bot.get().sweepInterval));
            });
      } finally {
        service.ifPresent(BotService::close);
        engine.ifPresent(RunningEngine::close);
      }
    }
    return ExitCode.OK;
  }

  /**
   * Serves over the open database, as snoop serve does without a bot, printing the URL, until the
   * process is stopped.
   */
  static void serve(Database db, ServerOptions options, PrintWriter out)
      throws InterruptedException {
    Optional<Release> live = liveRelease(db, null, out);
    serve(options, routes(db, options, live, Optional.empty()), out, false, () -> {});
  }

  private static void serve(
      ServerOptions options, List<Routes> routes, PrintWriter out, boolean hook, Runnable started)
      throws InterruptedException {
    try (WebServer server = WebServer.start(options, routes)) {
      out.println("snoop serves " + server.uri());
      if (hook) {
        out.println("webhook: POST " + server.uri() + "hook");
      }
      out.flush();
      started.run();
      awaitStop();
    }
  }

  private static BotService startBot(
      BotOptions options, Database db, SnoopCommand root, CommandLine cmd) {
    return new BotService(
        options.open(db, root.inputReader(), cmd.getErr()), o -> BotOptions.print(cmd.getOut(), o));
  }

  /** Every area's routes over the database, the job pages on the default artifact directory. */
  static List<Routes> routes(
      Database db,
      ServerOptions options,
      Optional<Release> liveRelease,
      Optional<GitHubHook> hook) {
    return routes(db, options, liveRelease, hook, JobPages.DEFAULT_ARTIFACTS, Optional.empty());
  }

  /** Every area's routes over the database, in the order they are matched. */
  static List<Routes> routes(
      Database db,
      ServerOptions options,
      Optional<Release> liveRelease,
      Optional<GitHubHook> hook,
      Path artifacts,
      Optional<NewRuns> reruns) {
    DSLContext sql = db.dsl();
    List<Routes> routes = new ArrayList<>();
    routes.add(new ReleasesApi(sql));
    routes.add(new CoverageApi(sql));
    routes.add(new EndpointsApi(sql));
    routes.add(new OutcomesApi(sql));
    routes.add(new VerificationsApi(sql));
    routes.add(new ApisnoopRoutes(sql));
    routes.add(new PageRoutes());
    routes.add(JobPages.routes(sql, artifacts, new ApiToken(options.apiToken()), reruns));
    liveRelease.ifPresent(
        r -> {
          routes.add(new AuditSink(db, r, options.maxBodyBytes()));
          routes.add(new LiveApi(new LiveStore(sql), r, new ApiToken(options.apiToken())));
        });
    hook.ifPresent(routes::add);
    return routes;
  }

  /** Blocks until the process is asked to stop (Ctrl-C, SIGTERM). */
  static void awaitStop() throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
    stopped.await();
  }

  /** The live sink's release: the one given, else the working release; none without a catalogue. */
  static Optional<Release> liveRelease(Database db, String given, PrintWriter err) {
    if (given != null) {
      return Optional.of(Release.parse(given));
    }
    Optional<Release> working =
        new ReleaseCatalogue(db.dsl()).working().map(ReleaseCatalogue.Entry::release);
    if (working.isEmpty()) {
      err.println(
          "WARNING: the live audit sink is off: no working release is known (snoop load releases,"
              + " or --live-release)");
    }
    return working;
  }

  /** {@code snoop bot --listen}'s [HOST:]PORT as HOST:PORT, every address when no host is given. */
  static String listenAddress(String listen) {
    int colon = listen.lastIndexOf(':');
    return colon <= 0 ? "0.0.0.0:" + listen.substring(colon + 1) : listen;
  }

  static String host(String listen) {
    int colon = listen.lastIndexOf(':');
    if (colon < 0) {
      throw new UserException("--listen: expected HOST:PORT, e.g. 127.0.0.1:8080, not " + listen);
    }
    return colon == 0 ? "0.0.0.0" : listen.substring(0, colon);
  }

  static int port(String listen) {
    String port = listen.substring(listen.lastIndexOf(':') + 1);
    try {
      int value = Integer.parseInt(port);
      if (value < 0 || value > 65535) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new UserException("--listen: the port must be 0 to 65535, not " + port);
    }
  }

  private static Optional<String> token(Path file) {
    if (file == null) {
      return Optional.empty();
    }
    try {
      String token = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (token.isEmpty()) {
        throw new UserException("--api-token-file: " + file + " is empty");
      }
      return Optional.of(token);
    } catch (IOException e) {
      throw new UserException("--api-token-file: cannot read " + file + ": " + e.getMessage());
    }
  }
}
