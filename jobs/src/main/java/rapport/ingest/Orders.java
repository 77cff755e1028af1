package rapport.ingest;

import static org.apache.spark.sql.functions.*;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import rapport.schema.Columns;
import rapport.schema.Schemas;

/** Business rules of the orders contract that go beyond typing. */
public final class Orders {
  private Orders() {}

  /**
   * Rolls order lines up into orders: the amount is the sum of the lines, the time the earliest
   * line's, and the other columns those of the first line in file order.
   */
  public static Dataset<Row> rollUpLines(Dataset<Row> lines) {
    Column order = struct(col(Columns.SOURCE_FILE), col(Columns.LINE_NUMBER));
    java.util.List<Column> aggs = new java.util.ArrayList<>();
    for (String c : Schemas.ORDERS.columnNames()) {
      if (c.equals(Columns.ORDER_ID)) {
        continue;
      }
      if (c.equals(Columns.AMOUNT)) {
        aggs.add(sum(col(c)).cast(Schemas.ORDERS.field(c).orElseThrow().type().sparkType()).as(c));
      } else if (c.equals(Columns.ORDERED_AT)) {
        aggs.add(min(col(c)).as(c));
      } else {
        aggs.add(min_by(col(c), order).as(c));
      }
    }
    return lines
        .groupBy(col(Columns.ORDER_ID))
        .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new))
        .select(
            Schemas.ORDERS.columnNames().stream()
                .map(org.apache.spark.sql.functions::col)
                .toArray(Column[]::new));
  }

  /** An order without a status is completed, or returned when its amount is negative. */
  public static Dataset<Row> withDefaultStatus(Dataset<Row> orders) {
    return orders.withColumn(
        Columns.STATUS,
        coalesce(
            col(Columns.STATUS),
            when(col(Columns.AMOUNT).lt(0), lit("returned")).otherwise(lit("completed"))));
  }
}
