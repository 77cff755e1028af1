package rapport.retention;

import static org.apache.spark.sql.functions.*;

import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import rapport.schema.Columns;
import rapport.schema.Touches;

/**
 * Until the classify stage lands, the retention tests build {@code tables/touches} from a generated
 * world's truth: the ingested interactions joined to {@code truth/touch_labels.csv}. The
 * classifier's own columns (score, template, reasons) are filled with what the truth implies. Used
 * by tests and by {@link RetentionCheck} for the command-line check; never by the product.
 */
final class TruthTouches {
  private TruthTouches() {}

  /** Writes tables/touches into a committed run folder that already holds tables/interactions. */
  static long write(SparkSession spark, Path world, Path runFolder) {
    Dataset<Row> labels =
        spark
            .read()
            .option("header", "true")
            .csv(world.resolve("truth").resolve("touch_labels.csv").toString());
    Dataset<Row> interactions =
        spark.read().parquet(runFolder.resolve("tables").resolve("interactions").toString());
    Dataset<Row> touches =
        interactions
            .join(labels, new String[] {Columns.INTERACTION_ID}, "inner")
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
                lit(null).cast(DataTypes.StringType).as(Touches.TEMPLATE_ID),
                lit(0L).as(Touches.TEMPLATE_FANOUT),
                array().cast(DataTypes.createArrayType(DataTypes.StringType)).as(Touches.REASONS));
    Path target = runFolder.resolve("tables").resolve(Touches.TABLE);
    touches.write().mode(SaveMode.Overwrite).parquet(target.toString());
    return spark.read().parquet(target.toString()).count();
  }
}
