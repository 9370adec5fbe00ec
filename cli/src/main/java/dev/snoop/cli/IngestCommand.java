package dev.snoop.cli;

import dev.snoop.db.Database;
import dev.snoop.db.release.Release;
import dev.snoop.ingest.IngestResult;
import dev.snoop.ingest.prow.HttpProwBucket;
import dev.snoop.ingest.prow.ProwRequest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code snoop ingest}: audit logs into snoopdb, one run per source. */
@Command(
    name = "ingest",
    description =
        "Ingest audit logs (files, .gz, rotated sets, directories, URLs) for a release: each"
            + " request mapped to its operation and test, stored in one transaction.",
    subcommands = {IngestCommand.Prow.class})
final class IngestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  // Both are required, but checked in call(): picocli would ask for a command's required options
  // before one of its subcommands too, and so refuse every "snoop ingest prow".
  @Option(names = "--release", description = "Release whose spec to match against (required).")
  String release;

  @Parameters(
      paramLabel = "SOURCE",
      arity = "0..*",
      description = "Files, directories or URLs (at least one).")
  List<String> sources;

  @Mixin RunOptions run;

  static final long DEFAULT_MAX_PROBLEMS = 1000;

  /** Options every ingest takes. */
  static final class RunOptions {
    @Option(names = "--keep-raw", description = "Store each event's JSON in audit_event.data.")
    boolean keepRaw;

    @Option(
        names = "--max-problems",
        defaultValue = "" + DEFAULT_MAX_PROBLEMS,
        description = "Unreadable lines or objects tolerated before the run fails (default 1000).")
    long maxProblems;

    @Option(
        names = ALLOW_EMPTY,
        description =
            "Store a run that read no audit event (refused otherwise: an empty or unreadable"
                + " source is more likely a mistake than a log).")
    boolean allowEmpty;

    AuditRuns runs(Database db, SnoopCommand root) {
      return new AuditRuns(db, root.inputReader().cacheDir(), keepRaw, maxProblems, allowEmpty);
    }
  }

  static final String ALLOW_EMPTY = "--allow-empty";

  SnoopCommand root() {
    return (SnoopCommand) spec.root().userObject();
  }

  @Override
  public Integer call() {
    if (release == null || sources == null || sources.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "Missing required options and parameters: --release and at least one SOURCE");
    }
    SnoopCommand root = root();
    try (Database db = root.openDatabase()) {
      IngestResult result = run.runs(db, root).files(Release.parse(release), sources);
      spec.commandLine().getOut().print(result.describe());
    }
    return ExitCode.OK;
  }

  @Command(
      name = "prow",
      description =
          "Ingest the audit logs of a Prow job's latest successful build (or --build), downloaded"
              + " once into the cache.")
  static final class Prow implements Callable<Integer> {
    @ParentCommand IngestCommand ingest;
    @Spec CommandSpec spec;

    @Option(
        names = "--job",
        required = true,
        description = "e.g. ci-kubernetes-audit-kind-conformance")
    String job;

    @Option(names = "--build", description = "A build id instead of the latest successful build.")
    String build;

    @Option(
        names = "--bucket-url",
        defaultValue = HttpProwBucket.DEFAULT_URL,
        description = "The artifact bucket (default: ${DEFAULT-VALUE}).")
    String bucketUrl;

    @Option(names = "--release", description = "Release to match against (default: the build's).")
    String release;

    @Option(
        names = "--allow-unsuccessful",
        description = "With --build: take a build that did not succeed.")
    boolean allowUnsuccessful;

    @Option(
        names = "--builds",
        paramLabel = "N",
        description =
            "Ingest the newest N successful builds, each as a run of its own (coverage counts"
                + " the newest; snoop stability and gate --min-builds read them all).")
    Integer builds;

    @Mixin RunOptions run;

    @Override
    public Integer call() {
      SnoopCommand root = ingest.root();
      if (builds != null) {
        return ingestBuilds(root);
      }
      ProwRequest request =
          build == null
              ? ProwRequest.latest(job)
              : new ProwRequest(
                  job, Optional.of(build), ProwRequest.DEFAULT_WINDOW, allowUnsuccessful);
      try (Database db = root.openDatabase()) {
        IngestResult result =
            run.runs(db, root)
                .prow(request, Optional.ofNullable(release).map(Release::parse), bucketUrl);
        spec.commandLine().getOut().print(result.describe());
      }
      return ExitCode.OK;
    }

    private Integer ingestBuilds(SnoopCommand root) {
      if (build != null) {
        throw new UserException("give --build or --builds, not both");
      }
      if (builds < 1) {
        throw new UserException("--builds must be at least 1, not " + builds);
      }
      try (Database db = root.openDatabase()) {
        for (IngestResult result :
            run.runs(db, root)
                .prowBuilds(
                    job, builds, Optional.ofNullable(release).map(Release::parse), bucketUrl)) {
          spec.commandLine().getOut().print(result.describe());
        }
      }
      return ExitCode.OK;
    }
  }

  /** Events read so far, on stderr, only when it is a terminal. */
  static final class Progress implements LongConsumer, AutoCloseable {
    private final me.tongfei.progressbar.ProgressBar bar;

    private Progress(me.tongfei.progressbar.ProgressBar bar) {
      this.bar = bar;
    }

    static Progress start(String task) {
      return new Progress(
          System.console() == null
              ? null
              : new me.tongfei.progressbar.ProgressBarBuilder()
                  .setTaskName(task)
                  .setInitialMax(-1)
                  .setUnit(" events", 1)
                  .showSpeed()
                  .build());
    }

    @Override
    public void accept(long events) {
      if (bar != null) {
        bar.stepTo(events);
      }
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
      }
    }
  }
}
