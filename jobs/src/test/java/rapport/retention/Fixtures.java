package rapport.retention;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import rapport.schema.Columns;
import rapport.schema.Touches;
import rapport.testing.TestSpark;

/** Tiny inline tables in the shape the ingest and classify stages write (only used columns). */
final class Fixtures {
  private Fixtures() {}

  static final String ZONE = "UTC";
  static final LocalDate S = LocalDate.of(2024, 1, 1);

  static long day(LocalDate d) {
    return d.toEpochDay();
  }

  static Row customer(String id, LocalDate since, LocalDate closed) {
    return RowFactory.create(id, Date.valueOf(since), closed == null ? null : Date.valueOf(closed));
  }

  static Dataset<Row> customers(Row... rows) {
    StructType schema =
        new StructType()
            .add(Columns.CUSTOMER_ID, DataTypes.StringType, false)
            .add(Columns.CUSTOMER_SINCE, DataTypes.DateType, false)
            .add(Columns.CLOSED_AT, DataTypes.DateType, true);
    return TestSpark.session().createDataFrame(List.of(rows), schema);
  }

  static Row order(String id, String customer, LocalDate day, String amount, String status) {
    return RowFactory.create(
        id, customer, Timestamp.valueOf(day.atTime(12, 0)), new BigDecimal(amount), status);
  }

  static Dataset<Row> orders(Row... rows) {
    StructType schema =
        new StructType()
            .add(Columns.ORDER_ID, DataTypes.StringType, false)
            .add(Columns.CUSTOMER_ID, DataTypes.StringType, false)
            .add(Columns.ORDERED_AT, DataTypes.TimestampType, false)
            .add(Columns.AMOUNT, DataTypes.createDecimalType(20, 4), false)
            .add(Columns.STATUS, DataTypes.StringType, false);
    return TestSpark.session().createDataFrame(List.of(rows), schema);
  }

  static Row touch(String customer, LocalDate day, String kind) {
    return RowFactory.create(customer, Timestamp.valueOf(day.atTime(9, 30)), kind);
  }

  static Dataset<Row> touches(Row... rows) {
    StructType schema =
        new StructType()
            .add(Columns.CUSTOMER_ID, DataTypes.StringType, false)
            .add(Columns.OCCURRED_AT, DataTypes.TimestampType, false)
            .add(Touches.TOUCH_KIND, DataTypes.StringType, false);
    return TestSpark.session().createDataFrame(List.of(rows), schema);
  }
}
