package rapport.touches;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.trim;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import rapport.schema.Columns;
import rapport.schema.Touches;

/**
 * What the classify stage collects to the driver: the names to mask and the rep ids before it
 * classifies ({@link ClassifyTouches.Inputs}), the touches by kind after.
 */
final class ClassifyCounts {
  private ClassifyCounts() {}

  /** Names beyond this many (the rarest) are not masked: a guard for the driver's memory. */
  static final int MAX_NAMES = 500_000;

  /** Lower-cased first and last names of customers and reps, the most frequent first. */
  static Set<String> names(Dataset<Row> customers, Dataset<Row> reps) {
    Dataset<Row> names =
        customers
            .select(col(Columns.FIRST_NAME).as("n"))
            .union(customers.select(col(Columns.LAST_NAME).as("n")));
    if (reps != null) {
      names = names.union(reps.select(explode(split(col(Columns.NAME), "\\s+")).as("n")));
    }
    List<Row> rows =
        names
            .select(lower(trim(col("n"))).as("n"))
            .filter(col("n").isNotNull().and(col("n").rlike("^\\p{L}[\\p{L}'-]*$")))
            .groupBy("n")
            .agg(count(lit(1)).as("c"))
            .orderBy(col("c").desc(), col("n"))
            .limit(MAX_NAMES)
            .collectAsList();
    Set<String> out = new LinkedHashSet<>();
    for (Row r : rows) {
      out.add(r.getString(0));
    }
    return out;
  }

  /** The reps' ids, in order. */
  static Set<String> repIds(Dataset<Row> reps) {
    Set<String> out = new LinkedHashSet<>();
    if (reps != null) {
      for (Row r : reps.select(Columns.REP_ID).orderBy(Columns.REP_ID).collectAsList()) {
        out.add(r.getString(0));
      }
    }
    return out;
  }

  /** The touches of each kind, in the order of the kind's name; one Spark job. */
  static Map<String, Long> byKind(Dataset<Row> touches) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Row r :
        touches
            .groupBy(Touches.TOUCH_KIND)
            .agg(count(lit(1)).as("n"))
            .orderBy(Touches.TOUCH_KIND)
            .collectAsList()) {
      out.put(r.getString(r.fieldIndex(Touches.TOUCH_KIND)), r.getLong(r.fieldIndex("n")));
    }
    return out;
  }
}
