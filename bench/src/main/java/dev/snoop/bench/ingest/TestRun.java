package dev.snoop.bench.ingest;

/**
 * One e2e test while it runs: its userAgent, its namespace, the endpoints it calls, and how many
 * requests it has left. It creates its namespace first, waits for the default service account, and
 * deletes the namespace last.
 */
final class TestRun {
  final Traffic traffic;
  final Principal principal;
  final String namespace;

  /** Shared by the names of the test's objects, so its gets, updates and deletes meet. */
  final String suffix;

  final Endpoint[] plan;
  final int length;
  int step;

  TestRun(
      Traffic traffic,
      Principal principal,
      String namespace,
      String suffix,
      Endpoint[] plan,
      int length) {
    this.traffic = traffic;
    this.principal = principal;
    this.namespace = namespace;
    this.suffix = suffix;
    this.plan = plan;
    this.length = length;
  }

  boolean finished() {
    return step >= length;
  }
}
