package rapport.report;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import rapport.schema.Columns;
import rapport.schema.Outreach;
import rapport.schema.Scores;
import rapport.schema.Touches;
import rapport.spark.ExactSums;

/**
 * The report's aggregations of the big tables, each a pure function whose result has a handful of
 * rows: the driver only ever sees these.
 */
public final class ReportAggregates {
  private ReportAggregates() {}

  // the columns of the aggregates, read by ReportLoader; BAND and ALIVE are prefixes of ten (0-9)
  static final String MONTH = "month";
  static final String MEAN_SCORE = "mean_score";
  static final String BAND = "band_";
  static final String MASKED = "masked";
  static final String REP_DEPENDENT = "rep_dependent";
  static final String MEAN_PERSONAL_INDEX = "mean_personal_index";
  static final String MEAN_AUTOMATED_INDEX = "mean_automated_index";
  static final String ALIVE = "alive_";
  static final String CUSTOMERS = "customers";
  static final String HANDOFFS = "handoffs";
  static final String VALUE_AT_RISK = "value_at_risk";
  static final String VALUE_KEPT = "value_kept";
  static final String FIRST_DUE = "first_due";
  static final String LAST_DUE = "last_due";
  static final String N = "n";

  /** The last calendar month that ends strictly before the as-of date. */
  public static YearMonth lastCompleteMonth(LocalDate asOf) {
    return YearMonth.from(asOf).minusMonths(1);
  }

  /**
   * Touches per calendar month (in the configured zone) for the {@code months} months completed
   * before the as-of date: month (yyyy-MM), personal, automated, inbound. A month without touches
   * has no row.
   */
  public static Dataset<Row> touchesPerMonth(
      Dataset<Row> touches, ZoneId zone, LocalDate asOf, int months) {
    LocalDate from = lastCompleteMonth(asOf).minusMonths(months - 1L).atDay(1);
    LocalDate until = YearMonth.from(asOf).atDay(1);
    Column local = from_utc_timestamp(col(Columns.OCCURRED_AT), zone.getId());
    Column kind = col(Touches.TOUCH_KIND);
    return touches
        .withColumn("_day", to_date(local))
        .filter(col("_day").geq(lit(from)).and(col("_day").lt(lit(until))))
        .groupBy(date_format(col("_day"), "yyyy-MM").as(MONTH))
        .agg(
            countWhere(kind.equalTo(Touches.PERSONAL)).as(Touches.PERSONAL),
            countWhere(kind.equalTo(Touches.AUTOMATED)).as(Touches.AUTOMATED),
            countWhere(kind.equalTo(Touches.INBOUND)).as(Touches.INBOUND))
        .orderBy(MONTH);
  }

  /**
   * One row: n, mean_score, band_0 ... band_9 (customers with a relationship score in [10k,
   * 10k+10), the top band closed at 100), masked, rep_dependent, mean_personal_index,
   * mean_automated_index.
   */
  public static Dataset<Row> scoreSummary(Dataset<Row> scores) {
    Column band =
        least(lit(9), greatest(lit(0), floor(col(Scores.RELATIONSHIP_SCORE).divide(10))))
            .cast("int");
    List<Column> aggs = new ArrayList<>();
    aggs.add(ExactSums.mean(col(Scores.RELATIONSHIP_SCORE)).as(MEAN_SCORE));
    for (int b = 0; b < 10; b++) {
      aggs.add(countWhere(col("_band").equalTo(b)).as(BAND + b));
    }
    aggs.add(countWhere(col(Scores.IS_MASKED)).as(MASKED));
    aggs.add(countWhere(col(Scores.HAS_REP_DEPENDENCY)).as(REP_DEPENDENT));
    aggs.add(ExactSums.mean(col(Scores.PERSONAL_INDEX)).as(MEAN_PERSONAL_INDEX));
    aggs.add(ExactSums.mean(col(Scores.AUTOMATED_INDEX)).as(MEAN_AUTOMATED_INDEX));
    return scores
        .filter(col(Scores.RELATIONSHIP_SCORE).isNotNull())
        .withColumn("_band", band)
        .agg(count(lit(1)).as(N), aggs.toArray(Column[]::new));
  }

