package rapport.schema;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/** The value kinds of the input contract, each with its Spark type and its normalisation. */
public enum FieldType {
  /** Free text, trimmed; empty means missing. */
  STRING(DataTypes.StringType),
  /** A key or reference: trimmed, case kept. */
  ID(DataTypes.StringType),
  /** An e-mail address: trimmed and lower-cased. */
  EMAIL(DataTypes.StringType),
  /** A code from a small vocabulary (channel, outcome): trimmed and lower-cased. */
  CODE(DataTypes.StringType),
  DATE(DataTypes.DateType),
  /** An instant; local values are read in the configured time zone. */
  TIMESTAMP(DataTypes.TimestampType),
  /** Money: 20 digits, 4 after the point. */
  DECIMAL(new DecimalType(20, 4)),
  INTEGER(DataTypes.LongType),
  BOOLEAN(DataTypes.BooleanType);

  private final DataType sparkType;

  FieldType(DataType sparkType) {
    this.sparkType = sparkType;
  }

  public DataType sparkType() {
    return sparkType;
  }
}
