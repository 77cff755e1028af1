package rapport.run;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A table's fingerprint from its rows, not from its file bytes: the schema, the row count and the
 * sum of xxhash64 over every row (columns in name order). It depends on the rows only, not on their
 * order or on the Parquet bytes; parquet-mr writes the encodings of a column chunk in hash-set
 * order, which differs from one JVM to the next, so the same rows give different files.
 */
public final class TableDigest {
  private TableDigest() {}

  /** The file beside a table's parts that holds its {@link #sha256}; Spark skips "_" files. */
  public static final String FILE = "_content.sha256";

  /** "rows:sum" — cheap to compare, and what {@link #sha256} hashes. */
  public static String fingerprint(Dataset<Row> df) {
    return fingerprint(df.agg(count(lit(1)), sum(hash(df))).first());
  }

  /** SHA-256 (hex) of the schema and the {@link #fingerprint}. */
  public static String sha256(Dataset<Row> df) {
    return sha256(df.schema(), fingerprint(df));
  }

  /**
   * {@code df} with the digest's count and sum observed as its rows pass: the action that writes
   * the rows computes the digest, with no second pass over them.
   */
  public static Observed observe(Dataset<Row> df) {
    Observation o = new Observation("table-digest");
    return new Observed(df.observe(o, count(lit(1)).as("rows"), sum(hash(df)).as("sum")), o);
  }

  /** Rows under observation; {@link #sha256} is known once an action has consumed them. */
  public record Observed(Dataset<Row> rows, Observation observation) {
    /**
     * The digest of the rows the action consumed, or null when Spark has not reported the observed
     * metrics within {@code seconds} (a plan it ran without them): the caller then computes it from
     * what was written.
     */
    public String sha256(long seconds) {
      Row metrics;
      try {
        metrics =
            scala.concurrent.Await.result(
                observation.future(), scala.concurrent.duration.Duration.create(seconds, "s"));
      } catch (java.util.concurrent.TimeoutException e) {
        return null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the table digest was computed", e);
      }
      return TableDigest.sha256(rows.schema(), fingerprint(metrics));
    }
  }

  /** xxhash64 over every column in name order, as a decimal(38, 0) to sum without overflow. */
  private static Column hash(Dataset<Row> df) {
    Column[] cols = Arrays.stream(df.columns()).sorted().map(c -> col(c)).toArray(Column[]::new);
    // decimal(38, 0) holds the sum of 10^19 hashes without overflow
    return xxhash64(cols).cast("decimal(38,0)");
  }

  private static String fingerprint(Row r) {
    return r.getLong(0) + ":" + (r.isNullAt(1) ? "0" : r.getDecimal(1).toPlainString());
  }

  private static String sha256(StructType schema, String fingerprint) {
    String s = schema.simpleString() + "\n" + fingerprint + "\n";
    return Manifest.sha256(s.getBytes(StandardCharsets.UTF_8));
  }
}
