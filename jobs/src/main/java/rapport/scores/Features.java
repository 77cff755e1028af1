package rapport.scores;

import static org.apache.spark.sql.functions.*;
import static rapport.schema.Scores.*;

import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import rapport.schema.Columns;
import rapport.schema.Touches;
import rapport.spark.ExactSums;

/**
 * The point-in-time feature table: one row per customer who joined before the cut-off date t, built
 * from events strictly before t only. The same function serves the scores at T and the backtest at
 * T−H, so the model is trained and applied on features that mean the same thing.
 *
 * <p>Time is cut as {@link rapport.domain.RetentionLabels} cuts it: an event belongs to the day it
 * happened in the configured zone, and only days before t count. "Over 90 days" means the 90 days
 * before t (ages 1..90 days). Ages and "days since" are whole days from the event's day to t.
 *
 * <ul>
 *   <li>touch counts by kind over 90 and 365 days; days since the last personal touch; automated
 *       touches since the last personal one;
 *   <li>reciprocity: the share of the outbound touches of 365 days that the customer answered, an
 *       inbound touch within {@code reply_window_days} after it (and before t);
 *   <li>continuity: the main rep (most personal touches written, ever), that rep's share of the
 *       rep-written personal touches, the number of 365-day years back from t in which the main rep
 *       touched the customer personally, and the days since the main rep's last personal touch;
 *   <li>household reach: the share of the household's members (customers sharing household_id, who
 *       joined before t) personally touched in 365 days;
 *   <li>personal depth: the mean personal_score, the mean number of reasons and the mean note
 *       length (characters of the interaction's body) of the personal touches of 365 days;
 *   <li>microconnections: in-person personal touches within {@code microconnection_minutes} of a
 *       completed order of the same customer, 365 days;
 *   <li>recency (days since the last completed order), frequency (purchase days in 365 days),
 *       monetary value (completed order value in 365 days), tenure (days since customer_since), and
 *       the summaries BG/NBD and Gamma-Gamma need (purchase days ever, age of the first, mean value
 *       of the repeat purchase days).
 * </ul>
 */
public final class Features {
  private Features() {}

  private static final String DAY = "_day";
  private static final String AGE = "_age";
  private static final String TS = "_ts";
  private static final String KIND = "_kind";
  private static final String ID = "_id";
  private static final String ORDER = "order";

  /**
   * The features as of t.
   *
   * @param customers tables/customers
   * @param orders tables/orders
   * @param touches tables/touches (the classifier's output)
   * @param interactions tables/interactions for the note lengths, or null when there are none
   * @param cutoff t: only events on days before t count
   * @param zone the zone days are cut in
   * @param settings the windows (reply window, microconnection minutes)
   */
  public static Dataset<Row> at(
      Dataset<Row> customers,
      Dataset<Row> orders,
      Dataset<Row> touches,
      Dataset<Row> interactions,
      LocalDate cutoff,
      String zone,
      ScoreSettings settings) {
    Column t = lit(java.sql.Date.valueOf(cutoff));
    Dataset<Row> population =
        customers
            .filter(col(Columns.CUSTOMER_SINCE).lt(t))
            .select(
                col(Columns.CUSTOMER_ID),
                col(Columns.HOUSEHOLD_ID),
                col(Columns.OWNER_REP_ID),
                col(Columns.CUSTOMER_SINCE));
    Dataset<Row> pastTouches =
        withAge(touches, Columns.OCCURRED_AT, t, zone).filter(col(DAY).lt(t));
    Dataset<Row> pastOrders =
        withAge(orders, Columns.ORDERED_AT, t, zone)
            .filter(col(DAY).lt(t))
            .filter(col(Columns.STATUS).equalTo("completed"));

    Dataset<Row> touchFeatures = touchFeatures(pastTouches, pastOrders, t, settings);
    Dataset<Row> orderFeatures = orderFeatures(pastOrders, t);
    Dataset<Row> continuity = continuity(pastTouches, t);
    Dataset<Row> notes = noteLengths(pastTouches, interactions);

    // the four are aggregated by customer, so already partitioned by customer: merged with the
    // population, which alone is shuffled, instead of broadcast one by one (a Spark job each)
    Dataset<Row> joined =
        population
            .join(touchFeatures.hint("shuffle_merge"), Columns.CUSTOMER_ID, "left_outer")
            .join(orderFeatures.hint("shuffle_merge"), Columns.CUSTOMER_ID, "left_outer")
            .join(continuity.hint("shuffle_merge"), Columns.CUSTOMER_ID, "left_outer")
            .join(notes.hint("shuffle_merge"), Columns.CUSTOMER_ID, "left_outer");
    Dataset<Row> withHousehold = withHouseholdReach(joined);
    return withHousehold.select(
        col(Columns.CUSTOMER_ID),
        col(Columns.HOUSEHOLD_ID),
        col(Columns.OWNER_REP_ID),
        count0(PERSONAL_TOUCHES_90D),
        count0(PERSONAL_TOUCHES_365D),
        count0(AUTOMATED_TOUCHES_90D),
        count0(AUTOMATED_TOUCHES_365D),
        count0(INBOUND_TOUCHES_365D),
        col(DAYS_SINCE_PERSONAL_TOUCH),
        count0(AUTOMATED_SINCE_PERSONAL),
        count0(OUTBOUND_TOUCHES_365D),
        count0(ANSWERED_TOUCHES_365D),
        when(
                coalesce(col(OUTBOUND_TOUCHES_365D), lit(0L)).gt(0),
                col(ANSWERED_TOUCHES_365D).cast("double").divide(col(OUTBOUND_TOUCHES_365D)))
            .as(RECIPROCITY_365D),
        col(MAIN_REP_ID),
        col(MAIN_REP_SHARE),
        count0(REP_PERSONAL_TOUCHES),
        count0(MAIN_REP_YEARS),
        col(DAYS_SINCE_MAIN_REP_TOUCH),
        col(HOUSEHOLD_SIZE),
        col(HOUSEHOLD_REACH_365D),
        col(PERSONAL_SCORE_MEAN_365D),
        col(PERSONAL_REASONS_MEAN_365D),
        col(NOTE_CHARS_MEAN_365D),
        count0(MICROCONNECTIONS_365D),
        col(RECENCY_DAYS),
        count0(FREQUENCY_365D),
        coalesce(col(MONETARY_365D), lit(0.0)).as(MONETARY_365D),
        datediff(t, col(Columns.CUSTOMER_SINCE)).as(TENURE_DAYS),
        count0(PURCHASE_DAYS),
        col(FIRST_PURCHASE_DAYS),
        col(REPEAT_MEAN_VALUE));
  }

