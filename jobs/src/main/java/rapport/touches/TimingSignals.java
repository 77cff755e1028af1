package rapport.touches;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import java.time.ZoneId;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import rapport.schema.Columns;

/**
 * Signals from when things happened: how many customers an author touched in the same minute, how
 * soon an outbound message followed the customer's inbound one on the same channel (auto-replies),
 * whether the customer answered within days (replies), and how soon a touch followed the customer's
 * order (receipts, pickup conversations). The customer's timeline is one window partitioned by
 * customer, with the orders woven in, so it costs one shuffle.
 */
final class TimingSignals {
  private TimingSignals() {}

  static final String AUTHOR_MINUTE_CUSTOMERS = "author_minute_customers";
  static final String MINUTES_AFTER_INBOUND = "minutes_after_inbound";
  static final String MINUTES_AFTER_ORDER = "minutes_after_order";
  static final String REPLIED = "replied";

  /** The row's time is midnight local time: an export with dates only (ActivityDate). */
  static final String DATE_ONLY = "date_only";

  private static final String IS_ORDER = "is_order";
  private static final String MINUTE = "minute";

  /**
   * True when the interaction's time is exactly midnight in the zone: a date without a time. Its
   * minute says nothing (every row of the day shares it), so minute-level signals are not read.
   */
  static Column dateOnly(ZoneId zone) {
    Column local = from_utc_timestamp(col(Columns.OCCURRED_AT), zone.getId());
    return coalesce(date_trunc("day", local).equalTo(local), lit(false));
  }

  static Dataset<Row> withAuthorMinutes(Dataset<Row> m) {
    Column outbound = col(Columns.DIRECTION).equalTo("outbound").and(not(col(DATE_ONLY)));
    // a window over the author's minute instead of an aggregate of the sends joined back
    Column customers =
        size(collect_set(when(outbound, col(Columns.CUSTOMER_ID)))
                .over(Window.partitionBy(TemplateSignals.AUTHOR_KEY, MINUTE)))
            .cast(DataTypes.LongType);
    return m.withColumn(MINUTE, date_trunc("minute", col(Columns.OCCURRED_AT)))
        .withColumn(AUTHOR_MINUTE_CUSTOMERS, when(outbound, customers).otherwise(lit(0L)))
        .drop(MINUTE);
  }

  /**
   * @param orders the customer's orders (customer_id, ordered_at); cancelled ones are left out
   */
  static Dataset<Row> withTimeline(Dataset<Row> m, Dataset<Row> orders, TouchSettings s) {
    Dataset<Row> events = m.withColumn(IS_ORDER, lit(false));
    Dataset<Row> orderRows =
        orders
            .filter(coalesce(col(Columns.STATUS), lit("completed")).notEqual("cancelled"))
            .select(col(Columns.CUSTOMER_ID), col(Columns.ORDERED_AT).as(Columns.OCCURRED_AT))
            .withColumn(IS_ORDER, lit(true));
    Dataset<Row> all = events.unionByName(orderRows, true);

    Column t = unix_micros(col(Columns.OCCURRED_AT));
    Column inbound = col(Columns.DIRECTION).equalTo("inbound");
    WindowSpec byCustomer =
        Window.partitionBy(Columns.CUSTOMER_ID)
            .orderBy(col(Columns.OCCURRED_AT), col(IS_ORDER).desc(), col(Columns.INTERACTION_ID));
    WindowSpec byChannel =
        Window.partitionBy(Columns.CUSTOMER_ID, Columns.CHANNEL)
            .orderBy(col(Columns.OCCURRED_AT), col(Columns.INTERACTION_ID));
    Column lastOrder =
        max(when(col(IS_ORDER), t))
            .over(byCustomer.rowsBetween(Window.unboundedPreceding(), Window.currentRow()));
    Column lastInbound =
        max(when(inbound, t)).over(byChannel.rowsBetween(Window.unboundedPreceding(), -1));
    Column nextInbound =
        min(when(inbound, t)).over(byChannel.rowsBetween(1, Window.unboundedFollowing()));
    Column outbound = col(Columns.DIRECTION).equalTo("outbound");
    Column timed = not(coalesce(col(DATE_ONLY), lit(false)));
    return all.withColumn(MINUTES_AFTER_ORDER, minutes(t.minus(lastOrder)))
        .filter(col(IS_ORDER).equalTo(false))
        .withColumn(MINUTES_AFTER_ORDER, when(timed, col(MINUTES_AFTER_ORDER)))
        .withColumn(MINUTES_AFTER_INBOUND, when(outbound.and(timed), minutes(t.minus(lastInbound))))
        .withColumn(
            REPLIED,
            outbound.and(
                coalesce(
                    nextInbound.minus(t).leq(lit(s.replyDays() * 86_400_000_000L)), lit(false))))
        .drop(IS_ORDER);
  }

  private static Column minutes(Column micros) {
    return micros.cast(DataTypes.DoubleType).divide(60_000_000.0);
  }
}
