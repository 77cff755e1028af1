package rapport.outreach;

import static org.apache.spark.sql.functions.*;

import java.time.Instant;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import rapport.schema.Columns;
import rapport.schema.Touches;

/**
 * Reasons to call now: a birthday in the household or a purchase anniversary within {@code days}
 * from T (T included), and an open concern. Each is computed for the candidates only.
 */
final class Occasions {
  private Occasions() {}

  static final String BIRTHDAY_DATE = "birthday_date";
  static final String BIRTHDAY_IS_OWN = "birthday_is_own";
  static final String ANNIVERSARY_DATE = "anniversary_date";
  static final String ANNIVERSARY_YEARS = "anniversary_years";
  static final String CONCERN = "concern";
  static final String CONCERN_AT = "concern_at";

  /**
   * The next birthday of anyone in the candidate's household (the candidate included) within the
   * window. 29 February is celebrated on 28 February in other years ({@code add_months} clamps).
   *
   * @param candidates customer_id, household_id
   * @param customers the customers table (household_id, birth_date)
   * @return customer_id, birthday_date, birthday_is_own
   */
  static Dataset<Row> birthdays(
      Dataset<Row> candidates, Dataset<Row> customers, LocalDate asOf, int days) {
    Column hh = coalesce(col(Columns.HOUSEHOLD_ID), col(Columns.CUSTOMER_ID));
    Dataset<Row> c = candidates.select(col(Columns.CUSTOMER_ID), hh.as("_hh"));
    Dataset<Row> members =
        customers
            .filter(col(Columns.BIRTH_DATE).lt(lit(java.sql.Date.valueOf(asOf))))
            .select(
                col(Columns.CUSTOMER_ID).as("_member"),
                hh.as("_mhh"),
                nextAnniversary(col(Columns.BIRTH_DATE), asOf).as("_next"));
    // one-to-many by design: a household has a handful of members
    return c.join(members, c.col("_hh").equalTo(members.col("_mhh")), "inner")
        .filter(within(col("_next"), asOf, days))
        .groupBy(col(Columns.CUSTOMER_ID))
        .agg(
            min(struct(
                    col("_next"), col(Columns.CUSTOMER_ID).notEqual(col("_member")).as("_other")))
                .as("_b"))
        .select(
            col(Columns.CUSTOMER_ID),
            col("_b._next").as(BIRTHDAY_DATE),
            not(col("_b._other")).as(BIRTHDAY_IS_OWN));
  }

  /**
   * The anniversary of the customer's first completed order before T (one year or more ago) within
   * the window.
   *
   * @return customer_id, anniversary_date, anniversary_years
   */
  static Dataset<Row> anniversaries(
      Dataset<Row> candidates, Dataset<Row> orders, LocalDate asOf, int days, String zone) {
    Column t =
        lit(java.sql.Timestamp.from(asOf.atStartOfDay(java.time.ZoneId.of(zone)).toInstant()));
    return orders
        .filter(col(Columns.STATUS).equalTo("completed").and(col(Columns.ORDERED_AT).lt(t)))
        .join(broadcast(candidates.select(Columns.CUSTOMER_ID)), Columns.CUSTOMER_ID, "left_semi")
        .groupBy(col(Columns.CUSTOMER_ID))
        .agg(min(to_date(from_utc_timestamp(col(Columns.ORDERED_AT), zone))).as("_first"))
        .withColumn(ANNIVERSARY_DATE, nextAnniversary(col("_first"), asOf))
        .withColumn(ANNIVERSARY_YEARS, year(col(ANNIVERSARY_DATE)).minus(year(col("_first"))))
        .filter(col(ANNIVERSARY_YEARS).geq(1).and(within(col(ANNIVERSARY_DATE), asOf, days)))
        .select(Columns.CUSTOMER_ID, ANNIVERSARY_DATE, ANNIVERSARY_YEARS);
  }

  /**
   * The latest concern (a {@link Vocabulary#CONCERNS} phrase) raised by the customer or sent to
   * them (an inbound note, an automated notice such as a recall) within {@code concernDays} before
   * T with no personal touch after it: nobody has talked it through with them yet.
   *
   * @param notes from {@link Notes#of}
   * @return customer_id, concern, concern_at
   */
  static Dataset<Row> openConcerns(Dataset<Row> notes, Instant before, int concernDays) {
    Column from = lit(java.sql.Timestamp.from(before.minusSeconds(86_400L * concernDays)));
    Dataset<Row> concerns =
        notes
            .filter(col(Notes.KIND).isin(Touches.AUTOMATED, Touches.INBOUND))
            .filter(col(Columns.OCCURRED_AT).geq(from))
            .withColumn("_c", Notes.matches(col(Notes.TEXT), Vocabulary.CONCERNS))
            .filter(size(col("_c")).gt(0))
            .groupBy(col(Columns.CUSTOMER_ID))
            .agg(
                max(struct(col(Columns.OCCURRED_AT), col(Columns.INTERACTION_ID), col("_c")))
                    .as("_latest"))
            .select(
                col(Columns.CUSTOMER_ID),
                col("_latest." + Columns.OCCURRED_AT).as(CONCERN_AT),
                element_at(col("_latest._c"), 1).as(CONCERN));
    Dataset<Row> lastPersonal =
        notes
            .filter(col(Notes.KIND).equalTo(Touches.PERSONAL))
            .groupBy(col(Columns.CUSTOMER_ID).as("_pid"))
            .agg(max(col(Columns.OCCURRED_AT)).as("_last_personal"));
    return concerns
        .join(
            lastPersonal,
            concerns.col(Columns.CUSTOMER_ID).equalTo(lastPersonal.col("_pid")),
            "left_outer")
        .filter(col("_last_personal").isNull().or(col("_last_personal").lt(col(CONCERN_AT))))
        .select(Columns.CUSTOMER_ID, CONCERN, CONCERN_AT);
  }

  /** The next yearly recurrence of {@code date} on or after T. */
  static Column nextAnniversary(Column date, LocalDate asOf) {
    Column t = lit(java.sql.Date.valueOf(asOf));
    Column thisYear = add_months(date, year(t).minus(year(date)).multiply(12));
    Column nextYear = add_months(date, year(t).plus(1).minus(year(date)).multiply(12));
    return when(thisYear.lt(t), nextYear).otherwise(thisYear);
  }

  private static Column within(Column date, LocalDate asOf, int days) {
    return datediff(date, lit(java.sql.Date.valueOf(asOf))).between(0, days - 1);
  }
}
