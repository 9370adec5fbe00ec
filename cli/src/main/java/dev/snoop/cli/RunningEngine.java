package dev.snoop.cli;

import dev.snoop.ci.artifacts.ArtifactStore;
import dev.snoop.ci.config.Job;
import dev.snoop.ci.engine.Engine;
import dev.snoop.ci.exec.Executor;
import dev.snoop.ci.report.GitHubReporter;
import dev.snoop.ci.trigger.CatchUp;
import dev.snoop.ci.trigger.EventTrigger;
import dev.snoop.ci.trigger.GitHubFacts;
import dev.snoop.db.Database;
import dev.snoop.github.GitHubClient;
import dev.snoop.web.hook.HookConsumer;
import dev.snoop.web.hook.HookDelivery;
import dev.snoop.web.hook.JobsHookConsumer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job engine as {@code snoop engine} and {@code snoop serve --engine} run it: its loops, and
 * its GitHub side, which reports runs (a pass every second, apart from the loops so a slow GitHub
 * never holds runs up), sweeps the open PRs once at start when it has a token, and takes webhook
 * deliveries through {@link #hook()}.
 */
final class RunningEngine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RunningEngine.class);

  private final Engine engine;
  private final HookConsumer hook;
  private final ScheduledExecutorService github;

  private RunningEngine(Engine engine, HookConsumer hook, ScheduledExecutorService github) {
    this.engine = engine;
    this.hook = hook;
    this.github = github;
  }

  static RunningEngine start(
      Database db,
      List<Job> jobs,
      EngineOptions options,
      GitHubOptions githubOptions,
      Path artifacts,
      PrintWriter out,
      Clock clock) {
    ArtifactStore store = EngineOptions.store(artifacts);
    Executor executor = options.openExecutor(store, db, clock);
    boolean hasToken = githubOptions.token().isPresent();
    GitHubClient client = githubOptions.client();
    Engine engine = EngineCommand.start(db, jobs, executor, store, options, out, clock);
    GitHubFacts facts = new GitHubFacts(client, clock);
    EventTrigger trigger =
        new EventTrigger(
            () -> jobs, client, facts, engine.newRuns(), executor.name(), githubOptions.apply);
    ScheduledExecutorService github =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "snoop-engine-github");
              t.setDaemon(true);
              return t;
            });
    GitHubReporter reporter = new GitHubReporter(client, githubOptions.apply, clock);
    Runnable report =
        () -> {
          try {
            reporter.reportPending(db.dsl());
          } catch (RuntimeException e) {
            log.warn("reporting to GitHub failed; the next pass tries again: {}", e.toString());
          }
        };
    JobsHookConsumer jobsHook = new JobsHookConsumer(trigger);
    HookConsumer hook =
        new HookConsumer() {
          @Override
          public String accept(HookDelivery delivery, DSLContext tx) {
            return jobsHook.accept(delivery, tx);
          }

          /** The delivery's runs are stored: report them pending and start them now. */
          @Override
          public void committed(HookDelivery delivery) {
            github.execute(report);
            engine.wake();
          }
        };
    if (hasToken) {
      CatchUp catchUp = new CatchUp(() -> jobs, client, facts, trigger);
      github.execute(
          () -> {
            try {
              if (catchUp.sweep(db.dsl()) > 0) {
                engine.wake();
              }
            } catch (RuntimeException e) {
              log.warn(
                  "the catch-up sweep of open PRs failed; the next start sweeps: {}", e.toString());
            }
          });
    }
    github.scheduleWithFixedDelay(report, 0, 1, TimeUnit.SECONDS);
    out.printf(
        "GitHub at %s: %s; %s%n",
        githubOptions.apiUrl,
        githubOptions.apply
            ? "statuses and comments are written"
            : "dry run, statuses and comments are logged (--apply writes them)",
        hasToken
            ? "open PRs are swept for missed pushes"
            : "no token, so no sweep of open PRs at start");
    out.flush();
    return new RunningEngine(engine, hook, github);
  }

  Engine engine() {
    return engine;
  }

  /** The engine's consumer of {@code /hook} deliveries. */
  HookConsumer hook() {
    return hook;
  }

  @Override
  public void close() {
    github.shutdownNow();
    engine.close();
  }
}
