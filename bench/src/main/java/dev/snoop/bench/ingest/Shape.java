package dev.snoop.bench.ingest;

import java.util.Locale;

/**
 * The shape of a generated log, so that ingest speed is measured on more than one kind of log.
 * Every shape has the same traffic mix (e2e tests, components, the rest); they differ in how e2e
 * tests spread over endpoints and in how requests are logged.
 */
public enum Shape {
  /**
   * A conformance run as kind and Prow produce it: each test calls the endpoints of the kinds its
   * name mentions and a few others, half of the requests are logged at every stage. About 20,000
   * distinct (endpoint, user agent) pairs per million events.
   */
  REALISTIC(false, 66, true, false, 4_096),
  /**
   * e2e tests spread over many endpoints: each request of a test goes to any operation of the spec,
   * equally likely, and the tests that are no conformance tests come from a large generated matrix
   * (a name seldom seen twice), which gives about 225,000 distinct (endpoint, user agent) pairs per
   * million events, growing with the log: an aggregate ten times larger.
   */
  WIDE(true, 80, true, false, 4_096),
  /**
   * Few user agents but many requests in flight: e2e.test's agent names no test, every request is
   * logged at every stage, and up to 50,000 watches are held open at once, so deduplicating the
   * stages of each request carries the load.
   */
  STAGES(false, 66, false, true, 50_000);

  /**
   * Each request of an e2e test goes to any operation, equally likely, and tests that are no
   * conformance tests are generated names.
   */
  final boolean spreadTests;

  /** Of every 100 e2e tests, how many are conformance tests (the rest: suite setup, others). */
  final int conformancePercent;

  /** e2e.test's user agent names the running test. */
  final boolean namedTests;

  /** Every request is logged at every stage (else half of them, the rest at ResponseComplete). */
  final boolean everyStage;

  /** Watches held open at once at most. */
  final int maxHeldOpen;

  Shape(
      boolean spreadTests,
      int conformancePercent,
      boolean namedTests,
      boolean everyStage,
      int maxHeldOpen) {
    this.spreadTests = spreadTests;
    this.conformancePercent = conformancePercent;
    this.namedTests = namedTests;
    this.everyStage = everyStage;
    this.maxHeldOpen = maxHeldOpen;
  }

  /** The name on the command line: realistic, wide, stages. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** A shape by its name. */
  public static Shape of(String id) {
    for (Shape s : values()) {
      if (s.id().equals(id.strip().toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown log shape \"" + id + "\": realistic, wide or stages");
  }
}
