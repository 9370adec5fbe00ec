package dev.snoop.cli;

import dev.snoop.coverage.CoverageJson;
import dev.snoop.coverage.CoverageStore;
import dev.snoop.coverage.CoverageText;
import dev.snoop.coverage.ReleaseCoverage;
import dev.snoop.coverage.outcome.OutcomeStore;
import dev.snoop.coverage.outcome.OutcomeText;
import dev.snoop.coverage.sig.SigStore;
import dev.snoop.coverage.sig.SigText;
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
      Release r = Release.parse(release);
      ReleaseCoverage coverage = new CoverageStore(db.dsl()).coverage(r);
      if (format == Format.json) {
        spec.commandLine().getOut().print(CoverageJson.of(coverage));
      } else {
        OutcomeStore outcomes = new OutcomeStore(db.dsl());
        spec.commandLine().getOut().print(CoverageText.of(coverage));
        spec.commandLine().getOut().println();
        spec.commandLine()
            .getOut()
            .print(OutcomeText.of(outcomes.errorOnly(r), outcomes.parameterTotals(r)));
        spec.commandLine().getOut().print(SigText.of(new SigStore(db.dsl()).coverage(r)));
      }
    }
    return ExitCode.OK;
  }
}
