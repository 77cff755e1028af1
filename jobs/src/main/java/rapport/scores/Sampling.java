package rapport.scores;

import static org.apache.spark.sql.functions.*;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import rapport.schema.Columns;

/**
 * A deterministic sample by customer: rows whose hashed customer_id falls below the fraction that
 * keeps about {@code cap} rows. The same inputs give the same sample, so fits are reproducible, and
 * only the sample reaches the driver.
 */
public final class Sampling {
  private Sampling() {}

  private static final long BUCKETS = 1_000_000L;

  public static Dataset<Row> capped(Dataset<Row> df, int cap) {
    return capped(df, cap, df.count());
  }

  /**
   * As {@link #capped(Dataset, int)}, for a table of at most {@code bound} rows: counted only when
   * the bound is above the cap, since a table within it is kept whole.
   */
  public static Dataset<Row> cappedWithin(Dataset<Row> df, int cap, long bound) {
    return bound <= cap ? df : capped(df, cap);
  }

  /** As {@link #capped(Dataset, int)}, for a table whose row count {@code n} is known. */
  public static Dataset<Row> capped(Dataset<Row> df, int cap, long n) {
    if (n <= cap) {
      return df;
    }
    long keep = (long) Math.floor(BUCKETS * (double) cap / n);
    return df.filter(
        pmod(xxhash64(col(Columns.CUSTOMER_ID), lit("rapport.scores")), lit(BUCKETS)).lt(keep));
  }
}
