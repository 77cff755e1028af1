package rapport.retention;

import static org.apache.spark.sql.functions.*;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import rapport.domain.RetentionLabels;
import rapport.schema.Columns;

/**
 * Who the Cox model follows, from when, until when: one spell per customer in the study window [S,
 * T) of epoch days, as columns customer_id, origin_day (customer_since: the time scale is tenure),
 * entry_day (the first day at risk), last_day (the last day at risk) and is_event (churn on
 * last_day; otherwise censored at the end of the window).
 *
 * <p>Churn is the event the retention label counts (see {@link RetentionLabels}):
 *
 * <ul>
 *   <li>contract-based: the contract ends on closed_at;
 *   <li>purchase-based: the customer lapses, dated H days after a completed order that no other
 *       order followed within H days (the first day on which "no order in the last H days" holds).
 *       Only customers active at entry (an order within the H days up to it) are at risk, and they
 *       leave at the first lapse: a customer who comes back later is not followed again.
 * </ul>
 */
final class Spells {
  private Spells() {}

  static final String ORIGIN = "origin_day";
  static final String ENTRY = "entry_day";
  static final String LAST = "last_day";
  static final String IS_EVENT = "is_event";

  /**
   * @param customers the customers table (customer_id unique)
   * @param windowStart S
   * @param asOf T: every input event is before it
   */
  static Dataset<Row> contract(Dataset<Row> customers, long windowStart, long asOf) {
    Column since = DayEvents.dayOfDate(col(Columns.CUSTOMER_SINCE));
    Column closed = DayEvents.dayOfDate(col(Columns.CLOSED_AT));
    Column churned = closed.isNotNull().and(closed.lt(asOf));
    return customers
        .filter(since.lt(asOf))
        .filter(closed.isNull().or(closed.geq(windowStart)))
        .select(
            col(Columns.CUSTOMER_ID),
            since.as(ORIGIN),
            greatest(since, lit(windowStart)).as(ENTRY),
            when(churned, closed).otherwise(lit(asOf - 1)).as(LAST),
            churned.as(IS_EVENT))
        .filter(col(ENTRY).leq(col(LAST)));
  }

  /**
   * @param customers the customers table (customer_id unique)
   * @param orders completed orders: customer_id, day (see {@link DayEvents#completedOrders})
   * @param horizonDays H
   */
  static Dataset<Row> purchase(
      Dataset<Row> customers, Dataset<Row> orders, long windowStart, long asOf, int horizonDays) {
    WindowSpec byDay = Window.partitionBy(Columns.CUSTOMER_ID).orderBy(DayEvents.DAY);
    Column day = col(DayEvents.DAY);
    Dataset<Row> days =
        orders
            .filter(day.lt(asOf))
            .select(Columns.CUSTOMER_ID, DayEvents.DAY)
            .distinct()
            .withColumn("_next", lead(day, 1).over(byDay))
            .withColumn(
                "_entry",
                greatest(min(day).over(Window.partitionBy(Columns.CUSTOMER_ID)), lit(windowStart)));
    Column entry = col("_entry");
    // an order whose H days pass without another one: its customer lapses on day + H
    Column endsASpell = col("_next").isNull().or(col("_next").gt(day.plus(horizonDays)));
    Dataset<Row> perCustomer =
        days.groupBy(Columns.CUSTOMER_ID, "_entry")
            .agg(
                max(when(day.leq(entry).and(day.plus(horizonDays).geq(entry)), lit(true)))
                    .as("_active"),
                min(when(endsASpell.and(day.plus(horizonDays).geq(entry)), day)).as("_spell_end"))
            .filter(col("_active"));
    Column lapse = col("_spell_end").plus(horizonDays);
    Column lapsed = lapse.lt(asOf);
    Dataset<Row> keyed =
        customers.select(
            col(Columns.CUSTOMER_ID), DayEvents.dayOfDate(col(Columns.CUSTOMER_SINCE)).as(ORIGIN));
    return perCustomer
        .join(keyed, new String[] {Columns.CUSTOMER_ID}, "inner")
        .select(
            col(Columns.CUSTOMER_ID),
            // an order before customer_since (a data quirk) moves the origin back to it
            least(col(ORIGIN), entry).as(ORIGIN),
            entry.as(ENTRY),
            when(lapsed, lapse).otherwise(lit(asOf - 1)).as(LAST),
            lapsed.as(IS_EVENT));
  }
}
