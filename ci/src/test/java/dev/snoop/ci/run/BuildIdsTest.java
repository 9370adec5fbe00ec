package dev.snoop.ci.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BuildIdsTest {
  @Test
  void idsGrowAndKeepTheirTimeAndNode() {
    Instant when = Instant.parse("2020-07-20T20:34:01.123Z");
    BuildIds ids = new BuildIds(Clock.fixed(when, ZoneOffset.UTC), 5);
    long first = ids.next();
    long second = ids.next();
    assertThat(second).isGreaterThan(first);
    assertThat(BuildIds.millisOf(first)).isEqualTo(when.toEpochMilli());
    assertThat((first >> 12) & 1023).isEqualTo(5);
    // a real Prow build id of that year has the same magnitude (19 digits)
    assertThat(Long.toUnsignedString(first)).hasSize("1285170349011324928".length());
  }

  @Test
  void moreThanOneMillisecondsWorthStillGrows() {
    BuildIds ids =
        new BuildIds(Clock.fixed(Instant.EPOCH.plusSeconds(1_600_000_000), ZoneOffset.UTC), 0);
    long previous = ids.next();
    for (int i = 0; i < 10_000; i++) {
      long next = ids.next();
      assertThat(next).isGreaterThan(previous);
      previous = next;
    }
  }

  @Test
  void realProwBuildIdsDecodeToTheirTime() {
    // pr-logs/pull/93714/pull-kubernetes-node-e2e/1291409525907132416/ ran on 2020-08-06
    assertThat(Instant.ofEpochMilli(BuildIds.millisOf(1291409525907132416L)).toString())
        .startsWith("2020-08-06");
  }

  @Test
  void nodeOutOfRangeIsRefused() {
    assertThatThrownBy(() -> new BuildIds(Clock.systemUTC(), 1024)).hasMessageContaining("1024");
  }
}
