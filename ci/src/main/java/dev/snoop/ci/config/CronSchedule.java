package dev.snoop.ci.config;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A periodic's {@code cron}, read as Prow reads it (robfig/cron with an optional seconds field and
 * descriptors): five fields, or six with seconds first; {@code ?} for "any" in day of month or
 * week; names of months and days; {@code @hourly} to {@code @yearly} and {@code @every 1h}; an
 * optional {@code CRON_TZ=} or {@code TZ=} zone, else UTC. Parsing and firing times come from
 * cron-utils.
 */
public final class CronSchedule {
  private static final CronParser FIVE_FIELDS = new CronParser(definition(false));
  private static final CronParser SIX_FIELDS = new CronParser(definition(true));
  private static final Map<String, String> DESCRIPTORS =
      Map.of(
          "@yearly", "0 0 1 1 *",
          "@annually", "0 0 1 1 *",
          "@monthly", "0 0 1 * *",
          "@weekly", "0 0 * * 0",
          "@daily", "0 0 * * *",
          "@midnight", "0 0 * * *",
          "@hourly", "0 * * * *");

  private final String text;
  private final ZoneId zone;
  private final Optional<Cron> cron;
  private final Optional<Duration> every;

  private CronSchedule(String text, ZoneId zone, Optional<Cron> cron, Optional<Duration> every) {
    this.text = text;
    this.zone = zone;
    this.cron = cron;
    this.every = every;
  }

  /**
   * The schedule {@code text} describes.
   *
   * @throws IllegalArgumentException when Prow would refuse it, with the reason
   */
  public static CronSchedule parse(String text) {
    String spec = text.trim();
    ZoneId zone = ZoneOffset.UTC;
    if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
      int space = spec.indexOf(' ');
      String name = spec.substring(spec.indexOf('=') + 1, space < 0 ? spec.length() : space);
      try {
        zone = ZoneId.of(name);
      } catch (DateTimeException e) {
        throw new IllegalArgumentException("unknown time zone " + name, e);
      }
      spec = space < 0 ? "" : spec.substring(space + 1).trim();
    }
    if (spec.startsWith("@every ")) {
      Duration every = GoDuration.parse(spec.substring("@every ".length()).trim());
      if (every.compareTo(Duration.ofSeconds(1)) < 0) {
        every = Duration.ofSeconds(1); // robfig/cron runs at most once a second
      }
      return new CronSchedule(text, zone, Optional.empty(), Optional.of(every));
    }
    if (spec.startsWith("@")) {
      String expanded = DESCRIPTORS.get(spec.toLowerCase(Locale.ROOT));
      if (expanded == null) {
        throw new IllegalArgumentException("unrecognized descriptor " + spec);
      }
      spec = expanded;
    }
    String[] fields = spec.isEmpty() ? new String[0] : spec.split("\\s+");
    if (fields.length != 5 && fields.length != 6) {
      throw new IllegalArgumentException(
          "expected 5 or 6 fields, found " + fields.length + ": " + spec);
    }
    String upper = String.join(" ", fields).toUpperCase(Locale.ROOT);
    CronParser parser = fields.length == 6 ? SIX_FIELDS : FIVE_FIELDS;
    return new CronSchedule(text, zone, Optional.of(parser.parse(upper)), Optional.empty());
  }

  /** The first firing strictly after {@code time}. */
  public ZonedDateTime nextAfter(ZonedDateTime time) {
    if (every.isPresent()) {
      return time.plus(every.get());
    }
    return ExecutionTime.forCron(cron.orElseThrow())
        .nextExecution(time.withZoneSameInstant(zone))
        .orElseThrow(() -> new IllegalStateException("cron " + text + " never fires"));
  }

  @Override
  public String toString() {
    return text;
  }

  private static CronDefinition definition(boolean seconds) {
    var builder = CronDefinitionBuilder.defineCron();
    if (seconds) {
      builder = builder.withSeconds().and();
    }
    return builder
        .withMinutes()
        .and()
        .withHours()
        .and()
        .withDayOfMonth()
        .supportsQuestionMark()
        .and()
        .withMonth()
        .and()
        .withDayOfWeek()
        .withValidRange(0, 7)
        .withMondayDoWValue(1)
        .withIntMapping(7, 0)
        .supportsQuestionMark()
        .and()
        .instance();
  }
}
