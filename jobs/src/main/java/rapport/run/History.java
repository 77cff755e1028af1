package rapport.run;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import rapport.errors.RapportException;
import rapport.schema.Columns;
import rapport.schema.Scores;

/**
 * The scores of every run as one dataset across runs: {@code
 * OUT/history/relationship_scores/as_of=YYYY-MM-DD/part-*.parquet}, partitioned the way Spark SQL,
 * DuckDB ({@code hive_partitioning}) and pandas/pyarrow read as one table with an {@code as_of}
 * column. Each partition holds the committed run's {@code tables/relationship_scores} and its
 * {@code run_id}. A rerun of a date replaces that date's partition: the new one is written beside
 * it under a hidden name (readers skip names starting with {@code .}) and renamed into place.
 */
public final class History {
  public static final String DIR = "history";

  private History() {}

  /** The folder of the scores' history under {@code out}. */
  public static Path scores(Path out) {
    return out.resolve(DIR).resolve(Scores.TABLE);
  }

  /**
   * The scores of {@code scores} (a table of the run {@code runId}) as the partition of {@code
   * asOf}.
   */
  public static Dataset<Row> partitionRows(Dataset<Row> scores, String runId) {
    Dataset<Row> rows =
        Arrays.asList(scores.columns()).contains(Columns.AS_OF)
            ? scores.drop(Columns.AS_OF)
            : scores;
    return rows.withColumn("run_id", lit(runId)).sortWithinPartitions(col(Columns.CUSTOMER_ID));
  }

  /**
   * Replaces the partition of {@code asOf} with the scores of the committed run {@code run}; does
   * nothing when the run has no scores.
   */
  public static void appendScores(
      SparkSession spark, Path out, Path run, LocalDate asOf, String runId) {
    Path table = run.resolve("tables").resolve(Scores.TABLE);
    if (!Files.isDirectory(table)) {
      return;
    }
    Path root = scores(out);
    Path target = root.resolve(Columns.AS_OF + "=" + asOf);
    String tag = UUID.randomUUID().toString().substring(0, 8);
    Path fresh = root.resolve(".new-" + target.getFileName() + "-" + tag);
    Path aside = root.resolve(".old-" + target.getFileName() + "-" + tag);
    try {
      Files.createDirectories(root);
      spark.sparkContext().setJobDescription("history: scores of " + asOf);
      partitionRows(spark.read().parquet(table.toString()), runId)
          .write()
          .mode(SaveMode.ErrorIfExists)
          .option("compression", "snappy")
          .parquet(fresh.toString());
      try (Stream<Path> files = Files.list(fresh)) {
        for (Path f : files.toList()) {
          String n = f.getFileName().toString();
          if (n.endsWith(".crc") || n.equals("_SUCCESS")) {
            Files.delete(f);
          }
        }
      }
      if (Files.exists(target)) {
        Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
      RunFolder.delete(aside);
    } catch (IOException | RuntimeException e) {
      try {
        if (!Files.exists(target) && Files.isDirectory(aside)) {
          Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
        }
        RunFolder.delete(fresh);
      } catch (IOException | RapportException again) {
        e.addSuppressed(again);
      }
      throw RapportException.output(
          e,
          "the run is committed in %s, but its scores could not be added to %s: %s; run"
              + " ./rapport score again for as_of %s to add them",
          run,
          target,
          RunFiles.reason(e),
          asOf);
    }
  }
}
