package rapport.retention;

import static org.apache.spark.sql.functions.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import rapport.domain.RetentionLabels;
import rapport.schema.Columns;
import rapport.schema.RetentionTables;
import rapport.schema.Scores;

/**
 * SPEC §6.3 segments: the customers at the cut-off T − H, followed over the horizon, by touch mix
 * and (when the score stage ran) by personal-index band: {@code tables/retention_segments} and
 * {@code tables/retention_curves}, and their blocks of the summary.
 */
final class RetentionSegments {
  private RetentionSegments() {}

  /** The two tables' rows, in the registry's schemas. */
  record Tables(List<Row> segmentRows, List<Row> curveRows) {
    Dataset<Row> segments(org.apache.spark.sql.SparkSession spark) {
      return spark.createDataFrame(segmentRows, RetentionTables.SEGMENTS_SCHEMA);
    }

    Dataset<Row> curves(org.apache.spark.sql.SparkSession spark) {
      return spark.createDataFrame(curveRows, RetentionTables.CURVES_SCHEMA);
    }
  }

  /**
   * @param scores {@code tables/relationship_scores}, or null when the score stage did not run
   */
  static Tables of(
      RetentionEvents e,
      Dataset<Row> scores,
      RetentionSettings settings,
      RetentionSummary summary) {
    int horizon = e.horizon();
    LocalDate cutoff = e.asOf().minusDays(horizon);
    long c = cutoff.toEpochDay();
    e.describe("segments at " + cutoff);
    Dataset<Row> labels =
        RetentionLabels.at(e.customers(), e.orders(), cutoff, horizon, e.zone(), e.contracts());
    Dataset<Row> outcomes =
        Landmark.outcomes(labels, e.customers(), e.orderDays(), c, e.t(), e.contracts())
            .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> mix =
        Landmark.touchMix(outcomes, e.personal(), e.automated(), c, settings.touchMixDays());
    List<Segments.Segmentation> wanted = new ArrayList<>(List.of(touchMixes(outcomes, mix)));
    if (scores != null) {
      wanted.add(indexBands(outcomes, scores));
    }
    List<Segments.Result> results = Segments.of(wanted);
    Segments.Result byMix = results.get(0);
    summary.segments(byMix);
    List<Row> segmentRows = new ArrayList<>(byMix.segmentRows());
    List<Row> curveRows = new ArrayList<>(byMix.curveRows());
    if (scores != null) {
      Segments.Result byBand = results.get(1);
      summary.segments(byBand);
      segmentRows.addAll(byBand.segmentRows());
      curveRows.addAll(byBand.curveRows());
    } else {
      summary.note(
          "personal-index bands: skipped, no tables/"
              + Scores.TABLE
              + " in this run (run the"
              + " score stage first)");
    }
    outcomes.unpersist();
    return new Tables(segmentRows, curveRows);
  }

  /** Retention by touch mix: the outcomes of the customers with their mix ({@link Landmark}). */
  static Segments.Result byTouchMix(Dataset<Row> outcomes, Dataset<Row> mix) {
    return Segments.of(List.of(touchMixes(outcomes, mix))).get(0);
  }

  private static Segments.Segmentation touchMixes(Dataset<Row> outcomes, Dataset<Row> mix) {
    return new Segments.Segmentation(
        outcomes
            .join(mix, new String[] {Columns.CUSTOMER_ID}, "inner")
            .withColumnRenamed(Landmark.TOUCH_MIX, Segments.SEGMENT),
        Landmark.TOUCH_MIX,
        Landmark.MIXES);
  }

  /** Retention by personal-index band; customers without a score are {@code unscored}. */
  private static Segments.Segmentation indexBands(Dataset<Row> outcomes, Dataset<Row> scores) {
    return new Segments.Segmentation(
        outcomes
            .join(IndexBands.of(scores), new String[] {Columns.CUSTOMER_ID}, "left_outer")
            .withColumn(
                Segments.SEGMENT, coalesce(col(Segments.SEGMENT), lit(IndexBands.UNSCORED))),
        IndexBands.KIND,
        IndexBands.BANDS);
  }
}
