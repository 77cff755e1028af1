package rapport.testing;

import static org.apache.spark.sql.functions.*;

import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import rapport.schema.Columns;
import rapport.schema.Touches;

/**
 * Stands in for the classify stage in tests and evaluations: tables/touches built from a generated
 * world's truth/touch_labels.csv joined to the ingested interactions, so that the scores can be
 * measured on perfectly classified touches (personal_score 1 for personal, 0 otherwise; one reason,
 * TRUTH_LABEL). Shared by the score and retention tests until the classifier lands.
 */
public final class TruthTouches {
  private TruthTouches() {}

  /** Writes tables/touches into the run folder {@code run}; returns its rows. */
  public static long write(SparkSession spark, Path run, Path world) {
    Dataset<Row> interactions = spark.read().parquet(run.resolve("tables/interactions").toString());
    Dataset<Row> labels =
        spark
            .read()
            .option("header", "true")
            .csv(world.resolve("truth/touch_labels.csv").toString())
            .select(col(Columns.INTERACTION_ID).as("_label_id"), col(Touches.TOUCH_KIND));
    // one label per clean interaction: the truth file's key is interaction_id
    Dataset<Row> touches =
        interactions
            .join(
                labels,
                interactions.col(Columns.INTERACTION_ID).equalTo(labels.col("_label_id")),
                "inner")
            .select(
                col(Columns.INTERACTION_ID),
                col(Columns.CUSTOMER_ID),
                col(Columns.OCCURRED_AT),
                col(Columns.CHANNEL),
                col(Columns.DIRECTION),
                col(Columns.AUTHOR_TYPE),
                col(Columns.AUTHOR_ID),
                col(Touches.TOUCH_KIND),
                when(col(Touches.TOUCH_KIND).equalTo(Touches.PERSONAL), 1.0)
                    .otherwise(0.0)
                    .as(Touches.PERSONAL_SCORE),
                when(col(Touches.TOUCH_KIND).equalTo(Touches.AUTOMATED), col(Columns.CAMPAIGN_ID))
                    .as(Touches.TEMPLATE_ID),
                lit(0L).as(Touches.TEMPLATE_FANOUT),
                array(lit("TRUTH_LABEL")).as(Touches.REASONS));
    touches
        .coalesce(1)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(run.resolve("tables").resolve(Touches.TABLE).toString());
    long n = spark.read().parquet(run.resolve("tables/touches").toString()).count();
    long m = interactions.count();
    if (n != m) {
      throw new IllegalStateException(m + " interactions but " + n + " labelled touches");
    }
    return n;
  }
}
