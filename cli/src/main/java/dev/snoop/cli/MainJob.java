package dev.snoop.cli;

import dev.snoop.db.ReleaseSummary;
import dev.snoop.db.conformance.ConformanceLists;
import dev.snoop.db.conformance.EndpointLists;
import dev.snoop.db.input.Input;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import dev.snoop.db.release.ReleaseCatalogue;
import dev.snoop.db.spec.LevelRule;
import dev.snoop.db.spec.SpecLoader;
import dev.snoop.db.spec.SpecSource;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.DSLContext;

/**
 * The steps of {@code snoop up}, in order: the release catalogue, the release's spec, its
 * conformance list, the ineligible and pending lists, then the summary. Each input is a local file
 * when given, else its upstream URL (or skipped with --offline).
 */
final class MainJob {
  private final DSLContext sql;
  private final InputReader reader;
  private final PrintStream out;

  MainJob(DSLContext sql, InputReader reader, PrintStream out) {
    this.sql = sql;
    this.reader = reader;
    this.out = out;
  }

  /** The job's inputs; null paths mean "upstream". */
  record Inputs(
      String release,
      Path releases,
      Path spec,
      Path v3,
      Path conformance,
      Path ineligible,
      Path pending,
      LevelRule levelRule,
      boolean offline) {}

  void run(Inputs in) {
    ReleaseCatalogue catalogue = new ReleaseCatalogue(sql, reader);
    step("release catalogue", in.releases(), in.offline(), ReleaseCatalogue::upstream)
        .ifPresent(input -> catalogue.load(input));
    Release release = release(in, catalogue);

    SpecLoader specs = new SpecLoader(sql, reader);
    Optional<SpecSource> spec =
        in.v3() != null
            ? Optional.of(SpecSource.v3(in.v3()))
            : step("spec", in.spec(), in.offline(), () -> null)
                .<SpecSource>map(SpecSource.V2::new)
                .or(() -> in.offline() ? Optional.empty() : Optional.of(specs.upstream(release)));
    spec.ifPresent(source -> specs.load(release, source, in.levelRule()));

    ConformanceLists conformance = new ConformanceLists(sql, reader);
    step("conformance list", in.conformance(), in.offline(), () -> conformance.upstream(release))
        .ifPresent(input -> conformance.load(release, input));

    EndpointLists lists = new EndpointLists(sql, reader);
    step(
            "ineligible list",
            in.ineligible(),
            in.offline(),
            () -> EndpointLists.upstreamIneligible(null))
        .ifPresent(input -> lists.loadIneligible(input, null));
    step("pending list", in.pending(), in.offline(), () -> EndpointLists.upstreamPending(null))
        .ifPresent(input -> lists.loadPending(input, null));

    out.print(SummaryText.of(ReleaseSummary.of(sql, release)));
  }

  /** The input of a step: the local file, else upstream, else (offline) nothing. */
  private Optional<Input> step(String name, Path file, boolean offline, Supplier<Input> upstream) {
    if (file != null) {
      return Optional.of(Input.file(file));
    }
    if (offline) {
      System.err.println("skipped " + name + ": no local file given and --offline");
      return Optional.empty();
    }
    return Optional.ofNullable(upstream.get());
  }

  private static Release release(Inputs in, ReleaseCatalogue catalogue) {
    if (in.release() != null) {
      return Release.parse(in.release());
    }
    return catalogue
        .working()
        .map(ReleaseCatalogue.Entry::release)
        .orElseThrow(
            () ->
                new UserException(
                    "no --release given and the release catalogue names no working release"));
  }
}
