package dev.snoop.cli;

import dev.snoop.db.Database;
import dev.snoop.db.release.Release;
import dev.snoop.db.release.ReleaseCatalogue;
import dev.snoop.ingest.AuditIngester;
import dev.snoop.ingest.FileFeed;
import dev.snoop.ingest.IngestRequest;
import dev.snoop.ingest.IngestResult;
import dev.snoop.ingest.ProwIngest;
import dev.snoop.ingest.prow.HttpProwBucket;
import dev.snoop.ingest.prow.ProwAuditLogs;
import dev.snoop.ingest.prow.ProwFetcher;
import dev.snoop.ingest.prow.ProwRequest;
import dev.snoop.ingest.reader.AuditSource;
import dev.snoop.ingest.reader.AuditSources;
import dev.snoop.ingest.reader.ReaderOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

  @Option(
      names = "--release",
      required = true,
      description = "Release whose spec to match against.")
  String release;

  @Parameters(paramLabel = "SOURCE", arity = "1..*", description = "Files, directories or URLs.")
  List<String> sources;

  @Mixin RunOptions run;

  /** Options every ingest takes. */
  static final class RunOptions {
    @Option(names = "--keep-raw", description = "Store each event's JSON in audit_event.data.")
    boolean keepRaw;

    @Option(
        names = "--max-problems",
        defaultValue = "1000",
        description = "Unreadable lines or objects tolerated before the run fails (default 1000).")
    long maxProblems;
  }

  SnoopCommand root() {
    return (SnoopCommand) spec.root().userObject();
  }

  @Override
  public Integer call() {
    Path cache = root().inputReader().cacheDir();
    List<AuditSource> files = AuditSources.expand(sources, cache);
    // The run is named by the arguments as given, so ingesting the same directory again replaces
    // it.
    String source = String.join(" ", sources);
    IngestRequest request =
        new IngestRequest(Release.parse(release), source, null, null, run.keepRaw, run.maxProblems);
    return ingest(root(), request, files, run.keepRaw);
  }

  static int ingest(
      SnoopCommand root, IngestRequest request, List<AuditSource> files, boolean raw) {
    try (Database db = root.openDatabase();
        Progress progress = Progress.start("ingest")) {
      IngestResult result =
          new AuditIngester(db)
              .ingest(
                  request,
                  new FileFeed(files, ReaderOptions.defaults().withKeepRaw(raw), progress));
      progress.close();
      System.out.print(result.describe());
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

    @Mixin RunOptions run;

    @Override
    public Integer call() {
      SnoopCommand root = ingest.root();
      ProwRequest request =
          build == null
              ? ProwRequest.latest(job)
              : new ProwRequest(
                  job, Optional.of(build), ProwRequest.DEFAULT_WINDOW, allowUnsuccessful);
      ProwAuditLogs logs =
          new ProwFetcher(new HttpProwBucket(bucketUrl), root.inputReader().cacheDir())
              .fetch(request);
      Release target;
      try (Database db = root.openDatabase()) {
        target =
            ProwIngest.release(
                logs.build(),
                Optional.ofNullable(release).map(Release::parse),
                new ReleaseCatalogue(db.dsl()));
      }
      List<AuditSource> files =
          AuditSources.expand(ProwIngest.files(logs), root.inputReader().cacheDir());
      return ingest(
          root, ProwIngest.request(logs, target, run.keepRaw, run.maxProblems), files, run.keepRaw);
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
