package dev.snoop.ingest.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "2025-03-04T06:22:18.819232Z",
        "2025-03-04T06:22:18Z",
        "2025-03-04T06:22:18.8Z",
        "2025-03-04T06:22:18.123456789Z",
        "1970-01-01T00:00:00Z",
        "1969-12-31T23:59:59.999999Z",
        "2000-02-29T12:00:00.5+02:00",
        "2024-12-31T23:59:59.000001-05:30",
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999Z",
        "2018-10-25t13:58:49.730588z",
        "2018-10-25 13:58:49.730588Z",
      })
  void agreesWithJavaTimeToTheMicrosecond(String text) {
    OffsetDateTime time = OffsetDateTime.parse(text.replace(' ', 'T').toUpperCase());
    Instant instant = time.toInstant();
    long expected = instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    assertThat(Timestamps.micros(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "yesterday",
        "",
        "2025-03-04T06:22:18",
        "2025-03-04T06:22:18.Z",
        "2025-03-04T06:22:18.1234567890Z",
        "2025-02-29T00:00:00Z",
        "2025-13-01T00:00:00Z",
        "2025-00-01T00:00:00Z",
        "2025-04-31T00:00:00Z",
        "2025-03-04T24:00:00Z",
        "2025-03-04T06:60:00Z",
        "2025-03-04T06:22:18+0200",
        "2025-03-04T06:22:18+02:00 ",
        "2025-03-04X06:22:18Z",
        "2025-3-04T06:22:18.1Z",
        "+2025-03-04T06:22:18Z",
      })
  void rejectsWhatIsNotAnRfc3339Time(String text) {
    assertThat(Timestamps.micros(text)).isEqualTo(Timestamps.INVALID);
  }

  @Test
  void anInstanceThatRemembersTheLastSecondAgreesWithAFreshOne() {
    String[] times = {
      "2025-03-04T06:22:18.819232Z",
      "2025-03-04T06:22:18.9Z",
      "2025-03-04T06:22:18+01:00",
      "2025-03-04T06:22:18.Z",
      "2025-03-04T06:22:19Z",
      "2025-03-04T06:22:1xZ",
      "2025-03-04T06:22:19.000001Z",
    };
    Timestamps remembering = new Timestamps();
    for (String time : times) {
      assertThat(remembering.micros(time.toCharArray(), 0, time.length()))
          .as(time)
          .isEqualTo(Timestamps.micros(time));
    }
    assertThat(Timestamps.micros(times[2]) - Timestamps.micros(times[1]))
        .isEqualTo(-3_600_900_000L);
  }
}
