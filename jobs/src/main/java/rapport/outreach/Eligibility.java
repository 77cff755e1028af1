package rapport.outreach;

import static org.apache.spark.sql.functions.*;

import java.time.LocalDate;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import rapport.schema.Columns;
import rapport.schema.Outreach;
import rapport.schema.Scores;

/**
 * Who may be called at all, and what calling them is worth. Every customer gets one suppression
 * reason or none (eligible); eligible customers get their priority.
 */
public final class Eligibility {
  private Eligibility() {}

  public static final String SUPPRESSION = "suppression";

  /** Why a customer is left off the lists, in order of precedence. */
  public enum Suppression {
    /** do_not_contact is true: never in any outreach file (SPEC §5.1). */
    DO_NOT_CONTACT,
    /** closed_at on or before T: the contract has ended. */
    CLOSED,
    /** no row in relationship_scores, or no retention probability or expected value. */
    NO_SCORE,
    /** a personal touch within outreach.recent_touch_days before T. */
    RECENT_PERSONAL_TOUCH
  }

  /**
   * @param customers the customers table
   * @param scores the relationship_scores table (customer_id unique)
   * @param daysSincePersonal customer_id, days_since_personal_touch (unique), when known
   * @param recentDays a personal touch this many days before T or fewer suppresses; 0 disables
   * @return customer_id, household_id, owner_rep_id, retention_probability, expected_value,
   *     relationship_score, reason_codes, suppression (null when eligible)
   */
  public static Dataset<Row> withSuppression(
      Dataset<Row> customers,
      Dataset<Row> scores,
      Optional<Dataset<Row>> daysSincePersonal,
      LocalDate asOf,
      int recentDays) {
    Dataset<Row> s =
        scores.select(
            col(Columns.CUSTOMER_ID).as("_sid"),
            col(Scores.RETENTION_PROBABILITY).cast("double").as(Scores.RETENTION_PROBABILITY),
            col(Scores.EXPECTED_VALUE).cast("double").as(Scores.EXPECTED_VALUE),
            col(Scores.RELATIONSHIP_SCORE).cast("double").as(Scores.RELATIONSHIP_SCORE),
            coalesce(col(Scores.REASON_CODES), array().cast("array<string>"))
                .as(Scores.REASON_CODES));
    Dataset<Row> c =
        customers
            .select(
                Columns.CUSTOMER_ID,
                Columns.HOUSEHOLD_ID,
                Columns.OWNER_REP_ID,
                Columns.DO_NOT_CONTACT,
                Columns.CLOSED_AT)
            .join(s, col(Columns.CUSTOMER_ID).equalTo(s.col("_sid")), "left_outer");
    Column recent = lit(false);
    if (daysSincePersonal.isPresent() && recentDays > 0) {
      Dataset<Row> d =
          daysSincePersonal
              .get()
              .select(
                  col(Columns.CUSTOMER_ID).as("_did"),
                  col(Scores.DAYS_SINCE_PERSONAL_TOUCH).as("_days"));
      c = c.join(d, c.col(Columns.CUSTOMER_ID).equalTo(d.col("_did")), "left_outer");
      recent = coalesce(col("_days").leq(recentDays), lit(false));
    }
    Column reason =
        when(coalesce(col(Columns.DO_NOT_CONTACT), lit(false)), lit("DO_NOT_CONTACT"))
            .when(col(Columns.CLOSED_AT).leq(lit(java.sql.Date.valueOf(asOf))), lit("CLOSED"))
            .when(
                col("_sid")
                    .isNull()
                    .or(col(Scores.RETENTION_PROBABILITY).isNull())
                    .or(col(Scores.EXPECTED_VALUE).isNull())
                    .or(isnan(col(Scores.RETENTION_PROBABILITY)))
                    .or(isnan(col(Scores.EXPECTED_VALUE))),
                lit("NO_SCORE"))
            .when(recent, lit("RECENT_PERSONAL_TOUCH"));
    return c.select(
        col(Columns.CUSTOMER_ID),
        col(Columns.HOUSEHOLD_ID),
        col(Columns.OWNER_REP_ID),
        col(Scores.RETENTION_PROBABILITY),
        col(Scores.EXPECTED_VALUE),
        col(Scores.RELATIONSHIP_SCORE),
        col(Scores.REASON_CODES),
        reason.as(SUPPRESSION));
  }

  /**
   * Adds the expected value at risk, (1 − S)·EV, the share of that risk one personal touch removes,
   * (S^HR − S)/(1 − S), and the priority, their product EV·(S^HR − S), with S the retention
   * probability clamped to [0, 1] and EV the expected value (negative values count as 0). Same
   * formula as {@link TouchEffect#keptShare}.
   */
  public static Dataset<Row> withPriority(Dataset<Row> eligible, TouchEffect effect) {
    Column s = least(lit(1.0), greatest(lit(0.0), col(Scores.RETENTION_PROBABILITY)));
    Column ev = greatest(lit(0.0), col(Scores.EXPECTED_VALUE));
    Column kept = greatest(lit(0.0), pow(s, lit(effect.hazardRatio())).minus(s));
    return eligible
        .withColumn(Outreach.EXPECTED_VALUE_AT_RISK, lit(1.0).minus(s).multiply(ev))
        .withColumn(
            Outreach.TOUCH_EFFECT, when(s.lt(1.0), kept.divide(lit(1.0).minus(s))).otherwise(0.0))
        .withColumn(Outreach.PRIORITY, ev.multiply(kept));
  }
}
