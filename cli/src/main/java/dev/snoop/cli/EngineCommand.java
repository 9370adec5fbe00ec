package dev.snoop.cli;

import dev.snoop.ci.artifacts.ArtifactStore;
import dev.snoop.ci.config.Job;
import dev.snoop.ci.config.JobType;
import dev.snoop.ci.engine.ArtifactListener;
import dev.snoop.ci.engine.Engine;
import dev.snoop.ci.exec.Executor;
import dev.snoop.db.Database;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code snoop engine}: the job engine's loops until stopped. */
@Command(
    name = "engine",
    description =
        "Run the job engine until stopped (Ctrl-C): start triggered runs as max_concurrency allows,"
            + " watch them to their end, enforce timeouts, start periodics, collect garbage."
            + " Several engines may share one database.")
final class EngineCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JobsCommand.ConfigOptions config;
  @Mixin EngineOptions engine;

  @Option(
      names = "--artifacts",
      paramLabel = "DIR",
      description = "Where the runs' files go, in Prow's layout (default: ~/.snoop/artifacts).")
  Path artifacts;

  @Mixin GitHubOptions github;

  @Override
  public Integer call() throws InterruptedException {
    List<Job> jobs = config.validJobs();
    engine.checkExecutor();
    SnoopCommand root = (SnoopCommand) spec.root().userObject();
    try (Database db = root.openDatabase();
        RunningEngine running =
            RunningEngine.start(
                db,
                jobs,
                engine,
                github,
                artifacts,
                spec.commandLine().getOut(),
                Clock.systemUTC())) {
      ServeCommand.awaitStop();
    }
    return ExitCode.OK;
  }

  /** Starts the engine over the open database and says so. */
  static Engine start(
      Database db,
      List<Job> jobs,
      Executor executor,
      ArtifactStore store,
      EngineOptions options,
      PrintWriter out,
      Clock clock) {
    Engine engine =
        Engine.start(
            db.dsl(),
            clock,
            jobs,
            Map.of(executor.name(), executor),
            new ArtifactListener(store),
            options.settings());
    long periodics = jobs.stream().filter(j -> j.type() == JobType.PERIODIC).count();
    out.printf(
        "snoop engine %s (snowflake node %d): %d jobs, %d periodics; executor %s; artifacts %s%n",
        engine.owner(), engine.node(), jobs.size(), periodics, executor.name(), store.root());
    out.flush();
    return engine;
  }
}
