package rapport.scores;

import static org.apache.spark.sql.functions.*;
import static rapport.schema.Scores.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import rapport.domain.RetentionLabels;
import rapport.schema.Columns;

/**
 * The relationship scores as of T: features at T and at the backtest cut-off T−H, the indices,
 * BG/NBD and Gamma-Gamma, the retention model fitted on the backtest and applied at T, the flags
 * and the reasons. Pure: tables and parameters in, tables and an explanation out.
 */
public final class RelationshipScores {
  private RelationshipScores() {}

  /**
   * The tables the scores are built from.
   *
   * @param reps tables/reps, or null when there is none
   * @param interactions tables/interactions, or null when there is none
   */
  public record Inputs(
      Dataset<Row> customers,
      Dataset<Row> orders,
      Dataset<Row> touches,
      Dataset<Row> interactions,
      Dataset<Row> reps) {}

  /**
   * What the scoring produced.
   *
   * @param scores tables/relationship_scores
   * @param households tables/household_scores
   * @param explanation how the numbers were made, for explain.txt
   */
  public record Result(Dataset<Row> scores, Dataset<Row> households, Explanation explanation) {}

  /** The scored features at one cut-off (indices and lifetime values added), and their fits. */
  record AtCutoff(Dataset<Row> scored, Indices.Cutpoints cutpoints, Lifetime.Fit lifetime) {}

  static AtCutoff at(
      SparkSession spark, Inputs in, LocalDate t, int horizonDays, String zone, ScoreSettings s) {
    Dataset<Row> features =
        Features.at(in.customers(), in.orders(), in.touches(), in.interactions(), t, zone, s)
            .persist(StorageLevel.MEMORY_AND_DISK());
    Indices.Cutpoints cut = Indices.cutpoints(features);
    Dataset<Row> lines =
        s.valueGroups() == null
            ? null
            : Lifetime.businessLines(in.orders(), t, zone, s.valueGroups());
    Lifetime.Fit life =
        Lifetime.fit(
            features, "features at " + t, s.sampleCap(), horizonDays, s.penalizerCoef(), lines);
    Dataset<Row> scored =
        Indices.withIndices(Lifetime.withLifetime(spark, features, life, horizonDays), cut);
    return new AtCutoff(scored, cut, life);
  }

  public static Result compute(
      SparkSession spark,
      Inputs in,
      LocalDate asOf,
      int horizonDays,
      String zone,
      ScoreSettings s) {
    LocalDate backtest = asOf.minusDays(horizonDays);
    boolean contracts = RetentionLabels.hasContracts(in.customers());
    Dataset<Row> labels =
        RetentionLabels.at(in.customers(), in.orders(), backtest, horizonDays, zone, contracts);
    AtCutoff past = at(spark, in, backtest, horizonDays, zone, s);
    String label =
        String.format(
            "retained in [%s, %s) on features at %s (%s-based)",
            backtest, asOf, backtest, contracts ? "contract" : "purchase");
    // the labelled backtest customers, read by both fits and the empirical fallback: once
    Dataset<Row> training =
        RetentionModel.training(past.scored(), labels, RetentionModel.covariates())
            .persist(StorageLevel.MEMORY_AND_DISK());
    // the empirical rates count the training rows by band: their total is the table's row count
    Fallback.Empirical empirical = Fallback.empirical(training);
    List<Row> sample = RetentionModel.sample(training, empirical.customers(), s.sampleCap());
    RetentionModel.Fitted model =
        RetentionModel.fit(sample, RetentionModel.covariates(), label, s.minTrainingRows());
    RetentionModel.Fitted baseline =
        RetentionModel.fit(
            sample,
            RetentionModel.baselineCovariates(),
            "baseline: recency, frequency and monetary value only",
            s.minTrainingRows());
    training.unpersist();

    AtCutoff now = at(spark, in, asOf, horizonDays, zone, s);
    Dataset<Row> withRep = withMainRepActive(now.scored(), in.reps());
    Dataset<Row> scored =
        Fallback.withRetentionProbability(
            withRep, model, baseline, now.lifetime(), empirical, horizonDays);
    if (now.lifetime() == null || !now.lifetime().purchaseModelUsable()) {
      scored = Fallback.withRunRateValue(scored, horizonDays);
    }
    scored =
        scored.withColumn(RELATIONSHIP_SCORE, round(col(RETENTION_PROBABILITY).multiply(100.0), 1));
    Dataset<Row> scores = Reasons.withReasons(scored, s).select(outputColumns(asOf));
    Explanation explanation =
        new Explanation(
            asOf,
            backtest,
            horizonDays,
            now.cutpoints(),
            now.lifetime(),
            model,
            baseline,
            empirical);
    return new Result(scores, Households.rollUp(scores), explanation);
  }

  private static Dataset<Row> withMainRepActive(Dataset<Row> scored, Dataset<Row> reps) {
    if (reps == null) {
      return scored.withColumn(MAIN_REP_ACTIVE, lit(null).cast("boolean"));
    }
    // rep_id is the reps' unique key (ingest rejects duplicates): one row per customer stays one
    Dataset<Row> active =
        reps.select(col(Columns.REP_ID).as("_rep"), col(Columns.ACTIVE).as(MAIN_REP_ACTIVE));
    return scored
        .join(active, scored.col(MAIN_REP_ID).equalTo(active.col("_rep")), "left_outer")
        .drop("_rep");
  }

  /** The output contract of tables/relationship_scores. */
  static Column[] outputColumns(LocalDate asOf) {
    List<Column> c = new ArrayList<>();
    c.add(col(Columns.CUSTOMER_ID));
    c.add(lit(java.sql.Date.valueOf(asOf)).as(Columns.AS_OF));
    for (String name :
        List.of(
            Columns.HOUSEHOLD_ID,
            Columns.OWNER_REP_ID,
            PERSONAL_INDEX,
            AUTOMATED_INDEX,
            RELATIONSHIP_SCORE,
            RETENTION_PROBABILITY,
            SCORE_MODEL,
            P_ALIVE,
            EXPECTED_PURCHASES,
            EXPECTED_VALUE,
            REASON_CODES,
            REASON_EVIDENCE,
            IS_MASKED,
            HAS_REP_DEPENDENCY,
            MAIN_REP_ID,
            MAIN_REP_ACTIVE,
            PERSONAL_TOUCHES_90D,
            PERSONAL_TOUCHES_365D,
            AUTOMATED_TOUCHES_90D,
            AUTOMATED_TOUCHES_365D,
            INBOUND_TOUCHES_365D,
            DAYS_SINCE_PERSONAL_TOUCH,
            AUTOMATED_SINCE_PERSONAL,
            OUTBOUND_TOUCHES_365D,
            ANSWERED_TOUCHES_365D,
            RECIPROCITY_365D,
            MAIN_REP_SHARE,
            REP_PERSONAL_TOUCHES,
            MAIN_REP_YEARS,
            DAYS_SINCE_MAIN_REP_TOUCH,
            HOUSEHOLD_SIZE,
            HOUSEHOLD_REACH_365D,
            PERSONAL_SCORE_MEAN_365D,
            PERSONAL_REASONS_MEAN_365D,
            NOTE_CHARS_MEAN_365D,
            MICROCONNECTIONS_365D,
            RECENCY_DAYS,
            FREQUENCY_365D,
            MONETARY_365D,
            TENURE_DAYS,
            PURCHASE_DAYS,
            FIRST_PURCHASE_DAYS,
            REPEAT_MEAN_VALUE)) {
      c.add(col(name));
    }
    return c.toArray(Column[]::new);
  }
}
