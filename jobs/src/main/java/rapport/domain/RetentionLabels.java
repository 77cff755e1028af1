package rapport.domain;

import static org.apache.spark.sql.functions.*;

import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import rapport.schema.Columns;

/**
 * Who was retained over the horizon, for any cut-off date t (T for the outcome, T−H for the
 * backtest). One definition serves scores, the retention stage and the report.
 *
 * <p>Time is cut at the start of day t in the configured zone: history is every day before t, the
 * outcome window the H days from t on ([t, t+H) in days, SPEC's (T, T+H] in instants), so no order
 * falls between the two.
 *
 * <p>The population at t: customers who joined before t and had not closed their contract by t.
 * Purchase-based (default): retained when they complete an order in (t, t+H]; customers with no
 * completed order before t are left out, since there was nothing to retain yet. Contract-based
 * (when any customer has {@code closed_at}): retained when the contract is not closed by t+H.
 */
public final class RetentionLabels {
  private RetentionLabels() {}

  public static final String IS_RETAINED = "is_retained";
  public static final String BASIS = "label_basis";
  public static final String PURCHASE = "purchase";
  public static final String CONTRACT = "contract";

  /**
   * @param customers the customers table
   * @param orders the orders table
   * @param cutoff t: events strictly before t are history, (t, t+H] is the outcome window
   * @param horizonDays H
   * @param zone the zone that dates are cut in
   * @param contractBased whether retention is read from closed_at instead of purchases
   * @return customer_id, is_retained, label_basis for the population at t
   */
  public static Dataset<Row> at(
      Dataset<Row> customers,
      Dataset<Row> orders,
      LocalDate cutoff,
      int horizonDays,
      String zone,
      boolean contractBased) {
    Column t = lit(java.sql.Date.valueOf(cutoff));
    Column end = lit(java.sql.Date.valueOf(cutoff.plusDays(horizonDays)));
    Column orderDay = to_date(from_utc_timestamp(col(Columns.ORDERED_AT), zone));
    Dataset<Row> completed =
        orders.filter(col(Columns.STATUS).equalTo("completed")).withColumn("_day", orderDay);
    Dataset<Row> population =
        customers
            .filter(col(Columns.CUSTOMER_SINCE).lt(t))
            .filter(col(Columns.CLOSED_AT).isNull().or(col(Columns.CLOSED_AT).geq(t)))
            .select(col(Columns.CUSTOMER_ID), col(Columns.CLOSED_AT));
    if (contractBased) {
      return population.select(
          col(Columns.CUSTOMER_ID),
          col(Columns.CLOSED_AT).isNull().or(col(Columns.CLOSED_AT).geq(end)).as(IS_RETAINED),
          lit(CONTRACT).as(BASIS));
    }
    Dataset<Row> history =
        completed.filter(col("_day").lt(t)).select(col(Columns.CUSTOMER_ID)).distinct();
    Dataset<Row> future =
        completed
            .filter(col("_day").geq(t).and(col("_day").lt(end)))
            .select(col(Columns.CUSTOMER_ID).as("_future_id"))
            .distinct();
    Dataset<Row> active = population.join(history, Columns.CUSTOMER_ID, "left_semi");
    return active
        .join(
            future, active.col(Columns.CUSTOMER_ID).equalTo(future.col("_future_id")), "left_outer")
        .select(
            col(Columns.CUSTOMER_ID),
            col("_future_id").isNotNull().as(IS_RETAINED),
            lit(PURCHASE).as(BASIS));
  }

  /** Whether the customers table carries contract ends, which makes retention contract-based. */
  public static boolean hasContracts(Dataset<Row> customers) {
    return !customers.filter(col(Columns.CLOSED_AT).isNotNull()).isEmpty();
  }
}
