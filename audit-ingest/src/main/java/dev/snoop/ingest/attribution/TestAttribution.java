package dev.snoop.ingest.attribution;

/**
 * The test a request is attributed to, from its userAgent. e2e.test sets its agent to {@code
 * e2e.test/<version> (<os/arch>) kubernetes/<commit> -- <ginkgo full text>}.
 *
 * @param test the text after the first " -- " of an e2e.test agent ("" when there is none, as for
 *     calls made outside a spec); null for any other agent
 * @param testHit the agent is e2e.test (APISnoop's test_hit)
 * @param confTestHit the agent contains [Conformance] (APISnoop's conf_test_hit)
 */
public record TestAttribution(String test, boolean testHit, boolean confTestHit) {
  private static final String E2E = "e2e.test";
  private static final String SEPARATOR = " -- ";

  /**
   * Attributes a userAgent. APISnoop splits at the first "--" and stops at the second, so a test
   * name containing "--" was cut; this takes everything after the first " -- ".
   */
  public static TestAttribution of(String userAgent) {
    if (userAgent == null) {
      return new TestAttribution(null, false, false);
    }
    boolean confTestHit = userAgent.contains("[Conformance]");
    if (!userAgent.startsWith(E2E)) {
      return new TestAttribution(null, false, confTestHit);
    }
    int separator = userAgent.indexOf(SEPARATOR);
    String test = separator < 0 ? "" : userAgent.substring(separator + SEPARATOR.length()).strip();
    return new TestAttribution(test, true, confTestHit);
  }
}
