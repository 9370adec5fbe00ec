package dev.snoop.ci.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** Go's regular expressions, durations and robfig/cron schedules, as Prow reads them. */
class GoSyntaxTest {
  @Test
  void regularExpressionsSearchWithGosMeaning() {
    assertThat(GoRegex.search(GoRegex.compile("^master"), "master-2")).isTrue();
    assertThat(GoRegex.search(GoRegex.compile("docs/"), "site/docs/a.md")).isTrue();
    assertThat(GoRegex.search(GoRegex.compile("(?P<x>a)b"), "ab")).isTrue();
    assertThat(GoRegex.search(GoRegex.compile("^[[:digit:]]+$"), "123")).isTrue();
    assertThat(GoRegex.search(GoRegex.compile("^[[:^digit:]]+$"), "123")).isFalse();
    // Go's . matches \r, Java's does not without UNIX_LINES
    assertThat(GoRegex.search(GoRegex.compile("^a.b$"), "a\rb")).isTrue();
    assertThatThrownBy(() -> GoRegex.compile("a(?=b)")).hasMessageContaining("not Go");
    assertThatThrownBy(() -> GoRegex.compile("(a)\\1")).hasMessageContaining("not Go");
    assertThatThrownBy(() -> GoRegex.compile("a++")).hasMessageContaining("not Go");
    assertThatThrownBy(() -> GoRegex.compile("(?U)a+")).hasMessageContaining("(?U)");
    assertThat(GoRegex.search(GoRegex.compile("\\\\1"), "\\1")).isTrue();
  }

  @Test
  void theDefaultTriggerMatchesTestCommandsNamingTheJob() {
    var trigger = GoRegex.compile(JobDefaulter.defaultTrigger("pull-unit"));
    assertThat(GoRegex.search(trigger, "/test pull-unit")).isTrue();
    assertThat(GoRegex.search(trigger, "lgtm\n/test pull-lint pull-unit\n")).isTrue();
    assertThat(GoRegex.search(trigger, "/test pull-unit, pull-lint")).isTrue();
    assertThat(GoRegex.search(trigger, "/test pull-unit-2")).isFalse();
    assertThat(GoRegex.search(trigger, "please /test pull-unit")).isFalse();
  }

  @Test
  void goDurations() {
    assertThat(GoDuration.parse("3h0m0s")).isEqualTo(Duration.ofHours(3));
    assertThat(GoDuration.parse("150m")).isEqualTo(Duration.ofMinutes(150));
    assertThat(GoDuration.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
    assertThat(GoDuration.parse("1h30m15s")).isEqualTo(Duration.ofSeconds(5415));
    assertThat(GoDuration.parse("300ms")).isEqualTo(Duration.ofMillis(300));
    assertThat(GoDuration.parse("0")).isEqualTo(Duration.ZERO);
    assertThat(GoDuration.parse("-2m")).isEqualTo(Duration.ofMinutes(-2));
    for (String bad : new String[] {"", "1d", "h", "1 h", "5", "1h-5m", "."}) {
      assertThatThrownBy(() -> GoDuration.parse(bad))
          .as(bad)
          .hasMessageContaining("invalid duration");
    }
  }

  @Test
  void cronSchedulesAsRobfigCronReadsThem() {
    ZonedDateTime t = ZonedDateTime.of(2026, 12, 4, 10, 7, 0, 0, ZoneOffset.UTC);
    assertThat(CronSchedule.parse("0 1/3 * * *").nextAfter(t))
        .isEqualTo(t.withHour(13).withMinute(0));
    assertThat(CronSchedule.parse("15 14-20/5 * * 1-5").nextAfter(t))
        .isEqualTo(t.withHour(14).withMinute(15));
    assertThat(CronSchedule.parse("*/5 * * * *").nextAfter(t)).isEqualTo(t.withMinute(10));
    assertThat(CronSchedule.parse("30 0 12 * * ?").nextAfter(t))
        .isEqualTo(t.withHour(12).withMinute(0).withSecond(30));
    assertThat(CronSchedule.parse("@daily").nextAfter(t))
        .isEqualTo(t.plusDays(1).withHour(0).withMinute(0));
    assertThat(CronSchedule.parse("@every 90m").nextAfter(t)).isEqualTo(t.plusMinutes(90));
    assertThat(CronSchedule.parse("0 9 * * sun").nextAfter(t).getDayOfWeek().getValue())
        .isEqualTo(7);
    assertThat(CronSchedule.parse("0 9 * jan 0").nextAfter(t).getMonthValue()).isEqualTo(1);
    assertThat(CronSchedule.parse("CRON_TZ=Europe/Berlin 0 9 * * *").nextAfter(t).getHour())
        .isEqualTo(9);
    for (String bad :
        new String[] {
          "61 * * * *", "* * *", "@fortnightly", "0 0 L * *", "TZ=Mars/Base 0 0 * * *"
        }) {
      assertThatThrownBy(() -> CronSchedule.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
