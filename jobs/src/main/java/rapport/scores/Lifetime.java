package rapport.scores;

import static org.apache.spark.sql.functions.*;
import static rapport.schema.Scores.*;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import rapport.schema.Columns;
import rapport.spark.ExactSums;
import rapport.stats.BgNbd;
import rapport.stats.BgNbdFit;
import rapport.stats.GammaGamma;

/**
 * P(alive) and the expected value over the horizon from BG/NBD and Gamma-Gamma, fitted in the
 * project's own code ({@link rapport.stats}) on the features at one cut-off.
 *
 * <p>From the features, in weeks: x = purchase_days − 1, t<sub>x</sub> = (first_purchase_days −
 * recency_days)/7, T = first_purchase_days/7 (the observation ends at the start of day t). BG/NBD
 * is fitted on the distinct (x, t<sub>x</sub>, T) with their counts, aggregated by Spark, so only
 * those triples reach the driver; P(alive) and the expected purchases over H are computed once per
 * customer by a UDF that carries the four parameters. Gamma-Gamma is fitted on the repeat buyers'
 * (x, m<sub>x</sub>) (a deterministic hash sample when there are more than {@code sampleCap}).
 * expected_value = E[purchases in H] × E[M | x, m<sub>x</sub>]. Customers without a purchase before
 * t get neither (null).
 */
public final class Lifetime {
  private Lifetime() {}

  static final String X = "_x";
  static final String TX = "_tx_days";
  static final String T = "_t_days";

  /** The two fits at one cut-off; gammaGamma is null when there are no repeat buyers. */
  public record Fit(BgNbdFit bgNbd, GammaGamma.Fit gammaGamma) {}

  private static Dataset<Row> withTriple(Dataset<Row> features) {
    return features
        .withColumn(X, col(PURCHASE_DAYS).minus(1).cast("int"))
        .withColumn(TX, col(FIRST_PURCHASE_DAYS).minus(col(RECENCY_DAYS)).cast("int"))
        .withColumn(T, col(FIRST_PURCHASE_DAYS).cast("int"));
  }

  public static Fit fit(Dataset<Row> features, String label, int sampleCap) {
    List<Row> triples =
        withTriple(features)
            .filter(col(PURCHASE_DAYS).gt(0))
            .groupBy(X, TX, T)
            .agg(count(lit(1)).as("_n"))
            .orderBy(X, TX, T)
            .collectAsList();
    if (triples.isEmpty()) {
      return null;
    }
    int n = triples.size();
    int[] x = new int[n];
    double[] tx = new double[n];
    double[] t = new double[n];
    double[] c = new double[n];
    for (int i = 0; i < n; i++) {
      Row r = triples.get(i);
      x[i] = r.getInt(0);
      tx[i] = r.getInt(1) / 7.0;
      t[i] = r.getInt(2) / 7.0;
      c[i] = r.getLong(3);
    }
    BgNbdFit bg;
    try {
      bg = BgNbd.fit("BG/NBD, " + label, new BgNbd.Data(x, tx, t, c));
    } catch (RuntimeException e) {
      // too few or degenerate histories (e.g. nobody bought twice): no lifetime values
      return null;
    }
    Dataset<Row> repeat =
        withTriple(features)
            .filter(col(X).gt(0).and(col(REPEAT_MEAN_VALUE).gt(0)))
            .select(col(Columns.CUSTOMER_ID), col(X), col(REPEAT_MEAN_VALUE));
    List<Row> rows =
        Sampling.capped(repeat, sampleCap).orderBy(Columns.CUSTOMER_ID).collectAsList();
    GammaGamma.Fit gg = null;
    if (!rows.isEmpty()) {
      int[] fx = new int[rows.size()];
      double[] m = new double[rows.size()];
      for (int i = 0; i < rows.size(); i++) {
        fx[i] = rows.get(i).getInt(1);
        m[i] = rows.get(i).getDouble(2);
      }
      try {
        gg = GammaGamma.fit("Gamma-Gamma, " + label, fx, m);
      } catch (RuntimeException e) {
        gg = null;
      }
    }
    return new Fit(bg, gg);
  }

