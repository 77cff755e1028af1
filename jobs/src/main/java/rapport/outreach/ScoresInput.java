package rapport.outreach;

import static org.apache.spark.sql.functions.col;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import rapport.errors.RapportException;
import rapport.schema.Columns;
import rapport.schema.Scores;

/** The input contract outreach holds {@code tables/scores} to before it ranks anyone. */
final class ScoresInput {
  private ScoresInput() {}

  static final List<String> SCORE_COLUMNS =
      List.of(
          Columns.CUSTOMER_ID,
          Scores.RETENTION_PROBABILITY,
          Scores.EXPECTED_VALUE,
          Scores.RELATIONSHIP_SCORE,
          Scores.REASON_CODES);

  /**
   * Throws the input-contract error (exit 3) when the scores lack a column outreach reads or hold a
   * customer twice; one Spark job.
   */
  static void require(Dataset<Row> scores) {
    List<String> have = Arrays.asList(scores.columns());
    for (String c : SCORE_COLUMNS) {
      if (!have.contains(c)) {
        throw RapportException.input(
            "tables/%s has no column %s, which outreach needs: rerun ./rapport score",
            Scores.TABLE, c);
      }
    }
    List<Row> dup =
        scores
            .groupBy(col(Columns.CUSTOMER_ID))
            .count()
            .filter(col("count").gt(1))
            .limit(1)
            .collectAsList();
    if (!dup.isEmpty()) {
      throw RapportException.input(
          "tables/%s holds customer_id %s %d times; it must be unique: rerun ./rapport score",
          Scores.TABLE, dup.get(0).getString(0), dup.get(0).getLong(1));
    }
  }
}
