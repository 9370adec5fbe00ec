package dev.snoop.cli;

import dev.snoop.bench.coverage.CoverageBenchmark;
import dev.snoop.bench.coverage.GateBenchmark;
import dev.snoop.bench.ingest.IngestBenchmark;
import dev.snoop.bench.ingest.IngestShapes;
import dev.snoop.bench.ingest.MatcherBenchmark;
import dev.snoop.bench.ingest.Shape;
import dev.snoop.bench.jobs.JobsBenchmark;
import dev.snoop.bench.page.HeadlessChromium;
import dev.snoop.bench.page.PageBenchmark;
import dev.snoop.bench.spec.SpecLoadBenchmark;
import dev.snoop.bench.verify.VerifyBenchmark;
import dev.snoop.bench.web.WebBenchmark;
import dev.snoop.db.Database;
import dev.snoop.db.conformance.ConformanceListParser;
import dev.snoop.db.conformance.ConformanceTest;
import dev.snoop.db.input.Input;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import dev.snoop.db.spec.LevelRule;
import dev.snoop.db.spec.SpecParser;
import dev.snoop.db.spec.SpecSource;
import dev.snoop.submissions.Verifier;
import dev.snoop.submissions.testlist.FileTestLists;
import dev.snoop.web.ServerOptions;
import dev.snoop.web.WebServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code snoop bench ...}: benchmarks that print figures. */
@Command(
    name = "bench",
    description = "Benchmarks that print their figures.",
    subcommands = {
      BenchCommand.SpecLoad.class,
      BenchCommand.Matcher.class,
      BenchCommand.Ingest.class,
      BenchCommand.Verify.class,
      BenchCommand.Coverage.class,
      BenchCommand.Web.class,
      BenchCommand.Page.class,
      BenchCommand.Jobs.class
    })
final class BenchCommand {
  @Spec CommandSpec spec;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  @Command(
      name = "spec-load",
      description =
          "Load a spec repeatedly (parse plus database write) and print the time of each run.")
  static final class SpecLoad implements Callable<Integer> {
    @ParentCommand BenchCommand bench;

    @Option(names = "--file", required = true, description = "The swagger.json to load.")
    Path file;

    @Option(
        names = "--release",
        defaultValue = "0.0.1",
        description =
            "Release to load it as (default 0.0.1; a release missing from the catalogue is added for"
                + " the benchmark and removed afterwards).")
    String release;

    @Option(names = "--runs", defaultValue = "6", description = "Runs; the first is the cold one.")
    int runs;

    @Override
    public Integer call() {
      SnoopCommand root = (SnoopCommand) bench.spec.root().userObject();
      try (Database db = root.openDatabase()) {
        SpecLoadBenchmark.Report report =
            new SpecLoadBenchmark(db.dsl(), root.inputReader())
                .run(
                    Release.parse(release),
                    new SpecSource.V2(Input.file(file)),
                    LevelRule.EXACT,
                    runs);
        bench.out().print(report.describe());
      }
      return ExitCode.OK;
    }
  }

  @Command(
      name = "matcher",
      description =
          "Match requests made from a spec's path templates on one thread; print matches/s.")
  static final class Matcher implements Callable<Integer> {
    @ParentCommand BenchCommand bench;

    @Option(names = "--spec", required = true, description = "The swagger.json to match against.")
    Path spec;

    @Option(names = "--seconds", defaultValue = "3", description = "How long to measure.")
    double seconds;

    @Override
    public Integer call() {
      var operations =
          new InputReader(InputReader.defaultCacheDir())
              .read(Input.file(spec), SpecParser::parseV2)
              .value();
      bench.out().print(MatcherBenchmark.run(operations, seconds).describe());
      return ExitCode.OK;
    }
  }

  @Command(
      name = "ingest",
      description =
          "Generate an audit log of N events per shape, ingest each end to end (every shape in"
              + " turn, run after run, in one process), print events/s, MB/s, where the time went,"
              + " the aggregate's size and the heap. The runs are removed afterwards.")
  static final class Ingest implements Callable<Integer> {
    @ParentCommand BenchCommand bench;

    @Option(names = "--spec", required = true, description = "swagger.json the traffic uses.")
    Path spec;

    @Option(
        names = "--conformance",
        required = true,
        description = "conformance.yaml whose tests name the e2e traffic.")
    Path conformance;

    @Option(names = "--events", defaultValue = "1000000", description = "Events to generate.")
    long events;

    @Option(
        names = "--shape",
        split = ",",
        defaultValue = "realistic",
        description =
            "Log shapes, comma-separated: realistic (a conformance run), wide (e2e tests spread"
                + " over every endpoint: a ten times larger aggregate), stages (few user agents,"
                + " every request at every stage, many watches open).")
    List<String> shapes;

    @Option(names = "--keep-raw", description = "Store each event's JSON too.")
    boolean keepRaw;

    @Option(
        names = "--runs",
        defaultValue = "1",
        description = "Ingest each log this many times in one process; the first run is cold.")
    int runs;

