package rapport.retention;

import static org.apache.spark.sql.functions.*;

import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import rapport.schema.Columns;
import rapport.schema.Touches;

/**
 * The retention stage works in whole days of the configured zone, numbered as epoch days (days
 * since 1970-01-01), because every definition here (windows, churn dates, the cut-off) is a day: an
 * integer day keeps the interval arithmetic exact and lets identical person-periods compress.
 */
final class DayEvents {
  private DayEvents() {}

  static final String DAY = "day";
  static final String VALUE = "value";

  private static final Column EPOCH = lit(java.sql.Date.valueOf(LocalDate.EPOCH));

  /** The local day of a UTC instant, as an epoch day. */
  static Column dayOf(Column instant, String zone) {
    return datediff(to_date(from_utc_timestamp(instant, zone)), EPOCH);
  }

  /** A date column as an epoch day. */
  static Column dayOfDate(Column date) {
    return datediff(date, EPOCH);
  }

  /**
   * customer_id, day of every personal touch (value 1); inbound and automated ones are left out.
   */
  static Dataset<Row> personalTouches(Dataset<Row> touches, String zone) {
    return ofKind(touches, zone, Touches.PERSONAL);
  }

  /** customer_id, day of every automated touch (value 1). */
  static Dataset<Row> automatedTouches(Dataset<Row> touches, String zone) {
    return ofKind(touches, zone, Touches.AUTOMATED);
  }

  private static Dataset<Row> ofKind(Dataset<Row> touches, String zone, String kind) {
    return touches
        .filter(col(Touches.TOUCH_KIND).equalTo(kind))
        .select(
            col(Columns.CUSTOMER_ID),
            dayOf(col(Columns.OCCURRED_AT), zone).as(DAY),
            lit(1L).as(VALUE));
  }

  /**
   * customer_id, day, value = amount in cents, of every completed order. Cents keep the windowed
   * sums exact when an order enters and later leaves a window.
   */
  static Dataset<Row> completedOrders(Dataset<Row> orders, String zone) {
    return orders
        .filter(col(Columns.STATUS).equalTo("completed"))
        .select(
            col(Columns.CUSTOMER_ID),
            dayOf(col(Columns.ORDERED_AT), zone).as(DAY),
            round(col(Columns.AMOUNT).multiply(100)).cast("long").as(VALUE));
  }

  /** The same events with value 1: for counting orders rather than summing their amounts. */
  static Dataset<Row> counted(Dataset<Row> events) {
    return events.select(col(Columns.CUSTOMER_ID), col(DAY), lit(1L).as(VALUE));
  }
}
