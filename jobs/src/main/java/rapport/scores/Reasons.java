package rapport.scores;

import static org.apache.spark.sql.functions.*;
import static rapport.schema.Scores.*;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The flags and the reason codes with their evidence in words.
 *
 * <p>Each candidate reason has a condition, a weight that orders it and an evidence sentence built
 * from the customer's own numbers. Risks weigh 1–2 and come before strengths (0–1); among equal
 * weights the code decides, so the order is deterministic. The top three are kept.
 */
public final class Reasons {
  private Reasons() {}

  public static final String REP_LEFT = "REP_DEPENDENCY";
  public static final String MASKED = "MASKED_BY_AUTOMATION";
  public static final String NO_PERSONAL = "NO_PERSONAL_TOUCH";
  public static final String LAPSING = "PURCHASES_LAPSING";
  public static final String NO_REPLY = "NO_REPLY";
  public static final String HOUSEHOLD = "HOUSEHOLD_UNREACHED";
  public static final String PERSONAL = "PERSONAL_CONTACT";
  public static final String LONG = "LONG_RELATIONSHIP";
  public static final String MICRO = "MICROCONNECTIONS";
  public static final String RECIPROCAL = "RECIPROCAL";
  public static final String LOYAL = "FREQUENT_BUYER";
  public static final String NEW = "NEW_CUSTOMER";

  private static Column personalLapsed(ScoreSettings s) {
    return col(DAYS_SINCE_PERSONAL_TOUCH)
        .isNull()
        .or(col(DAYS_SINCE_PERSONAL_TOUCH).gt(s.maskedLapseDays()));
  }

  /** Automated touches make the customer look engaged while personal contact has lapsed. */
  static Column isMasked(ScoreSettings s) {
    return personalLapsed(s).and(col(AUTOMATED_TOUCHES_90D).geq(s.maskedAutomated90d()));
  }

  /** One rep holds the relationship and that rep has left or stopped. */
  static Column hasRepDependency(ScoreSettings s) {
    Column concentrated =
        col(MAIN_REP_SHARE)
            .geq(s.dependencyShare())
            .and(col(REP_PERSONAL_TOUCHES).geq(s.dependencyMinTouches()));
    Column gone =
        coalesce(col(MAIN_REP_ACTIVE), lit(true))
            .equalTo(false)
            .or(col(DAYS_SINCE_MAIN_REP_TOUCH).gt(s.repStoppedDays()));
    return coalesce(concentrated.and(gone), lit(false));
  }

  private static Column reason(Column condition, Column weight, String code, Column evidence) {
    return when(
        coalesce(condition, lit(false)),
        struct(lit(0.0).minus(weight).as("w"), lit(code).as("code"), evidence.as("evidence")));
  }

  private static Column fmt(String format, Column... args) {
    return format_string(format, args);
  }

