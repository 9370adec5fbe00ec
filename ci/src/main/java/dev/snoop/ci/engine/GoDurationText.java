package dev.snoop.ci.engine;

import java.time.Duration;

/** A duration as Go prints one ({@code time.Duration.String}): 2h0m0s, 15s, 1m30s, 500ms. */
final class GoDurationText {
  private GoDurationText() {}

  static String of(Duration duration) {
    if (duration.isZero()) {
      return "0s";
    }
    if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
      return duration.toMillis() + "ms";
    }
    StringBuilder text = new StringBuilder();
    long hours = duration.toHours();
    int minutes = duration.toMinutesPart();
    if (hours > 0) {
      text.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      text.append(minutes).append('m');
    }
    text.append(duration.toSecondsPart());
    int millis = duration.toMillisPart();
    if (millis > 0) {
      text.append('.').append(String.format("%03d", millis).replaceAll("0+$", ""));
    }
    return text.append('s').toString();
  }
}
