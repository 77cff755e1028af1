package rapport.scores;

import static org.apache.spark.sql.functions.*;
import static rapport.schema.Scores.*;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import rapport.schema.Columns;
import rapport.spark.ExactSums;
import rapport.stats.BgNbd;
import rapport.stats.BgNbdFit;
import rapport.stats.FitStatus;
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
 *
 * <p>Both fits are guarded ({@link BgNbd#fitGuarded}, {@link GammaGamma#fitGuarded}): plain maximum
 * likelihood, then the penalised fit when that one is degenerate. The BG/NBD fit is used only when
 * its status is usable and its predictions keep their invariants on every fitted customer (P(alive)
 * in [0, 1], expected purchase days over H finite and at most H); otherwise p_alive,
 * expected_purchases and expected_value stay empty and explain.txt says why.
 *
 * <p>When the pooled Gamma-Gamma fit is not usable (one population of spend does not fit, e.g. a
 * car dealer and a coffee shop in one order log) and {@code value_groups} names a column, Gamma-
 * Gamma is fitted per business line (each buyer's most frequent location_id or category) with at
 * least {@value #MIN_LINE_BUYERS} repeat buyers; customers of a line without a usable fit keep the
 * own-mean fallback.
 */
public final class Lifetime {
  private Lifetime() {}

  static final String X = "_x";
  static final String TX = "_tx_days";
  static final String T = "_t_days";
  static final String LINE = "_business_line";

  /** A business line needs at least this many repeat buyers for a Gamma-Gamma fit of its own. */
  static final int MIN_LINE_BUYERS = 20;

  /**
   * Each buyer's business line at cut-off t: the value of {@code column} (location_id or category)
   * on most of their completed orders before t (ties: the smallest value); customers whose orders
   * carry none are left out.
   */
  static Dataset<Row> businessLines(Dataset<Row> orders, LocalDate t, String zone, String column) {
    Column day = to_date(from_utc_timestamp(col(Columns.ORDERED_AT), zone));
    Dataset<Row> counts =
        orders
            .filter(day.lt(lit(java.sql.Date.valueOf(t))))
            .filter(col(Columns.STATUS).equalTo("completed").and(col(column).isNotNull()))
            // partitioned by customer once: the count by line and the ranking window over the
            // customer need no shuffle of their own
            .repartition(col(Columns.CUSTOMER_ID))
            .groupBy(col(Columns.CUSTOMER_ID), col(column).as(LINE))
            .agg(count(lit(1)).as("_orders"));
    WindowSpec byCustomer =
        Window.partitionBy(Columns.CUSTOMER_ID).orderBy(col("_orders").desc(), col(LINE).asc());
    return counts
        .withColumn("_rank", row_number().over(byCustomer))
        .filter(col("_rank").equalTo(1))
        .select(Columns.CUSTOMER_ID, LINE);
  }

  /**
   * The two fits at one cut-off.
   *
   * @param bgNbd the BG/NBD fit (null when it could not be fitted at all)
   * @param bgNbdStatus whether it is used: its own status and the invariants of its predictions
   * @param gammaGamma the Gamma-Gamma fit; null when there are no repeat buyers
   * @param data the compressed (x, t_x, T) in weeks it was fitted on
   * @param byLine Gamma-Gamma per business line (customer_id to line in {@code lines}), fitted when
   *     the pooled fit is not usable; empty otherwise
   * @param lines customer_id, {@link #LINE}: each buyer's business line, or null when value models
   *     are not fitted per line
   * @param repeatBuyers the customers with a repeat purchase day of positive value
   * @param repeatValueMean their mean repeat_mean_value ({@link ExactSums#mean}); NaN when there
   *     are none or it could not be finished from the exact sums
   */
  public record Fit(
      BgNbdFit bgNbd,
      FitStatus bgNbdStatus,
      GammaGamma.Fit gammaGamma,
      BgNbd.Data data,
      Map<String, GammaGamma.Fit> byLine,
      Dataset<Row> lines,
      long repeatBuyers,
      double repeatValueMean) {

    /** Whether p_alive and expected purchases come from the fit. */
    public boolean purchaseModelUsable() {
      return bgNbd != null && bgNbdStatus.usable();
    }
  }

  private static Dataset<Row> withTriple(Dataset<Row> features) {
    return features
        .withColumn(X, col(PURCHASE_DAYS).minus(1).cast("int"))
        .withColumn(TX, col(FIRST_PURCHASE_DAYS).minus(col(RECENCY_DAYS)).cast("int"))
        .withColumn(T, col(FIRST_PURCHASE_DAYS).cast("int"));
  }

  /**
   * @param lines each buyer's business line ({@link #businessLines}), or null not to fit value
   *     models per line
   */
  public static Fit fit(
      Dataset<Row> features,
      String label,
      int sampleCap,
      int horizonDays,
      double penalizer,
      Dataset<Row> lines) {
    // the repeat buyers Gamma-Gamma fits on are counted in the same pass (they all bought)
    List<Row> triples =
        SortedRows.collect(
            withTriple(features)
                .filter(col(PURCHASE_DAYS).gt(0))
                .groupBy(X, TX, T)
                .agg(
                    count(lit(1)).as("_n"),
                    sum(when(repeatBuyer(), 1L).otherwise(0L)).as("_repeat"),
                    // the repeat buyers' values as ExactSums adds them, for their mean
                    sum(when(repeatBuyer(), ExactSums.fixedPoint(col(REPEAT_MEAN_VALUE))))
                        .as("_repeat_value"),
                    count(when(repeatBuyer(), ExactSums.fixedPoint(col(REPEAT_MEAN_VALUE))))
                        .as("_repeat_fixed")),
            X,
            TX,
            T);
    if (triples.isEmpty()) {
      return null;
    }
    int n = triples.size();
    int[] x = new int[n];
    double[] tx = new double[n];
    double[] t = new double[n];
    double[] c = new double[n];
    long repeatBuyers = 0;
    long fixed = 0;
    java.math.BigDecimal repeatValue = java.math.BigDecimal.ZERO;
    for (int i = 0; i < n; i++) {
      Row r = triples.get(i);
      repeatBuyers += r.getLong(4);
      fixed += r.getLong(6);
      if (!r.isNullAt(5)) {
        repeatValue = repeatValue.add(r.getDecimal(5));
      }
      x[i] = r.getInt(0);
      tx[i] = r.getInt(1) / 7.0;
      t[i] = r.getInt(2) / 7.0;
      c[i] = r.getLong(3);
    }
    BgNbd.Data data = new BgNbd.Data(x, tx, t, c);
    BgNbdFit bg = null;
    FitStatus bgStatus;
    try {
      bg = BgNbd.fitGuarded("BG/NBD, " + label, data, penalizer);
      bgStatus =
          bg.status().with(bg.predictionStatus(data, horizonDays / 7.0, horizonDays).problems());
    } catch (RuntimeException e) {
      // e.g. a hypergeometric series that does not converge at degenerate parameters
      bgStatus = new FitStatus(List.of("BG/NBD could not be fitted: " + e.getMessage()));
    }
    Dataset<Row> repeat =
        withTriple(features)
            .filter(repeatBuyer())
            .select(col(Columns.CUSTOMER_ID), col(X), col(REPEAT_MEAN_VALUE));
    List<Row> rows =
        SortedRows.collect(Sampling.capped(repeat, sampleCap, repeatBuyers), Columns.CUSTOMER_ID);
    GammaGamma.Fit gg = null;
    if (!rows.isEmpty()) {
      int[] fx = new int[rows.size()];
      double[] m = new double[rows.size()];
      for (int i = 0; i < rows.size(); i++) {
        fx[i] = rows.get(i).getInt(1);
        m[i] = rows.get(i).getDouble(2);
      }
      try {
        gg = GammaGamma.fitGuarded("Gamma-Gamma, " + label, fx, m, penalizer);
      } catch (RuntimeException e) {
        gg = null;
      }
    }
    Map<String, GammaGamma.Fit> byLine = new TreeMap<>();
    if (gg != null && !usable(gg) && lines != null) {
      byLine = fitByLine(repeat, repeatBuyers, lines, label, sampleCap, penalizer);
    }
    // ExactSums.mean of the repeat buyers' values, finished here from the triples' exact sums;
    // unknown (NaN) when a value was beyond its fixed point
    double repeatMean =
        repeatBuyers == 0 || fixed < repeatBuyers
            ? Double.NaN
            : repeatValue.doubleValue() / repeatBuyers;
    return new Fit(
        bg, bgStatus, gg, data, byLine, byLine.isEmpty() ? null : lines, repeatBuyers, repeatMean);
  }

  /** A customer with a repeat purchase day of positive value: what Gamma-Gamma fits on. */
  private static Column repeatBuyer() {
    return col(X).gt(0).and(col(REPEAT_MEAN_VALUE).gt(0));
  }

  /**
   * Gamma-Gamma per business line, for the lines with at least {@link #MIN_LINE_BUYERS}.
   *
   * @param repeatBuyers the rows of {@code repeat}
   */
  private static Map<String, GammaGamma.Fit> fitByLine(
      Dataset<Row> repeat,
      long repeatBuyers,
      Dataset<Row> lines,
      String label,
      int sampleCap,
      double penalizer) {
    // lines are unique by customer_id (one rank-1 row each): the join keeps at most the repeat
    // buyers
    List<Row> rows =
        SortedRows.collect(
            Sampling.cappedWithin(
                    repeat.join(lines, Columns.CUSTOMER_ID, "inner"), sampleCap, repeatBuyers)
                .select(LINE, X, REPEAT_MEAN_VALUE, Columns.CUSTOMER_ID),
            LINE,
            Columns.CUSTOMER_ID);
    Map<String, List<Row>> grouped = new TreeMap<>();
    for (Row r : rows) {
      grouped.computeIfAbsent(r.getString(0), k -> new java.util.ArrayList<>()).add(r);
    }
    Map<String, GammaGamma.Fit> fits = new TreeMap<>();
    grouped.forEach(
        (line, group) -> {
          if (group.size() < MIN_LINE_BUYERS) {
            return;
          }
          int[] fx = new int[group.size()];
          double[] m = new double[group.size()];
          for (int i = 0; i < fx.length; i++) {
            fx[i] = group.get(i).getInt(1);
            m[i] = group.get(i).getDouble(2);
          }
          try {
            fits.put(
                line,
                GammaGamma.fitGuarded(
                    "Gamma-Gamma, " + label + ", line " + line, fx, m, penalizer));
          } catch (RuntimeException e) {
            // a line whose values cannot be fitted keeps the customers' own means
          }
        });
    return fits;
  }

  /** Adds p_alive, expected_purchases (over horizonDays) and expected_value. */
  public static Dataset<Row> withLifetime(
      SparkSession spark, Dataset<Row> features, Fit fit, int horizonDays) {
    if (fit == null || !fit.purchaseModelUsable()) {
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
    Column spend = expectedSpend(fit, features);
    if (fit.lines() != null) {
      // lines are unique by customer_id: one row per customer stays one
      joined = joined.join(fit.lines(), Columns.CUSTOMER_ID, "left_outer");
      for (Map.Entry<String, GammaGamma.Fit> e : fit.byLine().entrySet()) {
        if (usable(e.getValue())) {
          spend =
              when(col(LINE).equalTo(e.getKey()), gammaGammaSpend(e.getValue())).otherwise(spend);
        }
      }
      return joined.withColumn(EXPECTED_VALUE, col(EXPECTED_PURCHASES).multiply(spend)).drop(LINE);
    }
    return joined.withColumn(EXPECTED_VALUE, col(EXPECTED_PURCHASES).multiply(spend));
  }

  /** Whether the Gamma-Gamma fit is usable for expected spend. */
  static boolean usable(GammaGamma.Fit gg) {
    return gg != null && gg.status().usable();
  }

  /**
   * Gamma-Gamma's E[M | x, m_x] (Fader &amp; Hardie 2013, eq. 5) as a column expression. When the
   * fit is unusable (none, not converged, or q &lt;= 1 so that the population mean is infinite), a
   * customer's own mean repeat spend stands in, and the population's mean of those for one-time
   * buyers (explain.txt says so).
   */
  private static Column expectedSpend(Fit fit, Dataset<Row> features) {
    if (!usable(fit.gammaGamma())) {
      Column population;
      if (fit.repeatBuyers() == 0) {
        population = lit(null).cast("double");
      } else if (!Double.isNaN(fit.repeatValueMean())) {
        population = lit(fit.repeatValueMean());
      } else {
        // repeat_mean_value > 0 are the repeat buyers (it is null with a single purchase day)
        population =
            lit(
                features
                    .filter(col(REPEAT_MEAN_VALUE).gt(0))
                    .agg(ExactSums.mean(col(REPEAT_MEAN_VALUE)))
                    .first()
                    .getDouble(0));
      }
      return when(col(REPEAT_MEAN_VALUE).gt(0), col(REPEAT_MEAN_VALUE)).otherwise(population);
    }
    return gammaGammaSpend(fit.gammaGamma());
  }

  /** E[M | x, m_x] of a usable Gamma-Gamma fit; its population mean for one-time buyers. */
  private static Column gammaGammaSpend(GammaGamma.Fit gg) {
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
