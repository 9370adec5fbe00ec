package dev.snoop.coverage.build;

import java.util.List;

/**
 * An operation a conformance test hit in some builds of a set.
 *
 * @param hitIn in how many of the set's builds a conformance test hit it
 * @param tests the conformance tests that hit it, in any build
 */
public record EndpointBuilds(String endpoint, int hitIn, List<String> tests) {
  public EndpointBuilds {
    tests = List.copyOf(tests);
  }
}
