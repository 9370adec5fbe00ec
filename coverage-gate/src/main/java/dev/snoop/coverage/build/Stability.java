package dev.snoop.coverage.build;

import java.util.List;

/**
 * Per operation, in how many of a set's builds a conformance test hit it.
 *
 * @param endpoints the operations a conformance test hit in at least one build
 */
public record Stability(BuildSet set, List<Build> builds, List<EndpointBuilds> endpoints) {
  public Stability {
    builds = List.copyOf(builds);
    endpoints = List.copyOf(endpoints);
  }

  /** Unstable coverage: operations a conformance test hit in some builds but not all. */
  public List<EndpointBuilds> unstable() {
    return endpoints.stream().filter(e -> e.hitIn() < builds.size()).toList();
  }

  /** Operations a conformance test hit in every build. */
  public long stable() {
    return endpoints.stream().filter(e -> e.hitIn() == builds.size()).count();
  }
}