  private static Column count0(String name) {
    return coalesce(col(name), lit(0L)).cast("long").as(name);
  }

  /** Adds the event's day in the zone and its age in days before t. */
  private static Dataset<Row> withAge(Dataset<Row> df, String tsColumn, Column t, String zone) {
    return df.withColumn(DAY, to_date(from_utc_timestamp(col(tsColumn), zone)))
        .withColumn(AGE, datediff(t, col(DAY)));
  }

  private static Column within(int days) {
    return col(AGE).leq(days);
  }

  private static Column kindIs(String kind) {
    return col(KIND).equalTo(kind);
  }

  private static Column countIf(Column condition) {
    return sum(when(condition, 1L).otherwise(0L));
  }

  /**
   * Touch counts, reciprocity and microconnections from one time-ordered stream of touches and
   * orders per customer, so that "the next inbound touch" and "the nearest order" are window
   * look-ups instead of a join of every touch with every order.
   */
  private static Dataset<Row> touchFeatures(
      Dataset<Row> pastTouches, Dataset<Row> pastOrders, Column t, ScoreSettings settings) {
    Dataset<Row> touchEvents =
        pastTouches.select(
            col(Columns.CUSTOMER_ID),
            col(Columns.OCCURRED_AT).as(TS),
            col(Touches.TOUCH_KIND).as(KIND),
            col(Columns.INTERACTION_ID).as(ID),
            col(Columns.CHANNEL),
            col(DAY),
            col(AGE));
    Dataset<Row> orderEvents =
        pastOrders.select(
            col(Columns.CUSTOMER_ID),
            col(Columns.ORDERED_AT).as(TS),
            lit(ORDER).as(KIND),
            col(Columns.ORDER_ID).as(ID),
            col(Columns.CHANNEL),
            col(DAY),
            col(AGE));
    WindowSpec ordered =
        Window.partitionBy(Columns.CUSTOMER_ID).orderBy(col(TS), col(KIND), col(ID));
    WindowSpec whole = Window.partitionBy(Columns.CUSTOMER_ID);
    Dataset<Row> events =
        touchEvents
            .unionByName(orderEvents)
            .withColumn(
                "_next_inbound",
                min(when(kindIs(Touches.INBOUND), col(TS)))
                    .over(ordered.rowsBetween(1, Window.unboundedFollowing())))
            .withColumn(
                "_prev_order",
                max(when(kindIs(ORDER), col(TS)))
                    .over(ordered.rowsBetween(Window.unboundedPreceding(), Window.currentRow())))
            .withColumn(
                "_next_order",
                min(when(kindIs(ORDER), col(TS)))
                    .over(ordered.rowsBetween(Window.currentRow(), Window.unboundedFollowing())))
            .withColumn("_last_personal", max(when(kindIs(Touches.PERSONAL), col(TS))).over(whole));

    long replyMicros = settings.replyWindowDays() * 86_400_000_000L;
    long microMicros = settings.microconnectionMinutes() * 60_000_000L;
    Column outbound = kindIs(Touches.PERSONAL).or(kindIs(Touches.AUTOMATED));
    Column answered =
        col("_next_inbound")
            .isNotNull()
            .and(unix_micros(col("_next_inbound")).minus(unix_micros(col(TS))).leq(replyMicros));
    Column nearOrder =
        abs(unix_micros(col(TS)).minus(unix_micros(col("_prev_order"))))
            .leq(microMicros)
            .or(abs(unix_micros(col("_next_order")).minus(unix_micros(col(TS)))).leq(microMicros));
    Column personal = kindIs(Touches.PERSONAL);
    return events
        .groupBy(Columns.CUSTOMER_ID)
        .agg(
            countIf(personal.and(within(90))).as(PERSONAL_TOUCHES_90D),
            countIf(personal.and(within(365))).as(PERSONAL_TOUCHES_365D),
            countIf(kindIs(Touches.AUTOMATED).and(within(90))).as(AUTOMATED_TOUCHES_90D),
            countIf(kindIs(Touches.AUTOMATED).and(within(365))).as(AUTOMATED_TOUCHES_365D),
            countIf(kindIs(Touches.INBOUND).and(within(365))).as(INBOUND_TOUCHES_365D),
            datediff(t, max(when(personal, col(DAY)))).as(DAYS_SINCE_PERSONAL_TOUCH),
            countIf(
                    kindIs(Touches.AUTOMATED)
                        .and(col("_last_personal").isNull().or(col(TS).gt(col("_last_personal")))))
                .as(AUTOMATED_SINCE_PERSONAL),
            countIf(outbound.and(within(365))).as(OUTBOUND_TOUCHES_365D),
            countIf(outbound.and(within(365)).and(answered)).as(ANSWERED_TOUCHES_365D),
            countIf(
                    personal
                        .and(within(365))
                        .and(col(Columns.CHANNEL).equalTo("in_person"))
                        .and(coalesce(nearOrder, lit(false))))
                .as(MICROCONNECTIONS_365D));
  }