  /** Adds is_masked, has_rep_dependency, reason_codes and reason_evidence (top three). */
  public static Dataset<Row> withReasons(Dataset<Row> features, ScoreSettings s) {
    Dataset<Row> scored =
        features
            .withColumn(IS_MASKED, isMasked(s))
            .withColumn(HAS_REP_DEPENDENCY, hasRepDependency(s));
    Column days = col(DAYS_SINCE_PERSONAL_TOUCH);
    Column x = col(PURCHASE_DAYS).minus(1);
    Column gap = col(FIRST_PURCHASE_DAYS).minus(col(RECENCY_DAYS)).divide(x);
    List<Column> candidates = new ArrayList<>();
    candidates.add(
        reason(
            col(HAS_REP_DEPENDENCY),
            lit(1.9),
            REP_LEFT,
            when(
                    coalesce(col(MAIN_REP_ACTIVE), lit(true)).equalTo(false),
                    fmt(
                        "%d%% of personal touches by rep %s, who is no longer active",
                        round(col(MAIN_REP_SHARE).multiply(100)).cast("int"), col(MAIN_REP_ID)))
                .otherwise(
                    fmt(
                        "%d%% of personal touches by rep %s, whose last was %d days ago",
                        round(col(MAIN_REP_SHARE).multiply(100)).cast("int"),
                        col(MAIN_REP_ID),
                        col(DAYS_SINCE_MAIN_REP_TOUCH)))));
    Column lapseWords =
        when(days.isNull(), lit("no personal touch on record"))
            .otherwise(fmt("no personal touch in %d days", days));
    candidates.add(
        reason(
            col(IS_MASKED),
            lit(1.8),
            MASKED,
            when(
                    days.isNull(),
                    fmt(
                        "no personal touch on record; %d automated touches in 90 days",
                        col(AUTOMATED_TOUCHES_90D)))
                .otherwise(
                    fmt(
                        "no personal touch in %d days; %d automated touches since",
                        days, col(AUTOMATED_SINCE_PERSONAL)))));
    candidates.add(
        reason(
            not(col(IS_MASKED)).and(personalLapsed(s)),
            lit(1.5).plus(least(coalesce(days, lit(730)).divide(730.0), lit(1.0)).multiply(0.2)),
            NO_PERSONAL,
            lapseWords));
    candidates.add(
        reason(
            col(P_ALIVE).lt(0.5).and(x.gt(0)),
            lit(1.4).plus(lit(1.0).minus(col(P_ALIVE)).multiply(0.3)),
            LAPSING,
            fmt(
                "no purchase in %d days, usually one every %d days (P(alive) %.2f)",
                col(RECENCY_DAYS), round(gap).cast("int"), col(P_ALIVE))));
    candidates.add(
        reason(
            x.equalTo(0).and(col(RECENCY_DAYS).gt(365)),
            lit(1.4),
            LAPSING,
            fmt("a single purchase, %d days ago", col(RECENCY_DAYS))));
    candidates.add(
        reason(
            col(OUTBOUND_TOUCHES_365D).geq(5).and(col(RECIPROCITY_365D).lt(0.1)),
            lit(1.3),
            NO_REPLY,
            fmt(
                "answered %d of %d outbound touches in 365 days",
                col(ANSWERED_TOUCHES_365D), col(OUTBOUND_TOUCHES_365D))));
    candidates.add(
        reason(
            col(HOUSEHOLD_SIZE).geq(2).and(col(HOUSEHOLD_REACH_365D).lt(0.5)),
            lit(1.2),
            HOUSEHOLD,
            fmt(
                "%d of %d household members personally touched in 365 days",
                round(col(HOUSEHOLD_REACH_365D).multiply(col(HOUSEHOLD_SIZE))).cast("int"),
                col(HOUSEHOLD_SIZE))));
    candidates.add(
        reason(
            col(PERSONAL_TOUCHES_365D).geq(1).and(days.leq(90)),
            lit(0.5).plus(col(PERSONAL_INDEX).divide(250.0)),
            PERSONAL,
            fmt(
                "%d personal touches in 365 days, the last %d days ago",
                col(PERSONAL_TOUCHES_365D), days)));
    candidates.add(
        reason(
            col(MAIN_REP_YEARS).geq(2),
            lit(0.3).plus(least(col(MAIN_REP_YEARS), lit(5L)).divide(50.0)),
            LONG,
            fmt(
                "personal touches by rep %s in %d different years",
                col(MAIN_REP_ID), col(MAIN_REP_YEARS))));
    candidates.add(
        reason(
            col(MICROCONNECTIONS_365D).geq(2),
            lit(0.35),
            MICRO,
            fmt("%d short in-person moments at orders in 365 days", col(MICROCONNECTIONS_365D))));
    candidates.add(
        reason(
            col(OUTBOUND_TOUCHES_365D).geq(3).and(col(RECIPROCITY_365D).geq(0.3)),
            lit(0.3),
            RECIPROCAL,
            fmt(
                "answered %d of %d outbound touches in 365 days",
                col(ANSWERED_TOUCHES_365D), col(OUTBOUND_TOUCHES_365D))));
    candidates.add(
        reason(
            col(FREQUENCY_365D).geq(4),
            lit(0.2),
            LOYAL,
            fmt("purchases on %d days in 365 days", col(FREQUENCY_365D))));
    candidates.add(
        reason(
            col(TENURE_DAYS).lt(90), lit(0.1), NEW, fmt("customer for %d days", col(TENURE_DAYS))));

    Column sorted =
        slice(
            sort_array(filter(array(candidates.toArray(Column[]::new)), c -> c.isNotNull()), true),
            1,
            3);
    return scored
        .withColumn("_reasons", sorted)
        .withColumn(REASON_CODES, transform(col("_reasons"), r -> r.getField("code")))
        .withColumn(REASON_EVIDENCE, transform(col("_reasons"), r -> r.getField("evidence")))
        .drop("_reasons");
  }
}
