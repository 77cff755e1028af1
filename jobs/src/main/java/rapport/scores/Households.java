package rapport.scores;

import static org.apache.spark.sql.functions.*;
import static rapport.schema.Scores.*;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import rapport.schema.Columns;
import rapport.spark.ExactSums;

/**
 * tables/household_scores: the relationship scores rolled up per household. A customer without a
 * household_id is a household of one, keyed by the customer's id. Means and sums of doubles are
 * {@link ExactSums}, so they do not depend on the order of the members.
 */
public final class Households {
  private Households() {}

  private static Column countIf(Column c) {
    return sum(when(coalesce(c, lit(false)), 1L).otherwise(0L));
  }

  public static Dataset<Row> rollUp(Dataset<Row> scores) {
    return scores
        .groupBy(
            coalesce(col(Columns.HOUSEHOLD_ID), col(Columns.CUSTOMER_ID)).as(Columns.HOUSEHOLD_ID),
            col(Columns.AS_OF))
        .agg(
            count(lit(1)).as(MEMBERS),
            countIf(col(PERSONAL_TOUCHES_365D).gt(0)).as(MEMBERS_PERSONALLY_TOUCHED_365D),
            max(col(PERSONAL_INDEX)).as(PERSONAL_INDEX_MAX),
            max(col(AUTOMATED_INDEX)).as(AUTOMATED_INDEX_MAX),
            round(ExactSums.mean(col(RELATIONSHIP_SCORE)), 1).as(RELATIONSHIP_SCORE_MEAN),
            min(col(RELATIONSHIP_SCORE)).as(RELATIONSHIP_SCORE_MIN),
            ExactSums.mean(col(RETENTION_PROBABILITY)).as(RETENTION_PROBABILITY_MEAN),
            ExactSums.sum(col(EXPECTED_VALUE)).as(EXPECTED_VALUE_SUM),
            countIf(col(IS_MASKED)).as(MASKED_MEMBERS),
            countIf(col(HAS_REP_DEPENDENCY)).as(REP_DEPENDENT_MEMBERS))
        .withColumn(
            HOUSEHOLD_REACH_365D,
            col(MEMBERS_PERSONALLY_TOUCHED_365D).cast("double").divide(col(MEMBERS)))
        .select(
            col(Columns.HOUSEHOLD_ID),
            col(Columns.AS_OF),
            col(MEMBERS),
            col(MEMBERS_PERSONALLY_TOUCHED_365D),
            col(HOUSEHOLD_REACH_365D),
            col(PERSONAL_INDEX_MAX),
            col(AUTOMATED_INDEX_MAX),
            col(RELATIONSHIP_SCORE_MEAN),
            col(RELATIONSHIP_SCORE_MIN),
            col(RETENTION_PROBABILITY_MEAN),
            col(EXPECTED_VALUE_SUM),
            col(MASKED_MEMBERS),
            col(REP_DEPENDENT_MEMBERS));
  }
}
