package dev.snoop.submissions;

/** How a check came out. Only {@link #FAIL} makes a submission fail. */
public enum CheckStatus {
  PASS,
  FAIL,
  /** Passed, with something a reviewer should look at. */
  WARN,
  /** Not applicable: what it checks is missing, and another check reports that. */
  SKIP;

  public String id() {
    return name().toLowerCase();
  }
}
