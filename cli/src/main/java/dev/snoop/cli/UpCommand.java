package dev.snoop.cli;

import dev.snoop.db.Database;
import dev.snoop.db.spec.LevelRule;
import dev.snoop.ingest.prow.HttpProwBucket;
import dev.snoop.web.ServerOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code snoop up}: the main job. */
@Command(
    name = "up",
    description =
        "The main job: load a release's reference data (upstream by default, local files when"
            + " given), ingest its audit logs and print its summary.")
final class UpCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--release", description = "Release (default: the working release).")
  String release;

  @Option(names = "--releases", description = "releases.yaml to load the catalogue from.")
  Path releases;

  @Option(names = "--spec", description = "swagger.json of the release.")
  Path swagger;

  @Option(names = "--v3", description = "OpenAPI v3 documents of the release (directory).")
  Path v3;

  @Option(names = "--conformance", description = "conformance.yaml of the release.")
  Path conformance;

  @Option(names = "--ineligible", description = "ineligible_endpoints.yaml or .json.")
  Path ineligible;

  @Option(names = "--pending", description = "pending_eligible_endpoints.yaml.")
  Path pending;

  @Option(
      names = "--level-rule",
      defaultValue = "exact",
      description = "exact (default) or apisnoop: see docs/level-rules.md.")
  String levelRule;

  @Option(
      names = "--audit",
      paramLabel = "FILE|DIR|URL",
      description = "Audit logs to ingest, each a run of its own (repeatable).")
  List<String> audit = new ArrayList<>();

  @Option(
      names = "--prow-job",
      paramLabel = "JOB",
      description =
          "Prow jobs whose latest successful build's audit logs to ingest (repeatable; default:"
              + " APISnoop's jobs, for the working release).")
  List<String> prowJobs = new ArrayList<>();

  @Option(
      names = "--bucket-url",
      defaultValue = HttpProwBucket.DEFAULT_URL,
      description = "The Prow artifact bucket (default: ${DEFAULT-VALUE}).")
  String bucketUrl;

  @Option(
      names = IngestCommand.ALLOW_EMPTY,
      description = "Store an audit run that read no audit event (refused otherwise).")
  boolean allowEmpty;

  @Option(
      names = "--offline",
      description = "Skip every input not given as a local file instead of fetching it upstream.")
  boolean offline;

  @Option(
      names = "--serve",
      description =
          "Then serve the pages, the API and APISnoop's files over the database, as snoop serve"
              + " does, until stopped (Ctrl-C).")
  boolean serve;

  @Option(
      names = "--listen",
      defaultValue = "127.0.0.1:8080",
      description = "With --serve: HOST:PORT to listen on (default: ${DEFAULT-VALUE}).")
  String listen;

  @Override
  public Integer call() throws InterruptedException {
    SnoopCommand root = (SnoopCommand) spec.root().userObject();
    MainJob.Inputs inputs =
        new MainJob.Inputs(
            release,
            releases,
            swagger,
            v3,
            conformance,
            ineligible,
            pending,
            LevelRule.of(levelRule),
            audit,
            prowJobs,
            bucketUrl,
            allowEmpty,
            offline);
    // Checked before the job, which may run for minutes.
    Optional<ServerOptions> serving =
        serve
            ? Optional.of(
                new ServerOptions(
                    ServeCommand.host(listen),
                    ServeCommand.port(listen),
                    Optional.empty(),
                    ServerOptions.DEFAULT_MAX_BODY_BYTES))
            : Optional.empty();
    try (Database db = root.openDatabase()) {
      new MainJob(db, root.inputReader(), spec.commandLine().getOut(), spec.commandLine().getErr())
          .run(inputs);
      if (serving.isPresent()) {
        ServeCommand.serve(db, serving.get(), spec.commandLine().getOut());
      }
    }
    return ExitCode.OK;
  }
}
