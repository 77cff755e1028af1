package rapport.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import rapport.testing.TestSpark;

class ExactSumsTest {
  private static final StructType SCHEMA =
      new StructType().add("g", DataTypes.StringType).add("v", DataTypes.DoubleType, true);

  /** One partition, rows in the order given: Spark adds them in that order. */
  private static Dataset<Row> rows(Object[]... rows) {
    List<Row> r = new ArrayList<>();
    for (Object[] row : rows) {
      r.add(RowFactory.create(row));
    }
    return TestSpark.session().createDataFrame(r, SCHEMA).coalesce(1);
  }

  private static TreeMap<String, Double> byGroup(Dataset<Row> df, boolean exact, boolean mean) {
    TreeMap<String, Double> out = new TreeMap<>();
    var agg = mean ? ExactSums.mean(col("v")) : exact ? ExactSums.sum(col("v")) : sum(col("v"));
    for (Row r : df.groupBy("g").agg(agg).collectAsList()) {
      out.put(r.getString(0), r.isNullAt(1) ? null : r.getDouble(1));
    }
    return out;
  }

  @Test
  void theSumDoesNotDependOnTheOrderOfTheRows() {
    Dataset<Row> forward =
        rows(new Object[] {"a", 0.1}, new Object[] {"a", 0.2}, new Object[] {"a", 0.3});
    Dataset<Row> backward =
        rows(new Object[] {"a", 0.3}, new Object[] {"a", 0.2}, new Object[] {"a", 0.1});
    // Spark's own sum: (0.1 + 0.2) + 0.3 = 0.6000000000000001, (0.3 + 0.2) + 0.1 = 0.6
    assertNotEquals(byGroup(forward, false, false), byGroup(backward, false, false));
    assertEquals(0.6, byGroup(forward, true, false).get("a"));
    assertEquals(0.6, byGroup(backward, true, false).get("a"));
    assertEquals(0.2, byGroup(forward, true, true).get("a"), 1e-15);
    assertEquals(byGroup(forward, true, true), byGroup(backward, true, true));
  }

  @Test
  void nullsAreLeftOutAndNanOrHugeValuesAreSummedAsDoubles() {
    Dataset<Row> df =
        rows(
            new Object[] {"nulls", null},
            new Object[] {"mixed", 2.5},
            new Object[] {"mixed", null},
            new Object[] {"mixed", -1.0},
            new Object[] {"poison", 1.0},
            new Object[] {"poison", Double.NaN},
            new Object[] {"huge", 1e30},
            new Object[] {"huge", 1.0});
    TreeMap<String, Double> sums = byGroup(df, true, false);
    TreeMap<String, Double> means = byGroup(df, true, true);
    assertTrue(sums.containsKey("nulls") && sums.get("nulls") == null, sums.toString());
    assertTrue(means.get("nulls") == null, means.toString());
    assertEquals(1.5, sums.get("mixed"));
    assertEquals(0.75, means.get("mixed"));
    assertTrue(Double.isNaN(sums.get("poison")), sums.toString());
    assertEquals(1e30, sums.get("huge"));
  }
}
