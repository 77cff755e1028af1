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
import org.apache.spark.sql.Row;

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
    Column[] cols = Arrays.stream(df.columns()).sorted().map(c -> col(c)).toArray(Column[]::new);
    // decimal(38, 0) holds the sum of 10^19 hashes without overflow
    Row r = df.agg(count(lit(1)), sum(xxhash64(cols).cast("decimal(38,0)"))).first();
    return r.getLong(0) + ":" + (r.isNullAt(1) ? "0" : r.getDecimal(1).toPlainString());
  }

  /** SHA-256 (hex) of the schema and the {@link #fingerprint}. */
  public static String sha256(Dataset<Row> df) {
    String s = df.schema().simpleString() + "\n" + fingerprint(df) + "\n";
    return Manifest.sha256(s.getBytes(StandardCharsets.UTF_8));
  }
}
