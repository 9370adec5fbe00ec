package dev.snoop.ci.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTextTest {
  @Test
  void durationsArePrintedAsGoPrintsThem() {
    assertThat(GoDurationText.of(Duration.ofHours(2))).isEqualTo("2h0m0s");
    assertThat(GoDurationText.of(Duration.ofMinutes(20))).isEqualTo("20m0s");
    assertThat(GoDurationText.of(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(GoDurationText.of(Duration.ofSeconds(15))).isEqualTo("15s");
    assertThat(GoDurationText.of(Duration.ofMillis(1500))).isEqualTo("1.5s");
    assertThat(GoDurationText.of(Duration.ofMillis(500))).isEqualTo("500ms");
  }
}
