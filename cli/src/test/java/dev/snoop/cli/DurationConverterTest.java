package dev.snoop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** The bot's --sweep-interval reads durations as --max-age does, and only positive ones. */
class DurationConverterTest {
  private final BotOptions.DurationConverter converter = new BotOptions.DurationConverter();

  @Test
  void takesTheFormsEveryDurationOptionTakes() {
    assertThat(converter.convert("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(converter.convert("2d")).isEqualTo(Duration.ofDays(2));
    assertThat(converter.convert("PT15M")).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void refusesAZeroInterval() {
    assertThatThrownBy(() -> converter.convert("0s"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("positive");
  }
}
