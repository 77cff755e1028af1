package rapport.retention;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import rapport.stats.Estimate;

/**
 * The rows of {@code tables/retention_model} (see {@link rapport.schema.RetentionTables}): one per
 * estimate, each with the n it rests on. Coefficients of the Cox and logistic models are stored as
 * ratios (hazard ratio, odds ratio) with the interval on the same scale; their std_error is that of
 * the coefficient, on the log scale, which is where the Wald interval is built. A value that is not
 * finite (an interval that overflows, a p-value without degrees of freedom) is stored as null: no
 * table holds NaN or Infinity.
 */
final class ModelRows {
  private final List<Row> rows = new ArrayList<>();

  /** A coefficient as its ratio exp(β) with exp of its interval, and its Wald p-value. */
  void ratio(String model, Estimate e, long n) {
    rows.add(
        RowFactory.create(
            model,
            e.term(),
            finite(e.ratio()),
            finite(e.stdError()),
            finite(e.ratioLower95()),
            finite(e.ratioUpper95()),
            finite(e.p()),
            n));
  }

  /** A parameter on its own scale with estimate ± 1.96 se. */
  void parameter(String model, String term, double estimate, double se, long n) {
    rows.add(
        RowFactory.create(
            model,
            term,
            finite(estimate),
            finite(se),
            finite(estimate - Estimate.Z975 * se),
            finite(estimate + Estimate.Z975 * se),
            null,
            n));
  }

  /** A quality metric or summary without an interval. */
  void value(String model, String term, double value, long n) {
    rows.add(RowFactory.create(model, term, finite(value), null, null, null, null, n));
  }

  /** A test statistic with its p-value. */
  void test(String model, String term, double statistic, double p, long n) {
    rows.add(RowFactory.create(model, term, finite(statistic), null, null, null, finite(p), n));
  }

  /** A proportion with its interval (e.g. an observed rate with Wilson limits). */
  void proportion(String model, String term, double rate, double lower, double upper, long n) {
    rows.add(
        RowFactory.create(model, term, finite(rate), null, finite(lower), finite(upper), null, n));
  }

  List<Row> rows() {
    return rows;
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