    @Option(
        names = "--log-dir",
        description =
            "Keep the generated logs in this folder, or ingest them as they are when they exist,"
                + " so repeated benchmarks measure the ingest alone.")
    Path logDir;

    @Override
    public Integer call() throws IOException {
      SnoopCommand root = (SnoopCommand) bench.spec.root().userObject();
      InputReader reader = root.inputReader();
      List<Shape> chosen;
      try {
        chosen = shapes.stream().map(Shape::of).distinct().toList();
      } catch (IllegalArgumentException e) {
        throw new UserException("--shape: " + e.getMessage());
      }
      var setup =
          new IngestShapes.Setup(
              spec, codenames(reader, conformance), events, chosen, runs, keepRaw, logDir);
      try (Database db = root.openDatabase()) {
        PrintWriter out = bench.out();
        Consumer<String> progress =
            line -> {
              out.print(line);
              out.flush();
            };
        out.print(IngestShapes.run(db, reader, setup, progress).describe());
      }
      return ExitCode.OK;
    }
  }

  @Command(
      name = "verify",
      description =
          "Verify a real submission folder repeatedly (files read each time); print ms per"
              + " verification, cold and warm.")
  static final class Verify implements Callable<Integer> {
    @ParentCommand BenchCommand bench;

    @Option(names = "--submission", required = true, description = "A folder vX.Y/<product>.")
    Path submission;

    @Option(
        names = "--conformance",
        required = true,
        description = "conformance.yaml of its release, or a folder of vX.Y.yaml.")
    Path conformance;

    @Option(names = "--stable", defaultValue = "v1.36", description = "Newest release.")
    String stable;

    @Option(names = "--runs", defaultValue = "50", description = "Runs; the first is the cold one.")
    int runs;

    @Override
    public Integer call() {
      SnoopCommand root = (SnoopCommand) bench.spec.root().userObject();
      Verifier verifier =
          new Verifier(new FileTestLists(root.inputReader(), conformance), Release.parse(stable));
      bench.out().print(VerifyBenchmark.run(verifier, submission, runs).describe());
      return ExitCode.OK;
    }
  }

  @Command(
      name = "coverage",
      description =
          "Time snoop coverage and snoop gate for one release: on what snoopdb holds (--release), or on a"
              + " generated realistic audit log of N events ingested first and removed afterwards"
              + " (--spec, --conformance, --events).")
  static final class Coverage implements Callable<Integer> {
    @ParentCommand BenchCommand bench;

    @Option(names = "--release", description = "A loaded release to time (nothing generated).")
    String release;

    @Option(names = "--spec", description = "swagger.json the generated traffic uses.")
    Path spec;

    @Option(
        names = "--conformance",
        description = "conformance.yaml whose tests name the generated e2e traffic.")
    Path conformance;

    @Option(names = "--events", defaultValue = "10000000", description = "Events to generate.")
    long events;

    @Option(names = "--runs", defaultValue = "6", description = "Runs; the first is the cold one.")
    int runs;

    @Override
    public Integer call() throws java.io.IOException {
      SnoopCommand root = (SnoopCommand) bench.spec.root().userObject();
      InputReader reader = root.inputReader();
      try (Database db = root.openDatabase()) {
        if (release != null) {
          bench.out().print(figures(db, Release.parse(release)));
          return ExitCode.OK;
        }
        if (spec == null || conformance == null) {
          throw new UserException("give --release, or --spec and --conformance to generate a log");
        }
        List<String> codenames = codenames(reader, conformance);
        String report =
            IngestBenchmark.run(
                db,
                reader,
                spec,
                codenames,
                events,
                Path.of(System.getProperty("java.io.tmpdir")),
                (generated, ingest) ->
                    ingest.describe()
                        + CoverageBenchmark.withList(
                            db.dsl(),
                            reader,
                            generated,
                            Input.file(conformance),
                            () -> figures(db, generated)));
        bench.out().print(report);
      }
      return ExitCode.OK;
    }

    /** snoop coverage's query, then the gate's, on what snoopdb holds. */
    private String figures(Database db, Release r) {
      return CoverageBenchmark.run(db.dsl(), r, runs).describe()
          + GateBenchmark.run(db.dsl(), r, runs).describe();
    }
  }

  @Command(
      name = "page",
      description =
          "Load the coverage page of a running snoop serve in headless Chromium and print the time"
              + " from navigation to the sunburst's last leaf, per load.")
  static final class Page implements Callable<Integer> {
    @ParentCommand BenchCommand bench;

    @Option(
        names = "--url",
        defaultValue = "http://127.0.0.1:8080/",
        description = "The server's address (default http://127.0.0.1:8080/).")
    URI url;

    @Option(names = "--release", defaultValue = "latest", description = "Release (default latest).")
    String release;

    @Option(
        names = "--loads",
        defaultValue = "6",
        description = "Loads; the first is the cold one.")
    int loads;