  /**
   * Recency, frequency, monetary value and the buy-till-you-die summaries. Orders of one day are
   * one purchase (as {@link rapport.stats.Rfm} counts them), so that x = purchase_days − 1.
   */
  private static Dataset<Row> orderFeatures(Dataset<Row> pastOrders, Column t) {
    // amounts are summed as decimals, exactly, and become doubles only at the end: a sum of
    // doubles depends on the order Spark adds them in, which changes with the master
    // partitioned by customer once, both aggregations run without a shuffle of their own
    Dataset<Row> days =
        pastOrders
            .repartition(col(Columns.CUSTOMER_ID))
            .groupBy(col(Columns.CUSTOMER_ID), col(DAY), col(AGE))
            .agg(sum(col(Columns.AMOUNT)).as("_value"));
    return days.groupBy(Columns.CUSTOMER_ID)
        .agg(
            datediff(t, max(col(DAY))).as(RECENCY_DAYS),
            countIf(within(365)).as(FREQUENCY_365D),
            coalesce(sum(when(within(365), col("_value"))), lit(0))
                .cast("double")
                .as(MONETARY_365D),
            count(lit(1)).as(PURCHASE_DAYS),
            datediff(t, min(col(DAY))).as(FIRST_PURCHASE_DAYS),
            sum(col("_value")).as("_total"),
            min_by(col("_value"), col(DAY)).as("_first_value"))
        .withColumn(
            REPEAT_MEAN_VALUE,
            when(
                col(PURCHASE_DAYS).gt(1),
                col("_total")
                    .minus(col("_first_value"))
                    .cast("double")
                    .divide(col(PURCHASE_DAYS).minus(1))))
        .drop("_total", "_first_value");
  }

