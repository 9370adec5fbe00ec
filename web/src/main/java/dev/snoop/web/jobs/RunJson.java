package dev.snoop.web.jobs;

import dev.snoop.ci.artifacts.ArtifactStore;
import dev.snoop.ci.artifacts.JunitReport;
import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.Refs;
import dev.snoop.ci.run.RunHistory.QueuePlace;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Runs and builds as the job API answers them (docs/api.md). */
final class RunJson {
  static final ObjectMapper JSON = JsonMapper.builder().build();

  private RunJson() {}

  /** One run: what the job list and a job's history show. */
  static ObjectNode run(JobRun run, Optional<QueuePlace> queue, Instant now) {
    ObjectNode json = JSON.createObjectNode();
    json.put("id", run.id());
    json.put("job", run.job());
    json.put("type", run.type().prowName());
    json.put("build_id", run.buildIdText());
    json.put("state", run.state().prowName());
    json.put("description", run.description());
    json.put("complete", run.complete());
    json.put("executor", run.executor());
    json.put("context", run.context().orElse(null));
    Optional<Refs> refs = run.refs();
    json.put("repo", refs.map(Refs::fullName).orElse(null));
    json.put("base_ref", refs.map(Refs::baseRef).orElse(null));
    Optional<Refs.Pull> pull = refs.flatMap(Refs::pull);
    if (pull.isPresent()) {
      json.put("pull", pull.get().number());
      json.put("pull_sha", pull.get().sha());
      json.put("author", pull.get().author());
    } else {
      json.putNull("pull");
    }
    json.put("start_time", run.startTime().toString());
    json.put("pending_time", run.pendingTime().map(Instant::toString).orElse(null));
    json.put("completion_time", run.completionTime().map(Instant::toString).orElse(null));
    Instant end = run.completionTime().orElse(now);
    json.put("duration_seconds", Math.max(0, Duration.between(run.startTime(), end).toSeconds()));
    json.put("max_concurrency", run.maxConcurrency());
    if (queue.isPresent()) {
      ObjectNode place = json.putObject("queue");
      place.put("position", queue.get().position());
      place.put("running", queue.get().running());
      place.put("max_concurrency", queue.get().maxConcurrency());
    } else {
      json.putNull("queue");
    }
    json.put("page", page(run));
    return json;
  }

  /** A build: the run, its metadata files, its files, its log's size and its JUnit results. */
  static ObjectNode build(
      JobRun run, Optional<QueuePlace> queue, ArtifactStore store, Instant now) {
    ObjectNode json = run(run, queue, now);
    json.set("started", store.jsonFile(run, ArtifactStore.STARTED).orElse(null));
    json.set("finished", store.jsonFile(run, ArtifactStore.FINISHED).orElse(null));
    json.set("prowjob", store.jsonFile(run, ArtifactStore.PROWJOB).orElse(null));
    List<String> files = store.files(run);
    ArrayNode list = json.putArray("files");
    files.forEach(list::add);
    json.put("build_log", files.contains(ArtifactStore.BUILD_LOG));
    ArrayNode junit = json.putArray("junit");
    for (ArtifactStore.JunitFile file : store.junit(run)) {
      junit.add(junit(file));
    }
    return json;
  }

  /** One JUnit file as Spyglass's junit lens shows it: counts, then each failure's message. */
  private static ObjectNode junit(ArtifactStore.JunitFile file) {
    JunitReport report = file.report();
    ObjectNode json = JSON.createObjectNode();
    json.put("path", file.path());
    json.put("problem", report.problem().orElse(null));
    json.put("tests", report.cases().size());
    json.put("passed", report.count(JunitReport.Outcome.PASSED));
    json.put("failed", report.count(JunitReport.Outcome.FAILED));
    json.put("skipped", report.count(JunitReport.Outcome.SKIPPED));
    ArrayNode failures = json.putArray("failures");
    for (JunitReport.TestCase failure : report.failures()) {
      ObjectNode f = failures.addObject();
      f.put("name", failure.name());
      f.put("classname", failure.classname());
      f.put("suite", failure.suite());
      f.put("seconds", failure.seconds());
      f.put("message", failure.message().orElse(null));
    }
    return json;
  }

  /** The build's page. */
  static String page(JobRun run) {
    return "/jobs/"
        + URLEncoder.encode(run.job(), StandardCharsets.UTF_8)
        + "/"
        + run.buildIdText();
  }
}
