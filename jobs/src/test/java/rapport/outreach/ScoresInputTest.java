package rapport.outreach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import rapport.errors.ExitCode;
import rapport.errors.RapportException;
import rapport.schema.Columns;
import rapport.schema.Scores;
import rapport.testing.TestSpark;

/** The contract outreach holds the scores table to, on tables of a few rows. */
class ScoresInputTest {
  private static final StructType SCORES =
      new StructType()
          .add(Columns.CUSTOMER_ID, DataTypes.StringType)
          .add(Scores.RETENTION_PROBABILITY, DataTypes.DoubleType)
          .add(Scores.EXPECTED_VALUE, DataTypes.DoubleType)
          .add(Scores.RELATIONSHIP_SCORE, DataTypes.DoubleType)
          .add(Scores.REASON_CODES, DataTypes.StringType);

  private static Dataset<Row> scores(String... customers) {
    List<Row> rows = new ArrayList<>();
    for (String c : customers) {
      rows.add(RowFactory.create(c, 0.5, 10.0, 0.3, "R1"));
    }
    return TestSpark.session().createDataFrame(rows, SCORES);
  }

  @Test
  void oneRowPerCustomerWithEveryColumnPasses() {
    ScoresInput.require(scores("C1", "C2", "C3"));
  }

  @Test
  void aCustomerTwiceIsAnInputContractError() {
    // poison: C2 scored twice
    RapportException e =
        assertThrows(
            RapportException.class, () -> ScoresInput.require(scores("C1", "C2", "C3", "C2")));
    assertEquals(ExitCode.INPUT_CONTRACT, e.exitCode());
    assertEquals(
        "tables/"
            + Scores.TABLE
            + " holds customer_id C2 2 times; it must be unique: rerun ./rapport score",
        e.getMessage());
  }

  @Test
  void aMissingColumnIsNamed() {
    RapportException e =
        assertThrows(
            RapportException.class,
            () -> ScoresInput.require(scores("C1").drop(Scores.EXPECTED_VALUE)));
    assertEquals(ExitCode.INPUT_CONTRACT, e.exitCode());
    assertEquals(
        "tables/"
            + Scores.TABLE
            + " has no column expected_value, which outreach needs: rerun ./rapport score",
        e.getMessage());
  }
}