  /**
   * The main rep: the author of the most rep-written personal touches, ever (ties: the most recent
   * last touch, then the smaller id). Telephony-logged calls (author_type system) name no person
   * and are left out.
   */
  private static Dataset<Row> continuity(Dataset<Row> pastTouches, Column t) {
    Dataset<Row> byRep =
        pastTouches
            .filter(col(Touches.TOUCH_KIND).equalTo(Touches.PERSONAL))
            .filter(col(Columns.AUTHOR_TYPE).equalTo("rep"))
            .filter(col(Columns.AUTHOR_ID).isNotNull())
            // partitioned by customer once, the aggregation by rep and the ranking window over
            // the customer run without a shuffle of their own
            .repartition(col(Columns.CUSTOMER_ID))
            .groupBy(Columns.CUSTOMER_ID, Columns.AUTHOR_ID)
            .agg(
                count(lit(1)).as("_n"),
                max(col(DAY)).as("_last"),
                // the distinct years as a set within the one aggregation (a distinct count would
                // plan a second shuffle)
                size(collect_set(floor(col(AGE).minus(1).divide(365))))
                    .cast("long")
                    .as(MAIN_REP_YEARS));
    WindowSpec rank =
        Window.partitionBy(Columns.CUSTOMER_ID)
            .orderBy(col("_n").desc(), col("_last").desc(), col(Columns.AUTHOR_ID));
    return byRep
        .withColumn("_rank", row_number().over(rank))
        .withColumn(
            REP_PERSONAL_TOUCHES, sum(col("_n")).over(Window.partitionBy(Columns.CUSTOMER_ID)))
        .filter(col("_rank").equalTo(1))
        .select(
            col(Columns.CUSTOMER_ID),
            col(Columns.AUTHOR_ID).as(MAIN_REP_ID),
            col("_n").cast("double").divide(col(REP_PERSONAL_TOUCHES)).as(MAIN_REP_SHARE),
            col(REP_PERSONAL_TOUCHES),
            col(MAIN_REP_YEARS),
            datediff(t, col("_last")).as(DAYS_SINCE_MAIN_REP_TOUCH));
  }

  /** Means over the personal touches of 365 days; the note length needs the interaction's body. */
  private static Dataset<Row> noteLengths(Dataset<Row> pastTouches, Dataset<Row> interactions) {
    Dataset<Row> recent =
        pastTouches
            .filter(col(Touches.TOUCH_KIND).equalTo(Touches.PERSONAL))
            .filter(within(365))
            .select(
                col(Columns.INTERACTION_ID),
                col(Columns.CUSTOMER_ID),
                col(Touches.PERSONAL_SCORE),
                size(col(Touches.REASONS)).as("_reasons"));
    Column chars;
    if (interactions == null) {
      chars = lit(null).cast("double");
    } else {
      // interaction_id is the interactions' unique key (ingest rejects duplicates): at most one
      // body per touch
      Dataset<Row> bodies =
          interactions.select(
              col(Columns.INTERACTION_ID).as("_body_id"),
              coalesce(length(col(Columns.BODY)), lit(0)).as("_chars"));
      recent =
          recent
              .join(
                  bodies,
                  recent.col(Columns.INTERACTION_ID).equalTo(bodies.col("_body_id")),
                  "left_outer")
              .drop("_body_id");
      chars = col("_chars");
    }
    return recent
        .groupBy(Columns.CUSTOMER_ID)
        .agg(
            ExactSums.mean(col(Touches.PERSONAL_SCORE)).as(PERSONAL_SCORE_MEAN_365D),
            avg(col("_reasons")).as(PERSONAL_REASONS_MEAN_365D),
            avg(chars).as(NOTE_CHARS_MEAN_365D));
  }

  /**
   * Household size and reach among the customers of the population; a customer without a
   * household_id is a household of one.
   */
  private static Dataset<Row> withHouseholdReach(Dataset<Row> joined) {
    // a window over the household instead of its aggregate joined back: the join read the joined
    // features a second time, and Spark recomputed their joins for it
    WindowSpec household =
        Window.partitionBy(
            coalesce(col(Columns.HOUSEHOLD_ID), concat(lit("\u0000"), col(Columns.CUSTOMER_ID))));
    // both in one select, so one window (and one shuffle) computes them
    return joined
        .select(
            col("*"),
            count(lit(1)).over(household).as(HOUSEHOLD_SIZE),
            countIf(coalesce(col(PERSONAL_TOUCHES_365D), lit(0L)).gt(0))
                .over(household)
                .as("_reached"))
        .withColumn(
            HOUSEHOLD_REACH_365D, col("_reached").cast("double").divide(col(HOUSEHOLD_SIZE)))
        .drop("_reached");
  }
}
