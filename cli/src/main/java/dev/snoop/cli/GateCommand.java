package dev.snoop.cli;

import dev.snoop.coverage.gate.ConformanceGate;
import dev.snoop.coverage.gate.GateJson;
import dev.snoop.coverage.gate.GateJunit;
import dev.snoop.coverage.gate.GateMarkdown;
import dev.snoop.coverage.gate.GateReport;
import dev.snoop.coverage.gate.GateRequest;
import dev.snoop.coverage.gate.GateText;
import dev.snoop.db.Database;
import dev.snoop.db.input.Durations;
import dev.snoop.db.release.Release;
import dev.snoop.ingest.prow.ProwRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code snoop gate}: the release-blocking conformance gate. */
@Command(
    name = "gate",
    description =
        "The release-blocking gate: exit 1 when eligible stable endpoints new in the release have"
            + " no conformance-test hit (pending ones aside), 0 when all have, 2 when its inputs"
            + " are missing or stale (never a pass).")
final class GateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--release", description = "The release (default: the working release).")
  String release;

  @Option(names = "--junit", paramLabel = "FILE", description = "Write JUnit XML for TestGrid.")
  Path junit;

  @Option(names = "--markdown", paramLabel = "FILE", description = "Write a PR comment.")
  Path markdown;

  @Option(names = "--json", paramLabel = "FILE", description = "Write the report as JSON.")
  Path json;

  @Option(
      names = "--regressions",
      description =
          "Fail on endpoints conformance-tested in the previous release that no conformance test"
              + " hits now (reported either way).")
  boolean regressions;

  @Option(
      names = "--require-success",
      description =
          "Count a new endpoint as conformance-tested only when a conformance test's request to"
              + " it succeeded (2xx, or 101 for exec, attach, port-forward). Off by default, as in"
              + " APISnoop; the report always says how many pass only on error hits.")
  boolean requireSuccess;

  @Option(
      names = "--max-age",
      defaultValue = "48h",
      description =
          "How old a source's newest audit event may be (default: ${DEFAULT-VALUE}; e.g. 3d,"
              + " 12h, 1h30m).")
  String maxAge;

  @Option(
      names = "--expect",
      paramLabel = "SOURCE_OR_JOB",
      description =
          "A source that must have a run (Prow job or ingested source; repeatable). Default:"
              + " every source with a run, and all of APISnoop's jobs once one of them has one.")
  List<String> expect = new ArrayList<>();

  @Option(
      names = "--min-builds",
      paramLabel = "K",
      defaultValue = "1",
      description =
          "A new endpoint counts as conformance-tested only when hit in at least K of the"
              + " release's stored builds (snoop ingest prow --builds N); default: ${DEFAULT-VALUE},"
              + " the current runs alone.")
  int minBuilds;

  @Override
  public Integer call() {
    SnoopCommand root = (SnoopCommand) spec.root().userObject();
    GateRequest request =
        new GateRequest(
            Optional.ofNullable(release).map(Release::parse),
            expect,
            ProwRequest.apisnoopJobs(),
            Durations.parse(maxAge),
            regressions,
            Instant.now(),
            requireSuccess,
            minBuilds);
    GateReport report;
    try (Database db = root.openDatabase()) {
      report = new ConformanceGate(db.dsl()).evaluate(request);
    }
    write(junit, report, GateJunit::of);
    write(markdown, report, GateMarkdown::of);
    write(json, report, GateJson::of);
    spec.commandLine().getOut().print(GateText.of(report));
    for (String problem : report.problems()) {
      spec.commandLine().getErr().println("ERROR: " + problem);
    }
    return report.verdict().exitCode();
  }

  private static void write(Path file, GateReport report, Function<GateReport, String> format) {
    if (file == null) {
      return;
    }
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      Files.writeString(file, format.apply(report));
    } catch (IOException e) {
      throw new UserException(file + ": cannot write the report: " + e);
    }
  }
}
