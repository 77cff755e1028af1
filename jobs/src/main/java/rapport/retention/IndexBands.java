package rapport.retention;

import static org.apache.spark.sql.functions.*;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import rapport.schema.Columns;
import rapport.schema.ReportInputs;
import rapport.schema.Scores;

/**
 * Bands of the personal index (0–100) from {@code tables/relationship_scores}: 0–25, 25–50, 50–75,
 * 75–100 (100 in the top band). The index is computed as of T while the observed outcome window is
 * [T − H, T), so a band says how personal the relationship looks now among those who stayed or left
 * over the last horizon: a concurrent description, not a prediction.
 */
final class IndexBands {
  private IndexBands() {}

  static final String KIND = ReportInputs.PERSONAL_INDEX_BAND;
  static final String UNSCORED = "unscored";
  static final List<String> BANDS = List.of("0-25", "25-50", "50-75", "75-100", UNSCORED);

  /** customer_id, segment (the band) for every scored customer. */
  static Dataset<Row> of(Dataset<Row> scores) {
    Column index = col(Scores.PERSONAL_INDEX);
    return scores
        .filter(index.isNotNull())
        .select(
            col(Columns.CUSTOMER_ID),
            when(index.lt(25), BANDS.get(0))
                .when(index.lt(50), BANDS.get(1))
                .when(index.lt(75), BANDS.get(2))
                .otherwise(BANDS.get(3))
                .as(Segments.SEGMENT));
  }
}
