package dev.snoop.cli;

import dev.snoop.coverage.export.ApisnoopExporter;
import dev.snoop.db.Database;
import dev.snoop.db.release.Release;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code snoop export --release R --out DIR}: APISnoop's coverage files. */
@Command(
    name = "export",
    description =
        "Write APISnoop's coverage files: <release>.json, conformance-progress.json,"
            + " conformance-coverage-per-release.json, conformance-endpoints.json,"
            + " ineligible_endpoints.json.")
final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--release", required = true, description = "The release of <release>.json.")
  String release;

  @Option(names = "--out", required = true, description = "Directory to write into.")
  Path out;

  @Override
  public Integer call() {
    SnoopCommand root = (SnoopCommand) spec.root().userObject();
    try (Database db = root.openDatabase()) {
      for (Path file : new ApisnoopExporter(db.dsl()).export(Release.parse(release), out)) {
        spec.commandLine().getOut().println("wrote " + file);
      }
    }
    return ExitCode.OK;
  }
}
