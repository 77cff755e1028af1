package rapport.generate.world;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneRules;

/**
 * The world's time axis. Days are epoch days in the world's zone; events are epoch seconds. The
 * world starts {@code historyYears} before the as-of date and runs to one year after it, so that
 * the truth holds a year of future orders.
 */
public final class WorldClock {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

  private final ZoneId zone;
  private final ZoneRules rules;
  private final long asOfDay;
  private final long startDay;
  private final long endDay;
  private final long asOfSecond;
  private final long futureEndSecond;

  public WorldClock(ZoneId zone, LocalDate asOf, int historyYears) {
    this.zone = zone;
    this.rules = zone.getRules();
    this.asOfDay = asOf.toEpochDay();
    this.startDay = asOf.minusYears(historyYears).toEpochDay();
    this.endDay = asOf.plusDays(365).toEpochDay();
    this.asOfSecond = asOf.atStartOfDay(zone).toEpochSecond();
    this.futureEndSecond = asOfSecond + 365L * 86_400;
  }

  public ZoneId zone() {
    return zone;
  }

  /** First day of the world. */
  public long startDay() {
    return startDay;
  }

  public long asOfDay() {
    return asOfDay;
  }

  /** One year after the as-of date: the end of the truth horizon. */
  public long endDay() {
    return endDay;
  }

  /** The as-of instant T (00:00 local on the as-of date): inputs hold events strictly before. */
  public long asOfSecond() {
    return asOfSecond;
  }

  /** T + 365 days: future orders are those in (T, T + 365 days]. */
  public long futureEndSecond() {
    return futureEndSecond;
  }

  /** The epoch second of a local day and second of day. */
  public long at(long epochDay, int secondOfDay) {
    return LocalDate.ofEpochDay(epochDay)
        .atTime(LocalTime.ofSecondOfDay(secondOfDay))
        .atZone(zone)
        .toEpochSecond();
  }

  public long dayOf(long epochSecond) {
    int offset = rules.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
    return Math.floorDiv(epochSecond + offset, 86_400L);
  }

  /**
   * ISO-8601 with the zone's offset, {@code 2026-03-14T09:12:00+01:00}. Written by hand because it
   * is called for every row of a world of millions; {@link #TIMESTAMP} spells the same.
   */
  public String timestamp(long epochSecond) {
    int offset = rules.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
    LocalDateTime t =
        LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.ofTotalSeconds(offset));
    StringBuilder b = new StringBuilder(25);
    int year = t.getYear();
    if (year < 1000 || year > 9999) {
      return TIMESTAMP.format(Instant.ofEpochSecond(epochSecond).atZone(zone));
    }
    b.append(year).append('-');
    two(b, t.getMonthValue()).append('-');
    two(b, t.getDayOfMonth()).append('T');
    two(b, t.getHour()).append(':');
    two(b, t.getMinute()).append(':');
    two(b, t.getSecond());
    int abs = Math.abs(offset);
    b.append(offset < 0 ? '-' : '+');
    two(b, abs / 3600).append(':');
    return two(b, abs / 60 % 60).toString();
  }

  private static StringBuilder two(StringBuilder b, int v) {
    return b.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }

  public static String date(long epochDay) {
    return LocalDate.ofEpochDay(epochDay).toString();
  }
}
