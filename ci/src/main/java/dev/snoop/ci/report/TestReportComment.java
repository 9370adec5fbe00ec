package dev.snoop.ci.report;

import dev.snoop.ci.run.JobRun;
import java.util.List;

/**
 * The one comment per pull request that lists its failed jobs, worded as Prow's: it starts {@code
 * @author: The following test(s) **failed**, ...}, has a row per failed context (test name,
 * commit, details, required, rerun command) and ends with the {@code <!-- test report -->} marker
 * by which it is found again.
 */
final class TestReportComment {
  static final String MARKER = "<!-- test report -->";

  private TestReportComment() {}

  /**
   * The comment for the failed runs of a PR's head commit (the newest run of each context).
   *
   * @param failed not empty
   */
  static String body(String author, List<JobRun> failed) {
    StringBuilder body = new StringBuilder();
    body.append('@')
        .append(author)
        .append(": The following test")
        .append(failed.size() == 1 ? " **failed**" : "s **failed**")
        .append(", say `/retest` to rerun all failed tests or `/retest-required` to rerun all")
        .append(" mandatory failed tests:\n\n")
        .append("Test name | Commit | Details | Required | Rerun command\n")
        .append("--- | --- | --- | --- | ---\n");
    for (JobRun run : failed) {
      String sha = run.refs().flatMap(r -> r.pull()).map(p -> p.sha()).orElse("");
      body.append(run.context().orElse(run.job()))
          .append(" | ")
          .append(sha.length() > 7 ? sha.substring(0, 7) : sha)
          .append(" | ")
          .append(run.url().map(u -> "[link](" + u + ")").orElse(""))
          .append(" | ")
          .append(!"true".equals(run.labels().get("prow.k8s.io/is-optional")))
          .append(" | ")
          .append(
              run.spec().path("rerun_command").asString("").isEmpty()
                  ? ""
                  : "`" + run.spec().path("rerun_command").asString() + "`")
          .append('\n');
    }
    body.append(
            "\n<details>\n\nThis comment is kept up to date by snoop's job engine: a passing run")
        .append(" removes its row, and the comment goes when no test has failed.\n</details>\n")
        .append(MARKER);
    return body.toString();
  }
}
