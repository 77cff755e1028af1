package rapport.retention;

import static org.apache.spark.sql.functions.*;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import rapport.domain.RetentionLabels;
import rapport.schema.Columns;
import rapport.schema.ReportInputs;

/**
 * The observed-retention view: the population of {@link RetentionLabels} at the cut-off c = T − H
 * (the last cut-off whose outcome window [c, T) has fully happened), its touch mix before c, and
 * the time from c to the event that decides its label, followed until T:
 *
 * <ul>
 *   <li>contract-based: days from c to the contract end (closed_at), so S(t) is the share still
 *       under contract;
 *   <li>purchase-based: days from c to the next completed order, so S(t) is the share that has not
 *       ordered again, and 1 − S(H) is the retention rate.
 * </ul>
 *
 * A duration counts the event day (an event on day c is 1 day); a customer without the event is
 * censored at H. The clock starts at c, not at the last order, because the segment is only known at
 * c: starting earlier would credit the segment with days its customers were certain to survive.
 */
final class Landmark {
  private Landmark() {}

  static final String TOUCH_MIX = ReportInputs.TOUCH_MIX;
  static final String DURATION = "duration_days";
  static final String HAS_EVENT = "has_event";

  static final String NONE = ReportInputs.MIX_NONE;
  static final String AUTOMATED_ONLY = ReportInputs.MIX_AUTOMATED_ONLY;
  static final String PERSONAL_ONLY = ReportInputs.MIX_PERSONAL_ONLY;
  static final String BOTH = ReportInputs.MIX_BOTH;
  static final List<String> MIXES = List.of(NONE, AUTOMATED_ONLY, PERSONAL_ONLY, BOTH);

  /**
   * customer_id, touch_mix for every customer of the population, from the touches of the {@code
   * days} days before the cut-off.
   */
  static Dataset<Row> touchMix(
      Dataset<Row> population,
      Dataset<Row> personal,
      Dataset<Row> automated,
      long cutoffDay,
      int days) {
    Column inWindow =
        col(DayEvents.DAY).geq(cutoffDay - days).and(col(DayEvents.DAY).lt(cutoffDay));
    // one aggregation for both kinds: whether the customer had any touch of each in the window
    Dataset<Row> flags =
        personal
            .filter(inWindow)
            .select(col(Columns.CUSTOMER_ID), lit(true).as("_p"), lit(false).as("_a"))
            .unionAll(
                automated
                    .filter(inWindow)
                    .select(col(Columns.CUSTOMER_ID), lit(false).as("_p"), lit(true).as("_a")))
            .groupBy(Columns.CUSTOMER_ID)
            .agg(max("_p").as("_p"), max("_a").as("_a"));
    Column hasP = coalesce(col("_p"), lit(false));
    Column hasA = coalesce(col("_a"), lit(false));
    return population
        .select(Columns.CUSTOMER_ID)
        .join(flags, new String[] {Columns.CUSTOMER_ID}, "left_outer")
        .select(
            col(Columns.CUSTOMER_ID),
            when(hasP.and(hasA), BOTH)
                .when(hasP, PERSONAL_ONLY)
                .when(hasA, AUTOMATED_ONLY)
                .otherwise(NONE)
                .as(TOUCH_MIX));
  }

  /**
   * customer_id, is_retained, duration_days, has_event for the labelled population.
   *
   * @param labels the output of {@link RetentionLabels#at} at c
   * @param orders completed orders (see {@link DayEvents#completedOrders})
   */
  static Dataset<Row> outcomes(
      Dataset<Row> labels,
      Dataset<Row> customers,
      Dataset<Row> orders,
      long cutoffDay,
      long asOfDay,
      boolean contractBased) {
    Dataset<Row> eventDay;
    if (contractBased) {
      Column closed = DayEvents.dayOfDate(col(Columns.CLOSED_AT));
      eventDay =
          customers
              .filter(closed.geq(cutoffDay).and(closed.lt(asOfDay)))
              .select(col(Columns.CUSTOMER_ID), closed.as("_event_day"));
    } else {
      eventDay =
          orders
              .filter(col(DayEvents.DAY).geq(cutoffDay).and(col(DayEvents.DAY).lt(asOfDay)))
              .groupBy(Columns.CUSTOMER_ID)
              .agg(min(DayEvents.DAY).as("_event_day"));
    }
    Column has = col("_event_day").isNotNull();
    return labels
        .select(Columns.CUSTOMER_ID, RetentionLabels.IS_RETAINED)
        .join(eventDay, new String[] {Columns.CUSTOMER_ID}, "left_outer")
        .select(
            col(Columns.CUSTOMER_ID),
            col(RetentionLabels.IS_RETAINED),
            when(has, col("_event_day").minus(cutoffDay).plus(1))
                .otherwise(lit(asOfDay - cutoffDay))
                .cast("double")
                .as(DURATION),
            has.as(HAS_EVENT));
  }
}
