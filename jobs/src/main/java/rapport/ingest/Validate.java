package rapport.ingest;

import static org.apache.spark.sql.functions.*;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import rapport.domain.ReasonCode;
import rapport.schema.Columns;
import rapport.schema.Contract;

/** The checks across rows: duplicates and references to unknown customers. */
public final class Validate {
  private Validate() {}

  private static final String IS_OPEN = "_is_open";

  /**
   * Marks later rows that repeat an earlier row's key: {@code DUPLICATE_RECORD} when the content is
   * the same, {@code DUPLICATE_KEY} when it differs. "Earlier" is file order then line order, so
   * the first occurrence is kept whatever the partitioning. For order lines (several rows per order
   * by design), only exact repeats of a line are duplicates.
   */
  public static Dataset<Row> withDuplicateReasons(
      Dataset<Row> normalized, Contract contract, boolean lineItems) {
    Column content =
        lineItems
            ? col(Columns.RAW_RECORD)
            : sha2(
                to_json(
                    struct(
                        contract.columnNames().stream().map(Validate::col).toArray(Column[]::new))),
                256);
    Column key = lineItems ? col(Columns.RAW_RECORD) : col(contract.key());
    WindowSpec w =
        Window.partitionBy(key, col(IS_OPEN))
            .orderBy(col(Columns.SOURCE_FILE), col(Columns.LINE_NUMBER));
    Dataset<Row> d =
        normalized
            .withColumn(IS_OPEN, col(Columns.REASON_CODE).isNull())
            .withColumn("_content", content)
            .withColumn("_rank", row_number().over(w))
            .withColumn("_first_content", first(col("_content")).over(w));
    Column dup = col(IS_OPEN).and(col("_rank").gt(1));
    Column sameContent = col("_content").equalTo(col("_first_content"));
    Column code =
        when(dup.and(sameContent), lit(ReasonCode.DUPLICATE_RECORD.name()))
            .when(dup, lit(ReasonCode.DUPLICATE_KEY.name()))
            .otherwise(col(Columns.REASON_CODE));
    Column detail =
        when(dup.and(sameContent), lit("repeats an earlier record"))
            .when(
                dup,
                concat(
                    lit(contract.key() + " '"),
                    key,
                    lit("' was already used by an earlier record")))
            .otherwise(col(Columns.REASON_DETAIL));
    return d.withColumn(Columns.REASON_CODE, code)
        .withColumn(Columns.REASON_DETAIL, detail)
        .drop(IS_OPEN, "_content", "_rank", "_first_content");
  }

  /**
   * Marks rows whose customer_id is not among {@code customerIds} (the clean customers' ids, unique
   * by construction) with {@code UNKNOWN_CUSTOMER}.
   */
  public static Dataset<Row> withUnknownCustomerReason(
      Dataset<Row> rows, Dataset<Row> customerIds) {
    Dataset<Row> known =
        customerIds.select(col(Columns.CUSTOMER_ID).as("_known_id"), lit(true).as("_is_known"));
    Column unknown = col(Columns.REASON_CODE).isNull().and(col("_is_known").isNull());
    Dataset<Row> joined =
        rows.join(
                known, rows.col(Columns.CUSTOMER_ID).equalTo(known.col("_known_id")), "left_outer")
            .withColumn("_is_unknown", unknown);
    return joined
        .withColumn(
            Columns.REASON_CODE,
            when(col("_is_unknown"), lit(ReasonCode.UNKNOWN_CUSTOMER.name()))
                .otherwise(col(Columns.REASON_CODE)))
        .withColumn(
            Columns.REASON_DETAIL,
            when(
                    col("_is_unknown"),
                    concat(
                        lit("customer_id '"),
                        col(Columns.CUSTOMER_ID),
                        lit("' is not in customers")))
                .otherwise(col(Columns.REASON_DETAIL)))
        .drop("_known_id", "_is_known", "_is_unknown");
  }

  private static Column col(String name) {
    return org.apache.spark.sql.functions.col(name);
  }
}
