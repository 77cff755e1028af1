package rapport.spark;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * Sums and means of doubles that come out the same whatever order Spark adds the rows in. Spark's
 * {@code sum} and {@code avg} of doubles add in the order the rows arrive, which depends on the
 * partitioning, the master and the shuffle; floating-point addition is not associative, so the last
 * bits move from one run to the next and a rounded figure can flip. Here every value is rounded to
 * a fixed point of 12 decimals and added exactly as a decimal, so the result depends on the values
 * only. The rounding (at most 5e-13 a value) is far below any figure rapport prints.
 *
 * <p>A group holding NaN, an infinity or a value too large for the fixed point (|v| &ge; 1e24) is
 * summed as Spark sums doubles: NaN and infinities then decide the result whatever the order.
 */
public final class ExactSums {
  private ExactSums() {}

  private static final String FIXED_POINT = "decimal(38,12)";
  private static final double LIMIT = 1e24;

  /**
   * The decimal {@link #sum} adds a value as; null for a value it cannot fix (NaN, an infinity, |v|
   * &ge; 1e24). When every value of a group fits, their sum turned into a double is {@link #sum}'s,
   * however the partial sums are split, so a sum can be finished on the driver.
   */
  public static Column fixedPoint(Column c) {
    return when(abs(c).lt(LIMIT), c).cast(FIXED_POINT);
  }

  /** The sum of a double column over a group, as a double; null when every value is null. */
  public static Column sum(Column c) {
    Column exact = functions.sum(fixedPoint(c)).cast("double");
    Column unfit = max(when(c.isNotNull().and(isnan(c).or(abs(c).geq(LIMIT))), 1).otherwise(0));
    return when(unfit.equalTo(1), functions.sum(c)).otherwise(exact);
  }

  /** The mean of the non-null values of a double column over a group; null when there are none. */
  public static Column mean(Column c) {
    return sum(c).divide(count(c));
  }
}
