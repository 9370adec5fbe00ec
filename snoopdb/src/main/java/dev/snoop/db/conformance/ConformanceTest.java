package dev.snoop.db.conformance;

import dev.snoop.db.release.Release;

/**
 * One entry of a release's conformance.yaml.
 *
 * @param release the promotion release as APISnoop normalises it (the last release listed)
 * @param releaseRaw the {@code release:} value as written, e.g. {@code v1.9, v1.18}
 * @param requiredFrom the earliest release listed: the test is required for releases at or after it
 */
public record ConformanceTest(
    String testname,
    String codename,
    Release release,
    String releaseRaw,
    Release requiredFrom,
    String description,
    String file) {

  /** The certification bot's rule: required when any release listed is at or before {@code r}. */
  public boolean isRequiredFor(Release r) {
    return requiredFrom.compareTo(r) <= 0;
  }
}
