package dev.snoop.web.jobs;

import dev.snoop.ci.artifacts.ArtifactStore;
import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.JobStore;
import dev.snoop.ci.run.NewRuns;
import dev.snoop.ci.run.RunHistory;
import dev.snoop.ci.run.RunHistory.QueuePlace;
import dev.snoop.web.ApiToken;
import dev.snoop.web.HttpProblem;
import dev.snoop.web.Routes;
import dev.snoop.web.api.Params;
import dev.snoop.web.page.PageRoutes;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * The job engine's pages and API, as Prow's deck and Spyglass show ProwJobs: the runs of every job
 * (state, duration, place in the queue), a job's history, and a build (its {@code started.json},
 * {@code finished.json} and {@code prowjob.json}, its build log, its JUnit results and its files),
 * read from the artifact store and from nowhere else: a build is found by its row, and a file by
 * its name inside that build's directory. Abort and rerun need the API token.
 *
 * <ul>
 *   <li>pages: {@code /jobs}, {@code /jobs/{job}}, {@code /jobs/{job}/{build}}
 *   <li>{@code GET /api/jobs}, {@code /api/jobs/{job}}, {@code /api/jobs/{job}/{build}}, {@code
 *       /api/jobs/{job}/{build}/log}, {@code /api/jobs/{job}/{build}/artifacts/<path>}
 *   <li>{@code POST /api/jobs/{job}/{build}/abort}, {@code POST /api/jobs/{job}/{build}/rerun}
 * </ul>
 */
public final class JobsRoutes implements Routes {
  /** Prow's description of a run a user aborted from deck. */
  static final String ABORTED_BY_USER = "Aborted by a user.";

  private static final Map<String, String> CONTENT_TYPES =
      Map.of(
          "json", "application/json",
          "txt", "text/plain; charset=utf-8",
          "log", "text/plain; charset=utf-8",
          "md", "text/plain; charset=utf-8",
          "xml", "application/xml");

  private final DSLContext sql;
  private final ArtifactStore artifacts;
  private final NewRuns newRuns;
  private final ApiToken token;
  private final Clock clock;

  public JobsRoutes(
      DSLContext sql, ArtifactStore artifacts, NewRuns newRuns, ApiToken token, Clock clock) {
    this.sql = sql;
    this.artifacts = artifacts;
    this.newRuns = newRuns;
    this.token = token;
    this.clock = clock;
  }

  @Override
  public void addTo(JavalinDefaultRouting router) {
    router.get("/jobs", PageRoutes::shell);
    router.get("/jobs/{job}", PageRoutes::shell);
    router.get("/jobs/{job}/{build}", PageRoutes::shell);
    router.get("/api/jobs", this::runs);
    router.get("/api/jobs/{job}", this::history);
    router.get("/api/jobs/{job}/{build}", this::build);
    router.get("/api/jobs/{job}/{build}/log", this::log);
    router.get("/api/jobs/{job}/{build}/artifacts/<path>", this::artifact);
    router.post("/api/jobs/{job}/{build}/abort", this::abort);
    router.post("/api/jobs/{job}/{build}/rerun", this::rerun);
  }

  private void runs(Context ctx) {
    int limit = Params.integer(ctx, "limit", 200, 1, 5000);
    json(ctx, list(RunHistory.recent(sql, limit)));
  }

  private void history(Context ctx) {
    int limit = Params.integer(ctx, "limit", 200, 1, 5000);
    String job = ctx.pathParam("job");
    List<JobRun> runs = JobStore.history(sql, job, limit);
    if (runs.isEmpty()) {
      throw HttpProblem.notFound("no runs of job " + job);
    }
    json(ctx, list(runs));
  }

  private void build(Context ctx) {
    JobRun run = run(ctx);
    json(ctx, RunJson.build(run, place(run), artifacts, clock.instant()));
  }

  private void log(Context ctx) {
    JobRun run = run(ctx);
    Path file =
        artifacts
            .file(run, ArtifactStore.BUILD_LOG)
            .orElseThrow(
                () -> HttpProblem.notFound("build " + run.buildIdText() + " has no build log yet"));
    send(ctx, file, "text/plain; charset=utf-8");
  }

  private void artifact(Context ctx) {
    JobRun run = run(ctx);
    String name = ctx.pathParam("path");
    Path file =
        artifacts
            .file(run, name)
            .orElseThrow(
                () -> HttpProblem.notFound("build " + run.buildIdText() + " has no file " + name));
    String fileName = file.getFileName().toString();
    String extension = fileName.substring(fileName.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    send(ctx, file, CONTENT_TYPES.getOrDefault(extension, "application/octet-stream"));
  }

  private void abort(Context ctx) {
    token.require(ctx);
    JobRun run = run(ctx);
    if (!JobStore.requestAbort(sql, run.id(), ABORTED_BY_USER)) {
      throw new HttpProblem(
          409,
          "build "
              + run.buildIdText()
              + " of "
              + run.job()
              + " is "
              + run.state().prowName()
              + ": nothing to abort");
    }
    JobRun aborted = JobStore.find(sql, run.id()).orElseThrow();
    json(ctx, RunJson.run(aborted, Optional.empty(), clock.instant()));
  }

  private void rerun(Context ctx) {
    token.require(ctx);
    JobRun rerun = newRuns.rerun(run(ctx));
    JobStore.insert(sql, rerun);
    ctx.status(201);
    json(ctx, RunJson.run(rerun, place(rerun), clock.instant()));
  }

  /** The run a path names by job and build id; 404 for any other. */
  private JobRun run(Context ctx) {
    String job = ctx.pathParam("job");
    String build = ctx.pathParam("build");
    if (!build.matches("\\d{1,20}")) {
      throw HttpProblem.notFound("no build " + build + " of job " + job);
    }
    long buildId;
    try {
      buildId = Long.parseUnsignedLong(build);
    } catch (NumberFormatException e) {
      throw HttpProblem.notFound("no build " + build + " of job " + job);
    }
    return RunHistory.build(sql, job, buildId)
        .orElseThrow(() -> HttpProblem.notFound("no build " + build + " of job " + job));
  }

  private Optional<QueuePlace> place(JobRun run) {
    return Optional.ofNullable(RunHistory.queue(sql).get(run.id()));
  }

  private ArrayNode list(List<JobRun> runs) {
    Map<String, QueuePlace> queue = RunHistory.queue(sql);
    ArrayNode list = RunJson.JSON.createArrayNode();
    runs.forEach(
        r -> list.add(RunJson.run(r, Optional.ofNullable(queue.get(r.id())), clock.instant())));
    return list;
  }

  private static void json(Context ctx, JsonNode body) {
    ctx.contentType("application/json").result(RunJson.JSON.writeValueAsString(body));
  }

  private static void send(Context ctx, Path file, String contentType) {
    try {
      ctx.contentType(contentType).result(Files.newInputStream(file));
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }
}
