package dev.snoop.ci.artifacts;

import dev.snoop.ci.run.JobRun;
import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code started.json} as Prow's initupload writes it (its {@code downwardapi.refsToStarted}):
 * {@code timestamp} (epoch seconds, which TestGrid requires), for a run with refs {@code repos}
 * ({@code org/repo} to {@code PULL_REFS}), {@code repo-commit} and its older name {@code
 * repo-version} (the commit tested: TestGrid's version column when {@code finished.json} has no
 * {@code job-version}), and for a presubmit {@code pull} (the pull request's number).
 */
final class StartedJson {
  private StartedJson() {}

  static ObjectNode of(JobRun run, Instant started) {
    ObjectNode json = ArtifactStore.JSON.createObjectNode();
    json.put("timestamp", started.getEpochSecond());
    run.refs()
        .ifPresent(
            refs -> {
              refs.pull().ifPresent(p -> json.put("pull", String.valueOf(p.number())));
              json.putObject("repos").put(refs.fullName(), refs.pullRefs());
              ArtifactStore.revision(run)
                  .ifPresent(
                      sha -> {
                        json.put("repo-commit", sha);
                        json.put("repo-version", sha);
                      });
            });
    return json;
  }
}
