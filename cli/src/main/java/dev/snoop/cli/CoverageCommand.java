package dev.snoop.cli;

import dev.snoop.coverage.CoverageJson;
import dev.snoop.coverage.CoverageReport;
import dev.snoop.coverage.CoverageText;
import dev.snoop.db.Database;
import dev.snoop.db.release.Release;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code snoop coverage --release R}: a release's coverage from the coverage views. */
@Command(
    name = "coverage",
    description =
        "Print a release's coverage: endpoints tested and conformance-tested (all levels, stable,"
            + " eligible), by category, the endpoints new in the release, the eligible"
            + " endpoints no conformance test hits, and coverage by SIG.")
final class CoverageCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--release", required = true, description = "The release, e.g. 1.34.0.")
  String release;

  /** Output formats. */
  enum Format {
    text,
    json
  }

  @Option(names = "--format", defaultValue = "text", description = "text (default) or json.")
  Format format;

  @Override
  public Integer call() {
    SnoopCommand root = (SnoopCommand) spec.root().userObject();
    try (Database db = root.openDatabase()) {
      CoverageReport report = CoverageReport.read(db.dsl(), Release.parse(release));
      spec.commandLine()
          .getOut()
          .print(format == Format.json ? CoverageJson.of(report) : CoverageText.of(report));
    }
    return ExitCode.OK;
  }
}
