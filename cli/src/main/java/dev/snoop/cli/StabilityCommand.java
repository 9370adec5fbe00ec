package dev.snoop.cli;

import dev.snoop.coverage.build.BuildSet;
import dev.snoop.coverage.build.CoverageStability;
import dev.snoop.coverage.build.FisherComparison;
import dev.snoop.coverage.build.Stability;
import dev.snoop.coverage.build.StabilityJson;
import dev.snoop.coverage.build.StabilityText;
import dev.snoop.db.Database;
import dev.snoop.db.release.Release;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code snoop stability}: conformance coverage across a release's stored builds. */
@Command(
    name = "stability",
    description =
        "Per endpoint, in how many stored builds a conformance test hit it, and the unstable"
            + " coverage (some builds, not all). With --base-release or --newest N: coverage"
            + " regressions between two sets of builds by Fisher's exact test; exit 1 when there"
            + " are any.")
final class StabilityCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--release", required = true, description = "The release, e.g. 1.34.0.")
  String release;

  @Option(
      names = "--job",
      description =
          "The Prow job (or source) whose builds to measure; needed when the release has stored"
              + " builds of several.")
  String job;

  @Option(
      names = "--base-release",
      description = "Compare this release's stored builds (base) with --release's (head).")
  String baseRelease;

  @Option(
      names = "--newest",
      paramLabel = "N",
      description = "Compare each source's newest N builds (head) with the N before them (base).")
  Integer newest;

  @Option(
      names = "--confidence",
      defaultValue = "0.95",
      description = "Confidence a regression is reported at (default: ${DEFAULT-VALUE}).")
  double confidence;

  /** Output formats. */
  enum Format {
    text,
    json
  }

  @Option(names = "--format", defaultValue = "text", description = "text (default) or json.")
  Format format;

  @Override
  public Integer call() {
    if (baseRelease != null && newest != null) {
      throw new UserException("give --base-release or --newest, not both");
    }
    if (newest != null && newest < 1) {
      throw new UserException("--newest must be at least 1, not " + newest);
    }
    SnoopCommand root = (SnoopCommand) spec.root().userObject();
    Release head = Release.parse(release);
    Optional<String> only = Optional.ofNullable(job);
    try (Database db = root.openDatabase()) {
      CoverageStability stability = new CoverageStability(db.dsl());
      if (baseRelease == null && newest == null) {
        Stability s = stability.stability(BuildSet.all(head, only));
        spec.commandLine()
            .getOut()
            .print(format == Format.json ? StabilityJson.of(s) : StabilityText.of(s));
        return ExitCode.OK;
      }
      FisherComparison c =
          newest != null
              ? stability.compare(
                  BuildSet.previous(head, only, newest),
                  BuildSet.newest(head, only, newest),
                  confidence)
              : stability.compare(
                  BuildSet.all(Release.parse(baseRelease), only),
                  BuildSet.all(head, only),
                  confidence);
      spec.commandLine()
          .getOut()
          .print(format == Format.json ? StabilityJson.of(c) : StabilityText.of(c));
      return c.regressions().isEmpty() ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }
  }
}