  /** Adds p_alive, expected_purchases (over horizonDays) and expected_value. */
  public static Dataset<Row> withLifetime(
      SparkSession spark, Dataset<Row> features, Fit fit, int horizonDays) {
    if (fit == null) {
      return features
          .withColumn(P_ALIVE, lit(null).cast("double"))
          .withColumn(EXPECTED_PURCHASES, lit(null).cast("double"))
          .withColumn(EXPECTED_VALUE, lit(null).cast("double"));
    }
    BgNbdFit bg = fit.bgNbd();
    double r = bg.r();
    double alpha = bg.alpha();
    double a = bg.a();
    double b = bg.b();
    double h = horizonDays / 7.0;
    // the four parameters travel in the closure; the fit object is rebuilt per row (cheap)
    UserDefinedFunction pAlive =
        udf(
            (UDF3<Integer, Integer, Integer, Double>)
                (x, tx, t) ->
                    x == null || tx == null || t == null || x < 0
                        ? null
                        : BgNbdFit.of(r, alpha, a, b).probabilityAlive(x, tx / 7.0, t / 7.0),
            DataTypes.DoubleType);
    UserDefinedFunction purchases =
        udf(
            (UDF3<Integer, Integer, Integer, Double>)
                (x, tx, t) ->
                    x == null || tx == null || t == null || x < 0
                        ? null
                        : BgNbdFit.of(r, alpha, a, b)
                            .conditionalExpectedPurchases(h, x, tx / 7.0, t / 7.0),
            DataTypes.DoubleType);
    Column bought = col(PURCHASE_DAYS).gt(0);
    Dataset<Row> joined =
        withTriple(features)
            .withColumn(P_ALIVE, when(bought, pAlive.apply(col(X), col(TX), col(T))))
            .withColumn(EXPECTED_PURCHASES, when(bought, purchases.apply(col(X), col(TX), col(T))))
            .drop(X, TX, T);
    Column spend = expectedSpend(fit.gammaGamma(), features);
    return joined.withColumn(EXPECTED_VALUE, col(EXPECTED_PURCHASES).multiply(spend));
  }

  /** Whether the Gamma-Gamma fit is usable for expected spend. */
  static boolean usable(GammaGamma.Fit gg) {
    return gg != null && gg.converged() && gg.q() > 1;
  }

  /**
   * Gamma-Gamma's E[M | x, m_x] (Fader &amp; Hardie 2013, eq. 5) as a column expression. When the
   * fit is unusable (none, not converged, or q &lt;= 1 so that the population mean is infinite), a
   * customer's own mean repeat spend stands in, and the population's mean of those for one-time
   * buyers (explain.txt says so).
   */
  private static Column expectedSpend(GammaGamma.Fit gg, Dataset<Row> features) {
    if (!usable(gg)) {
      Row mean =
          features
              .filter(col(REPEAT_MEAN_VALUE).gt(0))
              .agg(ExactSums.mean(col(REPEAT_MEAN_VALUE)))
              .first();
      Column population = mean.isNullAt(0) ? lit(null).cast("double") : lit(mean.getDouble(0));
      return when(col(REPEAT_MEAN_VALUE).gt(0), col(REPEAT_MEAN_VALUE)).otherwise(population);
    }
    double p = gg.p();
    double q = gg.q();
    double gamma = gg.gamma();
    Column x = col(PURCHASE_DAYS).minus(1).cast("double");
    Column m = col(REPEAT_MEAN_VALUE);
    return when(
            x.gt(0).and(m.gt(0)),
            lit(gamma).plus(x.multiply(m)).multiply(p).divide(x.multiply(p).plus(q - 1)))
        .otherwise(lit(gg.conditionalExpectedAverageValue(0, Double.NaN)));
  }
}
