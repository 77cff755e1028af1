package rapport.scores;

import static org.apache.spark.sql.functions.*;
import static rapport.schema.Scores.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import rapport.domain.RetentionLabels;
import rapport.stats.BgNbdFit;

/**
 * The fallback chain of retention_probability: every customer gets the first of these that is
 * usable and gives them a valid probability (finite, in [0, 1]), and {@code score_model} names it.
 *
 * <ol>
 *   <li>{@code full_model}: the logistic model on every feature ({@link RetentionModel#covariates})
 *   <li>{@code rfm_baseline}: the logistic model on recency, frequency and monetary value
 *   <li>{@code purchase_model}: BG/NBD alone, P(alive) × (1 − ((α+T)/(α+T+H))<sup>r+x</sup>), the
 *       probability of being alive times that of at least one purchase within H at the posterior
 *       rate (FHL 2005; dropout within H is ignored, so it leans high); buyers only
 *   <li>{@code empirical}: the retained share of the backtest's customers with as many purchase
 *       days (bands 0, 1, 2–3, 4–7, 8+), smoothed towards the overall share as (retained + 2 ·
 *       overall) / (n + 2), the overall share itself (retained + 1) / (N + 2); always defined
 * </ol>
 *
 * A model is unusable when it is missing, did not converge, is degenerate or its predictions break
 * an invariant (see {@link rapport.stats.FitStatus}); explain.txt says which and why.
 */
final class Fallback {
  private Fallback() {}

  /** The purchase-day bands of the empirical rates: [low, high]. */
  private static final int[][] BANDS = {{0, 0}, {1, 1}, {2, 3}, {4, 7}, {8, Integer.MAX_VALUE}};

  /**
   * The empirical rates.
   *
   * @param customers labelled customers at the backtest cut-off
   * @param retained of them retained
   * @param overall the smoothed overall share
   * @param bands one per band: label, n, retained, smoothed rate
   */
  record Empirical(long customers, long retained, double overall, List<Band> bands) {
    record Band(String label, int low, int high, long n, long retained, double rate) {}

    Column rate() {
      Column c = lit(overall);
      for (int k = bands.size() - 1; k >= 0; k--) {
        Band b = bands.get(k);
        c = when(col(PURCHASE_DAYS).between(b.low(), b.high()), lit(b.rate())).otherwise(c);
      }
      return c;
    }

    String describe() {
      StringBuilder s = new StringBuilder();
      s.append(
          String.format(
              Locale.ROOT,
              "empirical: %d labelled customers at T-H, %d retained; overall (retained + 1) / (n +"
                  + " 2) = %.4f%n",
              customers,
              retained,
              overall));
      s.append(
          String.format(
              Locale.ROOT, "  %-16s %8s %9s %8s%n", "purchase days", "n", "retained", "rate"));
      for (Band b : bands) {
        s.append(
            String.format(
                Locale.ROOT, "  %-16s %8d %9d %8.4f%n", b.label(), b.n(), b.retained(), b.rate()));
      }
      return s.toString();
    }
  }

  private static Column band() {
    Column c = lit(BANDS.length - 1);
    for (int k = BANDS.length - 2; k >= 0; k--) {
      c = when(col(PURCHASE_DAYS).between(BANDS[k][0], BANDS[k][1]), lit(k)).otherwise(c);
    }
    return c;
  }

  /**
   * The retained shares by purchase-day band among the backtest's labelled customers.
   *
   * @param training {@link RetentionModel#training}: one row per labelled customer
   */
  static Empirical empirical(Dataset<Row> training) {
    List<Row> rows =
        training
            .groupBy(band().as("_band"))
            .agg(
                count(lit(1)).as("_n"),
                sum(when(col(RetentionLabels.IS_RETAINED), 1).otherwise(0)).as("_retained"))
            .collectAsList();
    long[] n = new long[BANDS.length];
    long[] r = new long[BANDS.length];
    for (Row row : rows) {
      n[row.getInt(0)] = row.getLong(1);
      r[row.getInt(0)] = row.getLong(2);
    }
    long total = 0;
    long retained = 0;
    for (int k = 0; k < BANDS.length; k++) {
      total += n[k];
      retained += r[k];
    }
    double overall = (retained + 1.0) / (total + 2.0);
    List<Empirical.Band> bands = new ArrayList<>();
    for (int k = 0; k < BANDS.length; k++) {
      String label =
          BANDS[k][1] == Integer.MAX_VALUE
              ? BANDS[k][0] + "+"
              : BANDS[k][0] == BANDS[k][1]
                  ? String.valueOf(BANDS[k][0])
                  : BANDS[k][0] + "-" + BANDS[k][1];
      double rate = (r[k] + 2 * overall) / (n[k] + 2.0);
      bands.add(new Empirical.Band(label, BANDS[k][0], BANDS[k][1], n[k], r[k], rate));
    }
    return new Empirical(total, retained, overall, List.copyOf(bands));
  }

