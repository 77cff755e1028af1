package rapport.touches;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import rapport.schema.Columns;
import rapport.schema.Touches;
import rapport.testing.TestSpark;

/** What the classify stage collects to the driver, on tables of a few rows. */
class ClassifyCountsTest {
  private static Dataset<Row> table(StructType schema, Object[]... rows) {
    List<Row> out = new ArrayList<>();
    for (Object[] r : rows) {
      out.add(RowFactory.create(r));
    }
    return TestSpark.session().createDataFrame(out, schema);
  }

  private static final StructType CUSTOMERS =
      new StructType()
          .add(Columns.CUSTOMER_ID, DataTypes.StringType)
          .add(Columns.FIRST_NAME, DataTypes.StringType)
          .add(Columns.LAST_NAME, DataTypes.StringType);

  private static final StructType REPS =
      new StructType()
          .add(Columns.REP_ID, DataTypes.StringType)
          .add(Columns.NAME, DataTypes.StringType);

  @Test
  void namesAreLowerCasedWordsTheMostFrequentFirst() {
    Dataset<Row> customers =
        table(
            CUSTOMERS,
            new Object[] {"C1", " Zoe ", "Berg"},
            new Object[] {"C2", "zoe", "Ahl"},
            new Object[] {"C3", "Ann", "O'Neil"},
            // poison: a missing first name, a last name with digits
            new Object[] {"C4", null, "R2D2"});
    Dataset<Row> reps = table(REPS, new Object[] {"R2", "Cy  Berg"}, new Object[] {"R1", "Ann"});

    assertEquals(
        List.of("zoe", "ahl", "ann", "berg", "o'neil"),
        new ArrayList<>(ClassifyCounts.names(customers, null)));
    assertEquals(
        List.of("ann", "berg", "zoe", "ahl", "cy", "o'neil"),
        new ArrayList<>(ClassifyCounts.names(customers, reps)));
    assertEquals(List.of("R1", "R2"), new ArrayList<>(ClassifyCounts.repIds(reps)));
    assertEquals(List.of(), new ArrayList<>(ClassifyCounts.repIds(null)));
  }

  @Test
  void touchesByKindInTheOrderOfTheKind() {
    StructType schema =
        new StructType()
            .add(Columns.INTERACTION_ID, DataTypes.StringType)
            .add(Touches.TOUCH_KIND, DataTypes.StringType);
    Dataset<Row> touches =
        table(
            schema,
            new Object[] {"I1", Touches.PERSONAL},
            new Object[] {"I2", Touches.AUTOMATED},
            new Object[] {"I3", Touches.PERSONAL},
            new Object[] {"I4", Touches.INBOUND},
            new Object[] {"I5", Touches.AUTOMATED},
            new Object[] {"I6", Touches.PERSONAL});
    Map<String, Long> expected = new LinkedHashMap<>();
    expected.put(Touches.AUTOMATED, 2L);
    expected.put(Touches.INBOUND, 1L);
    expected.put(Touches.PERSONAL, 3L);
    assertEquals(
        new ArrayList<>(expected.entrySet()),
        new ArrayList<>(ClassifyCounts.byKind(touches).entrySet()));
    assertEquals(Map.of(), ClassifyCounts.byKind(touches.limit(0)));
  }
}
