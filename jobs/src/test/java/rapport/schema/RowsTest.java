package rapport.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class RowsTest {
  private static final StructType TYPE =
      new StructType()
          .add("channel", DataTypes.StringType)
          .add("duration_seconds", DataTypes.IntegerType)
          .add("near_fanout", DataTypes.DoubleType)
          .add("is_open", DataTypes.BooleanType);

  private static Row row(Object... values) {
    return new GenericRowWithSchema(values, TYPE);
  }

  @Test
  void readsByNameWhateverTheOrder() {
    Row r = row("phone", 360, 2.5, true);
    assertEquals("phone", Rows.string(r, "channel"));
    assertEquals(360, Rows.integer(r, "duration_seconds"));
    assertEquals(2.5, Rows.number(r, "near_fanout"));
    assertTrue(Rows.bool(r, "is_open"));
  }

  @Test
  void nullsComeBackAsNullOrTheDefault() {
    Row poison = row(null, null, null, false);
    assertNull(Rows.string(poison, "channel"));
    assertNull(Rows.optionalInteger(poison, "duration_seconds"));
    assertNull(Rows.optionalNumber(poison, "near_fanout"));
    assertEquals(0.0, Rows.number(poison, "near_fanout", 0.0));
  }

  @Test
  void aMissingFieldSaysWhichAndWhatThereIs() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Rows.string(row("a", 1, 1.0, true), "x"));
    assertTrue(e.getMessage().contains("no field 'x'"), e.getMessage());
    assertTrue(e.getMessage().contains("channel, duration_seconds, near_fanout"), e.getMessage());
  }
}