  /** P(alive) × P(a purchase within H | alive) from BG/NBD; null when it is not usable. */
  private static Column purchaseModel(Lifetime.Fit life, int horizonDays) {
    if (life == null || !life.purchaseModelUsable()) {
      return lit(null).cast("double");
    }
    BgNbdFit bg = life.bgNbd();
    Column age = col(FIRST_PURCHASE_DAYS).cast("double").divide(7.0).plus(bg.alpha());
    Column shape = col(PURCHASE_DAYS).minus(1).cast("double").plus(bg.r());
    Column noPurchase = pow(age.divide(age.plus(horizonDays / 7.0)), shape);
    return col(P_ALIVE).multiply(lit(1.0).minus(noPurchase));
  }

  private static Column valid(Column p) {
    return p.isNotNull().and(not(isnan(p))).and(p.geq(0.0)).and(p.leq(1.0));
  }

  /** Adds retention_probability and score_model. */
  static Dataset<Row> withRetentionProbability(
      Dataset<Row> features,
      RetentionModel.Fitted model,
      RetentionModel.Fitted baseline,
      Lifetime.Fit life,
      Empirical empirical,
      int horizonDays) {
    Map<String, Column> chain = new LinkedHashMap<>();
    chain.put(MODEL_FULL, model.probability());
    chain.put(MODEL_RFM, baseline.probability());
    chain.put(MODEL_PURCHASE, purchaseModel(life, horizonDays));
    Dataset<Row> out = features;
    List<String> temporary = new ArrayList<>();
    Column probability = empirical.rate();
    Column name = lit(MODEL_EMPIRICAL);
    List<Map.Entry<String, Column>> entries = new ArrayList<>(chain.entrySet());
    for (int k = entries.size() - 1; k >= 0; k--) {
      String column = "_p_" + entries.get(k).getKey();
      out = out.withColumn(column, entries.get(k).getValue());
      temporary.add(column);
      probability = when(valid(col(column)), col(column)).otherwise(probability);
      name = when(valid(col(column)), lit(entries.get(k).getKey())).otherwise(name);
    }
    return out.withColumn(RETENTION_PROBABILITY, probability)
        .withColumn(SCORE_MODEL, name)
        .drop(temporary.toArray(String[]::new));
  }

  /**
   * The value of the next H days when no BG/NBD fit is usable: the run rate of the last 365 days,
   * kept with the retention probability, expected_purchases = retention_probability ×
   * frequency_365d × H / 365 and expected_value = retention_probability × monetary_365d × H / 365;
   * for buyers only (p_alive stays empty: no purchase model says who is alive). Neither can exceed
   * what the last year's pace allows over H, and a customer who did not buy in the last year is
   * worth 0.
   */
  static Dataset<Row> withRunRateValue(Dataset<Row> scored, int horizonDays) {
    Column bought = col(PURCHASE_DAYS).gt(0);
    Column share = col(RETENTION_PROBABILITY).multiply(horizonDays / 365.0);
    return scored
        .withColumn(
            EXPECTED_PURCHASES, when(bought, share.multiply(col(FREQUENCY_365D).cast("double"))))
        .withColumn(EXPECTED_VALUE, when(bought, share.multiply(col(MONETARY_365D))));
  }

  /** How many customers each model scored, in the order of the chain. */
  static Map<String, Long> counts(Dataset<Row> scores) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (String model : List.of(MODEL_FULL, MODEL_RFM, MODEL_PURCHASE, MODEL_EMPIRICAL)) {
      m.put(model, 0L);
    }
    for (Row r : scores.groupBy(SCORE_MODEL).count().collectAsList()) {
      m.put(r.getString(0), r.getLong(1));
    }
    return m;
  }
}
