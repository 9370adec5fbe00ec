package dev.snoop.submissions.evidence;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The conformance testcases of a junit_01.xml: those without {@code <skipped>} whose name contains
 * {@code [Conformance]}, named as conformance.yaml names them (entities decoded, {@code [It] }
 * stripped).
 *
 * @param testcases every testcase in the file, skipped or not
 */
public record JunitReport(int testcases, List<ConformanceCase> conformance) {
  public JunitReport {
    conformance = List.copyOf(conformance);
  }

  /**
   * One conformance testcase that ran.
   *
   * @param failed it has a {@code <failure>} child (then the bot does not count it as present)
   * @param errored it has an {@code <error>} child (present, but the tests do not pass)
   */
  public record ConformanceCase(String name, boolean failed, boolean errored) {
    public boolean passed() {
      return !failed && !errored;
    }
  }

  /** Names of the testcases without a {@code <failure>}: what the bot counts as present. */
  public Set<String> present() {
    Set<String> names = new LinkedHashSet<>();
    for (ConformanceCase c : conformance) {
      if (!c.failed()) {
        names.add(c.name());
      }
    }
    return names;
  }

  /** Names of the testcases with neither a failure nor an error. */
  public Set<String> passed() {
    Set<String> names = new LinkedHashSet<>();
    for (ConformanceCase c : conformance) {
      if (c.passed()) {
        names.add(c.name());
      }
    }
    return names;
  }

  /** Names of the testcases with a failure or an error, in file order. */
  public List<String> failed() {
    return conformance.stream().filter(c -> !c.passed()).map(ConformanceCase::name).toList();
  }

  public boolean anyFailed() {
    return conformance.stream().anyMatch(c -> !c.passed());
  }
}
