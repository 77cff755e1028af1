package rapport.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.testing.TestSpark;

/**
 * OUT/history/relationship_scores: one partition per as-of date, read back as one table with an
 * as_of column; a rerun of a date replaces its partition and leaves the others.
 */
class HistoryTest {
  @TempDir Path out;

  static final StructType SCORES =
      new StructType()
          .add("as_of", DataTypes.DateType, false)
          .add("customer_id", DataTypes.StringType, false)
          .add("relationship_score", DataTypes.DoubleType, true);

  private Path run(String asOf, double... scores) {
    SparkSession spark = TestSpark.session();
    Path run = out.resolve(asOf);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      rows.add(
          RowFactory.create(
              java.sql.Date.valueOf(asOf),
              "C" + (i + 1),
              Double.isNaN(scores[i]) ? null : scores[i]));
    }
    spark
        .createDataFrame(rows, SCORES)
        .coalesce(1)
        .write()
        .mode("overwrite")
        .parquet(run.resolve("tables/relationship_scores").toString());
    return run;
  }

  private List<String> history() {
    return TestSpark.session()
        .read()
        .parquet(History.scores(out).toString())
        .orderBy("as_of", "customer_id")
        .collectAsList()
        .stream()
        .map(
            r ->
                r.getAs("as_of")
                    + " "
                    + r.getAs("customer_id")
                    + " "
                    + r.getAs("relationship_score")
                    + " "
                    + r.getAs("run_id"))
        .toList();
  }

  @Test
  void aRerunReplacesItsDateAndKeepsTheOthers() throws Exception {
    SparkSession spark = TestSpark.session();
    LocalDate june23 = LocalDate.parse("2026-06-23");
    LocalDate june30 = LocalDate.parse("2026-06-30");
    History.appendScores(spark, out, run("2026-06-23", 40, 50), june23, "run-a");
    History.appendScores(spark, out, run("2026-06-30", 41, Double.NaN, 70), june30, "run-b");
    assertEquals(
        List.of(
            "2026-06-23 C1 40.0 run-a",
            "2026-06-23 C2 50.0 run-a",
            "2026-06-30 C1 41.0 run-b",
            "2026-06-30 C2 null run-b",
            "2026-06-30 C3 70.0 run-b"),
        history());
    // the same date again: its partition is replaced, no duplicates, the other date stays
    History.appendScores(spark, out, run("2026-06-30", 42, 52), june30, "run-c");
    assertEquals(
        List.of(
            "2026-06-23 C1 40.0 run-a",
            "2026-06-23 C2 50.0 run-a",
            "2026-06-30 C1 42.0 run-c",
            "2026-06-30 C2 52.0 run-c"),
        history());
    // nothing left beside the partitions: no staging folder, no old copy, no checksum files
    try (Stream<Path> s = Files.walk(History.scores(out))) {
      List<String> names =
          s.filter(p -> !p.equals(History.scores(out)))
              .map(p -> History.scores(out).relativize(p).toString())
              .filter(n -> !n.matches("as_of=\\d{4}-\\d{2}-\\d{2}(/part-[^/]*\\.parquet)?"))
              .toList();
      assertEquals(List.of(), names);
    }
    assertTrue(Files.isDirectory(History.scores(out).resolve("as_of=2026-06-23")));
  }

  @Test
  void aRunWithoutScoresAddsNothing() {
    Path run = out.resolve("2026-06-30");
    History.appendScores(
        TestSpark.session(), out, run, LocalDate.parse("2026-06-30"), "run-without-scores");
    assertTrue(!Files.exists(History.scores(out)));
  }
}
