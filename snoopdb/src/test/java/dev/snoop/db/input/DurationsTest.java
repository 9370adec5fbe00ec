package dev.snoop.db.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
  @ParameterizedTest
  @CsvSource({
    "48h, PT48H",
    "2d, PT48H",
    "1h30m, PT1H30M",
    "' 1H30M ', PT1H30M",
    "1d2h3m4s, PT26H3M4S",
    "90m, PT1H30M",
    "45s, PT45S",
    "0s, PT0S",
    "PT48H, PT48H",
    "pt1h30m, PT1H30M"
  })
  void readsWhatPeopleWrite(String text, String iso) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.parse(iso));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "h", "48", "1h30", "30x", "-1h", "1.5h", "h1", "PT-1H", "P"})
  void refusesWhatIsNoDuration(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("\"" + text + "\" is not a duration");
  }

  @ParameterizedTest
  @CsvSource({"PT52H, 2d 4h", "PT48H, 2d", "PT3H12M5S, 3h 12m", "PT40S, 40s", "PT0S, 0s"})
  void formatsInItsTwoLargestUnits(String iso, String text) {
    assertThat(Durations.format(Duration.parse(iso))).isEqualTo(text);
  }
}
