package dev.snoop.ingest.prow;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The release and commit in a Kubernetes build version such as {@code
 * v1.26.0-alpha.0.275+41df8167dd82e7}: release {@code 1.26.0} (the pre-release part dropped, as
 * APISnoop drops it), commit {@code 41df8167dd82e7} (the hex after "+").
 */
record JobVersion(Optional<String> release, Optional<String> commit) {
  static final JobVersion NONE = new JobVersion(Optional.empty(), Optional.empty());

  private static final String NUMBER = "(?:0|[1-9]\\d{0,5})";
  private static final Pattern RELEASE =
      Pattern.compile("^v?(" + NUMBER + "\\." + NUMBER + "\\." + NUMBER + ")(?![\\d.])");
  private static final Pattern COMMIT = Pattern.compile("\\+([0-9a-f]{7,40})(?![0-9a-f])");

  static JobVersion parse(String text) {
    String version = text.strip();
    Matcher release = RELEASE.matcher(version);
    Matcher commit = COMMIT.matcher(version);
    return new JobVersion(
        release.find() ? Optional.of(release.group(1)) : Optional.empty(),
        commit.find() ? Optional.of(commit.group(1)) : Optional.empty());
  }
}
