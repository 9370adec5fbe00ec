package dev.snoop.ci.run;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The environment Prow gives a job's test container (its downward API): {@code CI}, {@code
 * JOB_NAME}, {@code JOB_TYPE}, {@code JOB_SPEC}, {@code BUILD_ID}, {@code PROW_JOB_ID}, the refs
 * ({@code REPO_OWNER}, {@code PULL_NUMBER}, ...), and for decorated jobs {@code ARTIFACTS}. Every
 * executor sets the same, so a job behaves alike wherever it runs.
 */
public final class ProwEnvironment {
  private ProwEnvironment() {}

  /**
   * @param artifacts where the job writes the files to keep ({@code $ARTIFACTS}): a directory of
   *     the local machine, or {@code /logs/artifacts} in a pod
   */
  public static Map<String, String> of(JobRun run, Optional<String> artifacts) {
    // sorted by name, as Prow lists them in its pods
    Map<String, String> env = new TreeMap<>();
    env.put("BUILD_ID", run.buildIdText());
    env.put("BUILD_NUMBER", run.buildIdText());
    env.put("CI", "true");
    env.put("JOB_NAME", run.job());
    env.put("JOB_SPEC", NewRuns.JSON.writeValueAsString(jobSpec(run)));
    env.put("JOB_TYPE", run.type().prowName());
    env.put("PROW_JOB_ID", run.id());
    run.refs()
        .ifPresent(
            refs -> {
              env.put("PULL_BASE_REF", refs.baseRef());
              refs.baseSha().ifPresent(sha -> env.put("PULL_BASE_SHA", sha));
              refs.pull()
                  .ifPresent(
                      pull -> {
                        env.put("PULL_NUMBER", String.valueOf(pull.number()));
                        env.put("PULL_PULL_SHA", pull.sha());
                        pull.title().ifPresent(t -> env.put("PULL_TITLE", t));
                      });
              env.put("PULL_REFS", refs.pullRefs());
              env.put("REPO_NAME", refs.repo());
              env.put("REPO_OWNER", refs.org());
              env.put("SRC_BASE", refs.fullName());
              env.put("SRC_HOST", "github.com");
            });
    artifacts.ifPresent(dir -> env.put("ARTIFACTS", dir));
    return env;
  }

  /** {@code JOB_SPEC}: type, job, buildid, prowjobid, refs and decoration_config. */
  static ObjectNode jobSpec(JobRun run) {
    ObjectNode spec = NewRuns.JSON.createObjectNode();
    spec.put("type", run.type().prowName());
    spec.put("job", run.job());
    spec.put("buildid", run.buildIdText());
    spec.put("prowjobid", run.id());
    copy(run.spec(), spec, "refs");
    copy(run.spec(), spec, "extra_refs");
    copy(run.spec(), spec, "decoration_config");
    return spec;
  }

  private static void copy(ObjectNode from, ObjectNode to, String field) {
    JsonNode value = from.get(field);
    if (value != null && !value.isNull()) {
      to.set(field, value.deepCopy());
    }
  }
}
