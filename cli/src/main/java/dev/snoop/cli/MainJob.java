package dev.snoop.cli;

import dev.snoop.coverage.CoverageStore;
import dev.snoop.coverage.CoverageText;
import dev.snoop.coverage.ReleaseCoverage;
import dev.snoop.db.Database;
import dev.snoop.db.ReleaseSummary;
import dev.snoop.db.conformance.ConformanceLists;
import dev.snoop.db.conformance.EndpointLists;
import dev.snoop.db.input.Input;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.NoWorkingReleaseException;
import dev.snoop.db.release.Release;
import dev.snoop.db.release.ReleaseCatalogue;
import dev.snoop.db.spec.LevelRule;
import dev.snoop.db.spec.SpecLoader;
import dev.snoop.db.spec.SpecSource;
import dev.snoop.ingest.IngestResult;
import dev.snoop.ingest.prow.ProwRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.DSLContext;

/**
 * The steps of {@code snoop up}, in order: the release catalogue, the release's spec, its
 * conformance list, the ineligible and pending lists, the audit logs, then the summary. Each input
 * is a local file when given, else its upstream URL (or skipped with --offline); the audit logs are
 * those named, else the latest successful builds of APISnoop's Prow jobs for the working release.
 * The summary ends with the release's coverage when it has audit runs.
 */
final class MainJob {
  private final Database db;
  private final DSLContext sql;
  private final InputReader reader;
  private final PrintWriter out;
  private final PrintWriter err;

  MainJob(Database db, InputReader reader, PrintWriter out, PrintWriter err) {
    this.db = db;
    this.sql = db.dsl();
    this.reader = reader;
    this.out = out;
    this.err = err;
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
      List<String> audit,
      List<String> prowJobs,
      String bucketUrl,
      boolean allowEmpty,
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

    ingestAuditLogs(in, release, catalogue);

    ReleaseSummary summary = ReleaseSummary.of(sql, release);
    ReleaseCoverage coverage =
        summary.operations() == 0 ? null : new CoverageStore(sql).coverage(release);
    out.print(
        SummaryText.of(
            summary,
            coverage == null || coverage.sources().isEmpty()
                ? null
                : CoverageText.summary(coverage)));
  }

  /** Each --audit source and each Prow job is a run of its own. */
  private void ingestAuditLogs(Inputs in, Release release, ReleaseCatalogue catalogue) {
    List<String> jobs = in.prowJobs();
    if (in.audit().isEmpty() && jobs.isEmpty()) {
      boolean working =
          catalogue.working().map(entry -> entry.release().equals(release)).orElse(false);
      if (in.offline() || !working) {
        err.println(
            "skipped audit logs: none given (--audit, --prow-job)"
                + (in.offline()
                    ? " and --offline"
                    : "; Prow's default jobs test the working release"));
        return;
      }
      jobs = ProwRequest.apisnoopJobs();
    }
    AuditRuns runs =
        new AuditRuns(
            db, reader.cacheDir(), false, IngestCommand.DEFAULT_MAX_PROBLEMS, in.allowEmpty());
    for (String source : in.audit()) {
      report(runs.files(release, List.of(source)));
    }
    for (String job : jobs) {
      report(runs.prow(ProwRequest.latest(job), Optional.of(release), in.bucketUrl()));
    }
  }

  private void report(IngestResult result) {
    out.printf(
        "ingested %s: %,d requests, %.1f%% matched%n",
        result.source(), result.requests(), result.matchedPercent());
  }

  /** The input of a step: the local file, else upstream, else (offline) nothing. */
  private Optional<Input> step(String name, Path file, boolean offline, Supplier<Input> upstream) {
    if (file != null) {
      return Optional.of(Input.file(file));
    }
    if (offline) {
      err.println("skipped " + name + ": no local file given and --offline");
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
        .orElseThrow(NoWorkingReleaseException::new);
  }
}
