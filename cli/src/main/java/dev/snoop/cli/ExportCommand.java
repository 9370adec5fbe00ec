package dev.snoop.cli;

import dev.snoop.coverage.export.ApisnoopExporter;
import dev.snoop.db.Database;
import dev.snoop.db.release.Release;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code snoop export [--release R] --out DIR}: APISnoop's coverage files. */
@Command(
    name = "export",
    description =
        "Write APISnoop's coverage files, as snoop serve serves them under /apisnoop/:"
            + " <release>.json, releases.yaml, conformance-progress.json,"
            + " conformance-coverage-per-release.json, conformance-endpoints.json,"
            + " new-endpoints.json, ineligible_endpoints.json and .yaml,"
            + " pending_eligible_endpoints.yaml.")
final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--release",
      description =
          "The release of <release>.json (default: every release with a loaded spec, the folder"
              + " APISnoop's web app reads).")
  String release;

  @Option(names = "--out", required = true, description = "Directory to write into.")
  Path out;

  @Override
  public Integer call() {
    SnoopCommand root = (SnoopCommand) spec.root().userObject();
    try (Database db = root.openDatabase()) {
      ApisnoopExporter exporter = new ApisnoopExporter(db.dsl());
      List<Path> written =
          release == null ? exporter.exportAll(out) : exporter.export(Release.parse(release), out);
      for (Path file : written) {
        spec.commandLine().getOut().println("wrote " + file);
      }
    }
    return ExitCode.OK;
  }
}
