package rapport.touches;

import static org.apache.spark.sql.functions.col;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import rapport.schema.Schemas;
import rapport.schema.Touches;
import rapport.testing.TestSpark;

/**
 * The hand-labelled interactions of {@code touches/hand-labelled-*.csv}: 170 touches of 30
 * customers, each with its true kind and the hard case it stands for.
 */
final class HandLabelledFixture {
  private HandLabelledFixture() {}

  static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);

  /** One classified fixture touch beside its label. */
  record Labelled(
      String id,
      String hardCase,
      String truth,
      String kind,
      double score,
      List<String> reasons,
      String templateId,
      long fanout) {}

  static Dataset<Row> read(String name, StructType schema) {
    SparkSession spark = TestSpark.session();
    String path =
        TestSpark.projectRoot()
            .resolve("jobs/src/test/resources/touches/hand-labelled-" + name + ".csv")
            .toString();
    return spark
        .read()
        .option("header", "true")
        .option("multiLine", "true")
        .option("escape", "\"")
        .schema(schema)
        .csv(path);
  }

  static Dataset<Row> interactions() {
    StructType s =
        Schemas.INTERACTIONS
            .schema()
            .add("touch_kind", DataTypes.StringType)
            .add("hard_case", DataTypes.StringType);
    return read("interactions", s);
  }

  static Dataset<Row> customers() {
    return read(
        "customers",
        new StructType()
            .add("customer_id", DataTypes.StringType)
            .add("household_id", DataTypes.StringType)
            .add("first_name", DataTypes.StringType)
            .add("last_name", DataTypes.StringType)
            .add("customer_since", DataTypes.DateType));
  }

  static Dataset<Row> orders() {
    return read(
        "orders",
        new StructType()
            .add("order_id", DataTypes.StringType)
            .add("customer_id", DataTypes.StringType)
            .add("ordered_at", DataTypes.TimestampType)
            .add("amount", DataTypes.createDecimalType(18, 2))
            .add("status", DataTypes.StringType)
            .add("category", DataTypes.StringType));
  }

  static Dataset<Row> classify(TouchSettings settings) {
    Dataset<Row> customers = customers();
    Instant cut = AS_OF.atStartOfDay(ZoneOffset.UTC).toInstant();
    ClassifyTouches.Inputs in =
        new ClassifyTouches.Inputs(
            ClassifyCounts.names(customers, null), Set.of(), cut, ZoneOffset.UTC, settings);
    Dataset<Row> interactions = interactions().drop("touch_kind", "hard_case");
    return ClassifyTouches.classify(interactions, customers, orders(), in);
  }

  /** Every fixture touch, classified with {@code settings}, by id. */
  static Map<String, Labelled> labelled(TouchSettings settings) {
    Dataset<Row> truth =
        interactions()
            .select(col("interaction_id"), col("touch_kind").as("truth"), col("hard_case"));
    Map<String, Labelled> out = new LinkedHashMap<>();
    for (Row r :
        classify(settings)
            .join(truth, "interaction_id")
            .orderBy("interaction_id")
            .collectAsList()) {
      out.put(
          r.getAs("interaction_id"),
          new Labelled(
              r.getAs("interaction_id"),
              r.getAs("hard_case"),
              r.getAs("truth"),
              r.getAs(Touches.TOUCH_KIND),
              r.getAs(Touches.PERSONAL_SCORE),
              r.getList(r.fieldIndex(Touches.REASONS)),
              r.getAs(Touches.TEMPLATE_ID),
              r.getAs(Touches.TEMPLATE_FANOUT)));
    }
    return out;
  }
}
