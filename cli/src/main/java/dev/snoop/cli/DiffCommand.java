package dev.snoop.cli;

import dev.snoop.coverage.diff.CoverageDiff;
import dev.snoop.coverage.diff.DiffJson;
import dev.snoop.coverage.diff.DiffMarkdown;
import dev.snoop.coverage.diff.DiffReport;
import dev.snoop.coverage.diff.DiffText;
import dev.snoop.db.Database;
import dev.snoop.db.release.Release;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code snoop diff}: endpoints gained and lost between two stored runs. */
@Command(
    name = "diff",
    description =
        "Endpoints gained and lost from a base run to a head run, tested and conformance-tested,"
            + " with the tests responsible on the side that has them.")
final class DiffCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--release",
      required = true,
      description = "The head's release (and the base's).")
  String release;

  @Option(
      names = "--base-release",
      description = "The base's release, to compare two releases (default: --release).")
  String baseRelease;

  @Option(
      names = "--base",
      required = true,
      paramLabel = "SOURCE|RUN",
      description =
          "A run number, a Prow build id, or a source or Prow job (its newest stored build).")
  String base;

  @Option(names = "--head", required = true, paramLabel = "SOURCE|RUN", description = "As --base.")
  String head;

  /** Output formats. */
  enum Format {
    text,
    json,
    markdown
  }

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "text (default), json, or markdown (a PR comment).")
  Format format;

  @Override
  public Integer call() {
    SnoopCommand root = (SnoopCommand) spec.root().userObject();
    Release headRelease = Release.parse(release);
    Release baseOf = Optional.ofNullable(baseRelease).map(Release::parse).orElse(headRelease);
    try (Database db = root.openDatabase()) {
      DiffReport report = new CoverageDiff(db.dsl()).compare(baseOf, base, headRelease, head);
      spec.commandLine()
          .getOut()
          .print(
              switch (format) {
                case text -> DiffText.of(report);
                case json -> DiffJson.of(report);
                case markdown -> DiffMarkdown.of(report);
              });
    }
    return ExitCode.OK;
  }
}
