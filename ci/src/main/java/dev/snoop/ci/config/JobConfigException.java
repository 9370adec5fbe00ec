package dev.snoop.ci.config;

import java.util.List;
import java.util.stream.Collectors;

/** A job config that cannot be used, with every problem found in it. */
public final class JobConfigException extends RuntimeException {
  private final List<Problem> problems;

  public JobConfigException(List<Problem> problems) {
    super(
        problems.size()
            + (problems.size() == 1 ? " problem" : " problems")
            + " in the job config:\n"
            + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
