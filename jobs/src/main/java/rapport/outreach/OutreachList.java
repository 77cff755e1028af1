package rapport.outreach;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import rapport.schema.Columns;
import rapport.schema.Outreach;
import rapport.schema.Scores;

/**
 * The candidates on the driver: their occasion in words, their due date, and the ranks of the rows
 * sent to reps (1..n by priority, then value at risk, then id).
 */
final class OutreachList {
  private OutreachList() {}

  /** The code added to reason_codes when a customer changes rep. */
  static final String HANDOFF = "HANDOFF";

  static final Comparator<OutreachRow> BY_PRIORITY =
      Comparator.comparingDouble(OutreachRow::priority)
          .reversed()
          .thenComparing(Comparator.comparingDouble(OutreachRow::expectedValueAtRisk).reversed())
          .thenComparing(OutreachRow::customerId);

  /** Builds the rows from the enriched candidates (see {@link OutreachStage}) and ranks them. */
  static List<OutreachRow> of(
      List<Row> enriched, LocalDate asOf, java.time.ZoneId zone, OutreachSettings s) {
    List<OutreachRow> rows = new ArrayList<>();
    for (Row r : enriched) {
      rows.add(row(r, asOf, zone, s));
    }
    rows.sort(BY_PRIORITY);
    List<OutreachRow> ranked = new ArrayList<>(rows.size());
    int rank = 0;
    for (OutreachRow r : rows) {
      ranked.add(r.isHoldout() ? r : r.withRank(++rank));
    }
    return ranked;
  }

  private static OutreachRow row(Row r, LocalDate asOf, java.time.ZoneId zone, OutreachSettings s) {
    List<String> parts = new ArrayList<>();
    List<LocalDate> dates = new ArrayList<>();
    String concern = r.getAs(Occasions.CONCERN);
    if (concern != null) {
      java.sql.Timestamp at = r.getAs(Occasions.CONCERN_AT);
      parts.add(
          "open concern: "
              + concern
              + " (since "
              + at.toInstant().atZone(zone).toLocalDate()
              + ")");
      dates.add(asOf.plusDays(s.concernDueDays()));
    }
    java.sql.Date birthday = r.getAs(Occasions.BIRTHDAY_DATE);
    if (birthday != null) {
      boolean own = r.getAs(Occasions.BIRTHDAY_IS_OWN);
      LocalDate d = birthday.toLocalDate();
      parts.add((own ? "birthday on " : "birthday in the household on ") + d);
      dates.add(d);
    }
    java.sql.Date anniversary = r.getAs(Occasions.ANNIVERSARY_DATE);
    if (anniversary != null) {
      int years = r.getAs(Occasions.ANNIVERSARY_YEARS);
      LocalDate d = anniversary.toLocalDate();
      parts.add(ordinal(years) + " purchase anniversary on " + d);
      dates.add(d);
    }
    LocalDate due =
        dates.stream().min(Comparator.naturalOrder()).orElse(asOf.plusDays(s.dueDays()));
    List<String> reasons = new ArrayList<>(r.getList(r.fieldIndex(Scores.REASON_CODES)));
    boolean handoff = r.getAs(Outreach.IS_HANDOFF);
    if (handoff && !reasons.contains(HANDOFF)) {
      reasons.add(HANDOFF);
    }
    return new OutreachRow(
        asOf,
        null,
        r.getAs(Columns.CUSTOMER_ID),
        r.getAs(Outreach.REP_ID),
        r.getAs(Columns.OWNER_REP_ID),
        handoff,
        r.getAs(Outreach.IS_HOLDOUT),
        r.getAs(Outreach.PRIORITY),
        r.getAs(Outreach.EXPECTED_VALUE_AT_RISK),
        r.getAs(Outreach.TOUCH_EFFECT),
        r.getAs(Scores.RETENTION_PROBABILITY),
        r.getAs(Scores.EXPECTED_VALUE),
        r.getAs(Scores.RELATIONSHIP_SCORE),
        List.copyOf(reasons),
        parts.isEmpty() ? null : String.join("; ", parts),
        r.getAs(Outreach.TALKING_POINTS),
        due,
        concern != null,
        r.getAs(Columns.EMAIL),
        r.getAs(OutreachCandidates.REP_EMAIL));
  }

  /** The row as {@code tables/outreach} stores it ({@link Outreach#SCHEMA}). */
  static Row toTableRow(OutreachRow o) {
    return RowFactory.create(
        java.sql.Date.valueOf(o.asOf()),
        o.rank(),
        o.customerId(),
        o.repId(),
        o.ownerRepId(),
        o.isHandoff(),
        o.isHoldout(),
        o.priority(),
        o.expectedValueAtRisk(),
        o.touchEffect(),
        o.retentionProbability(),
        o.expectedValue(),
        o.relationshipScore(),
        o.reasonCodes(),
        o.occasion(),
        o.talkingPoints(),
        java.sql.Date.valueOf(o.dueDate()));
  }

  static String ordinal(int n) {
    int mod100 = n % 100;
    String suffix =
        mod100 >= 11 && mod100 <= 13
            ? "th"
            : switch (n % 10) {
              case 1 -> "st";
              case 2 -> "nd";
              case 3 -> "rd";
              default -> "th";
            };
    return n + suffix;
  }
}