  /**
   * One row: n (customers with a finite P(alive) in [0, 1]), alive_0 ... alive_9 (customers with
   * P(alive) in [k/10, (k+1)/10), the top band closed at 1), expected_value (the sum over them of a
   * finite expected_value) and expected_value_at_risk (the sum of (1 − retention_probability) ×
   * expected_value where both are finite).
   */
  public static Dataset<Row> customerValue(Dataset<Row> scores) {
    Column p = col(Scores.P_ALIVE).cast("double");
    Column ev = col(Scores.EXPECTED_VALUE).cast("double");
    Column s = col(Scores.RETENTION_PROBABILITY).cast("double");
    Column band = least(lit(9), floor(p.multiply(10))).cast("int");
    List<Column> aggs = new ArrayList<>();
    for (int b = 0; b < 10; b++) {
      aggs.add(countWhere(col("_band").equalTo(b)).as(ALIVE + b));
    }
    aggs.add(coalesce(ExactSums.sum(when(finite(ev), ev)), lit(0.0)).as(Scores.EXPECTED_VALUE));
    aggs.add(
        coalesce(
                ExactSums.sum(when(finite(ev).and(finite(s)), lit(1.0).minus(s).multiply(ev))),
                lit(0.0))
            .as(Outreach.EXPECTED_VALUE_AT_RISK));
    return scores
        .filter(finite(p).and(p.geq(0)).and(p.leq(1)))
        .withColumn("_band", band)
        .agg(count(lit(1)).as(N), aggs.toArray(Column[]::new));
  }

  private static Column finite(Column c) {
    return c.isNotNull()
        .and(not(isnan(c)))
        .and(c.notEqual(lit(Double.POSITIVE_INFINITY)))
        .and(c.notEqual(lit(Double.NEGATIVE_INFINITY)));
  }

  /**
   * This week's outreach per rep: rep_id, team, customers, handoffs, weekly_capacity,
   * value_at_risk, value_kept, first_due, last_due; by rep_id.
   *
   * @param reps {@code tables/reps}, or null when there is no reps input
   */
  public static Dataset<Row> outreachPerRep(Dataset<Row> outreach, Dataset<Row> reps) {
    Dataset<Row> perRep =
        outreach
            .groupBy(col(Columns.REP_ID))
            .agg(
                count(lit(1)).as(CUSTOMERS),
                countWhere(col(Outreach.IS_HANDOFF)).as(HANDOFFS),
                ExactSums.sum(col(Outreach.EXPECTED_VALUE_AT_RISK)).as(VALUE_AT_RISK),
                ExactSums.sum(col(Outreach.PRIORITY)).as(VALUE_KEPT),
                min(col(Outreach.DUE_DATE)).cast("date").as(FIRST_DUE),
                max(col(Outreach.DUE_DATE)).cast("date").as(LAST_DUE));
    if (reps == null) {
      return perRep
          .select(
              col(Columns.REP_ID),
              lit(null).cast("string").as(Columns.TEAM),
              col(CUSTOMERS),
              col(HANDOFFS),
              lit(null).cast("long").as(Columns.WEEKLY_CAPACITY),
              col(VALUE_AT_RISK),
              col(VALUE_KEPT),
              col(FIRST_DUE),
              col(LAST_DUE))
          .orderBy(Columns.REP_ID);
    }
    // rep_id is the reps input's key (unique after ingestion), so the left join keeps one row
    // per rep of the outreach list.
    Dataset<Row> repInfo =
        reps.select(
            col(Columns.REP_ID).as("_rep"),
            col(Columns.TEAM),
            col(Columns.WEEKLY_CAPACITY).cast("long").as(Columns.WEEKLY_CAPACITY));
    return perRep
        .join(repInfo, perRep.col(Columns.REP_ID).equalTo(repInfo.col("_rep")), "left_outer")
        .select(
            col(Columns.REP_ID),
            col(Columns.TEAM),
            col(CUSTOMERS),
            col(HANDOFFS),
            col(Columns.WEEKLY_CAPACITY),
            col(VALUE_AT_RISK),
            col(VALUE_KEPT),
            col(FIRST_DUE),
            col(LAST_DUE))
        .orderBy(Columns.REP_ID);
  }

  private static Column countWhere(Column condition) {
    return coalesce(sum(when(condition, 1L).otherwise(0L)), lit(0L));
  }
}