    @Override
    public Integer call() {
      if (!HeadlessChromium.installed()) {
        throw new UserException(
            "Chromium is not installed; apt-get install chromium chromium-driver");
      }
      List<PageBenchmark.Load> result =
          new PageBenchmark().run(url, release, loads, Duration.ofSeconds(60));
      PrintWriter out = bench.out();
      for (int i = 0; i < result.size(); i++) {
        PageBenchmark.Load load = result.get(i);
        out.printf(
            "load %d%s: %.0f ms to the last of %d leaves%n",
            i + 1, i == 0 ? " (cold)" : "", load.millis(), load.leaves());
      }
      double[] warm =
          result.stream().skip(1).mapToDouble(PageBenchmark.Load::millis).sorted().toArray();
      if (warm.length > 0) {
        out.printf(
            "warm loads: median %.0f ms, min %.0f ms, max %.0f ms%n",
            warm[warm.length / 2], warm[0], warm[warm.length - 1]);
      }
      return ExitCode.OK;
    }
  }

  /** The codenames of a conformance.yaml, which name the generated e2e traffic. */
  private static List<String> codenames(InputReader reader, Path conformance) {
    return reader.read(Input.file(conformance), ConformanceListParser::parse).value().stream()
        .map(ConformanceTest::codename)
        .toList();
  }

  @Command(
      name = "web",
      description =
          "Load the web server with concurrent clients (default: a release's coverage and its"
              + " APISnoop file) and print requests/s and p50/p99 latency per path: the server at"
              + " --url, else one started here over snoopdb.")
  static final class Web implements Callable<Integer> {
    @ParentCommand BenchCommand bench;

    @Option(
        names = "--url",
        description = "A running snoop server, e.g. http://127.0.0.1:8080/ (default: start one).")
    URI url;

    @Option(names = "--release", required = true, description = "The release in the paths.")
    String release;

    @Option(
        names = "--path",
        description =
            "A path to request, {r} standing for the release; repeatable (default:"
                + " /api/releases/{r}/coverage and /apisnoop/{r}.json).")
    List<String> paths;

    @Option(names = "--clients", defaultValue = "50", description = "Concurrent clients.")
    int clients;

    @Option(names = "--seconds", defaultValue = "20", description = "How long to measure.")
    double seconds;

    @Option(
        names = "--warmup",
        defaultValue = "3",
        description = "Seconds of load before measuring (the JIT, caches).")
    double warmup;

    @Override
    public Integer call() throws InterruptedException {
      String r = Release.parse(release).toString();
      List<String> resolved =
          (paths == null ? List.of("/api/releases/{r}/coverage", "/apisnoop/{r}.json") : paths)
              .stream().map(p -> p.replace("{r}", r)).toList();
      if (url != null) {
        bench.out().print(load(url, resolved).describe());
        return ExitCode.OK;
      }
      SnoopCommand root = (SnoopCommand) bench.spec.root().userObject();
      try (Database db = root.openDatabase()) {
        ServerOptions options = ServerOptions.local(0);
        try (WebServer server =
            WebServer.start(
                options, ServeCommand.routes(db, options, Optional.empty(), Optional.empty()))) {
          bench.out().print(load(server.uri(), resolved).describe());
        }
      }
      return ExitCode.OK;
    }

    private WebBenchmark.Report load(URI base, List<String> resolved) throws InterruptedException {
      return WebBenchmark.run(
          base.toString().endsWith("/") ? base : URI.create(base + "/"),
          resolved,
          clients,
          Duration.ofMillis((long) (warmup * 1000)),
          Duration.ofMillis((long) (seconds * 1000)));
    }
  }

  @Command(
      name = "jobs",
      description =
          "Queue N runs over jobs with different max_concurrency limits, run them all on the local"
              + " executor with one engine; check no limit was ever exceeded (exit 1 if one was) and"
              + " print the trigger-to-start latency and runs per minute.")
  static final class Jobs implements Callable<Integer> {
    @ParentCommand BenchCommand bench;

    @Option(names = "--runs", defaultValue = "1000", description = "Runs to queue (default 1000).")
    int runs;

    @Option(
        names = "--limits",
        defaultValue = "1,2,5,10,0",
        split = ",",
        description = "One job per value, its max_concurrency; 0 for none (default 1,2,5,10,0).")
    List<Integer> limits;

    @Option(
        names = "--command",
        defaultValue = "true",
        description = "What each run runs, in sh -c (default: true).")
    String command;

    @Option(
        names = "--resync",
        defaultValue = "1s",
        description = "The engine's resync period (default 1s, as snoop engine's).")
    String resync;

    @Override
    public Integer call() throws InterruptedException, java.io.IOException {
      SnoopCommand root = (SnoopCommand) bench.spec.root().userObject();
      Path directory = Files.createTempDirectory("snoop-bench-jobs");
      try (Database db = root.openDatabase()) {
        JobsBenchmark.Result result =
            JobsBenchmark.run(
                db.dsl(),
                runs,
                limits,
                command,
                dev.snoop.ci.config.GoDuration.parse(resync),
                directory);
        bench.out().print(result.describe());
        return result.limitsKept() ? ExitCode.OK : ExitCode.CHECK_FAILED;
      } finally {
        try (var walk = Files.walk(directory)) {
          for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        }
      }
    }
  }
}
