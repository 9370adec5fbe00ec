package dev.snoop.ci.exec.local;

import dev.snoop.ci.run.JobRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What Prow's clonerefs does before a decorated job starts, as a shell script the entrypoint runs:
 * each of the run's {@code refs} and {@code extra_refs} is fetched into {@code
 * <workspace>/src/github.com/<org>/<repo>} from {@code <clone base>/<org>/<repo>} (or the ref's
 * {@code clone_uri}), its base checked out ({@code base_sha}, else the branch's head), and each
 * pull request's head ({@code pull/<n>/head}) merged onto it. The job then works in the first
 * repository's directory (or the extra ref marked {@code workdir}). Every value is quoted, since
 * branch names and titles come from GitHub users.
 *
 * @param workdir where the job runs
 */
record CloneScript(String script, Path workdir) {
  /**
   * The script for the run, if it clones: it is decorated, not {@code skip_cloning}, and has refs.
   */
  static Optional<CloneScript> of(JobRun run, String cloneBase, Path workspace, Path cloneLog) {
    JsonNode decoration = run.spec().path("decoration_config");
    if (!decoration.isObject() || decoration.path("skip_cloning").asBoolean(false)) {
      return Optional.empty();
    }
    List<JsonNode> refs = new ArrayList<>();
    if (run.spec().path("refs").isObject()) {
      refs.add(run.spec().path("refs"));
    }
    run.spec().path("extra_refs").forEach(refs::add);
    if (refs.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder script =
        new StringBuilder("set -e\nexec >> " + quote(cloneLog.toString()) + " 2>&1\n");
    Path workdir = null;
    for (JsonNode ref : refs) {
      String org = ref.path("org").asString("");
      String repo = ref.path("repo").asString("");
      Path dir = workspace.resolve("src/github.com").resolve(org).resolve(repo).normalize();
      if (org.isEmpty() || repo.isEmpty() || !dir.startsWith(workspace)) {
        throw new IllegalArgumentException(
            "run " + run.id() + " has refs without a valid org and repo");
      }
      if (workdir == null || ref.path("workdir").asBoolean(false)) {
        workdir = dir;
      }
      String uri =
          ref.path("clone_uri").asString(cloneBase.replaceAll("/+$", "") + "/" + org + "/" + repo);
      String baseRef = ref.path("base_ref").asString("");
      String checkout = ref.path("base_sha").asString("FETCH_HEAD");
      script
          .append("echo ")
          .append(quote("cloning " + org + "/" + repo + " from " + uri))
          .append('\n');
      script.append("mkdir -p ").append(quote(dir.toString())).append('\n');
      script.append("cd ").append(quote(dir.toString())).append('\n');
      script.append("git init -q\n");
      script.append("git config user.name snoop\ngit config user.email snoop@localhost\n");
      script
          .append("git fetch -q ")
          .append(quote(uri))
          .append(' ')
          .append(quote(baseRef))
          .append('\n');
      script.append("git checkout -q ").append(quote(checkout)).append('\n');
      for (JsonNode pull : ref.path("pulls")) {
        String number = String.valueOf(pull.path("number").asInt());
        String sha = pull.path("sha").asString("FETCH_HEAD");
        script
            .append("git fetch -q ")
            .append(quote(uri))
            .append(' ')
            .append(quote("pull/" + number + "/head"))
            .append('\n');
        script
            .append("git merge -q --no-ff -m ")
            .append(quote("Merge #" + number + " " + sha))
            .append(' ')
            .append(quote(sha))
            .append('\n');
      }
      script.append("git log -1 --format='%H %s'\n");
    }
    return Optional.of(new CloneScript(script.toString(), workdir));
  }

  /** A shell word: single-quoted, a quote inside written as {@code '\''}. */
  static String quote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
