package rapport.retention;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import rapport.schema.Columns;
import rapport.scores.PurchaseModelFile;
import rapport.scores.SortedRows;
import rapport.stats.BgNbd;
import rapport.stats.BgNbdFit;
import rapport.stats.FitStatus;
import rapport.stats.GammaGamma;
import rapport.stats.Rfm;

/**
 * BG/NBD and Gamma-Gamma on the completed orders before T, with the summaries of {@link Rfm}
 * computed by Spark instead of on the driver: purchases on one day are one purchase (values
 * summed), x = purchase days after the first, t<sub>x</sub> = first to last purchase day, T = first
 * purchase day to the last day before the as-of date, in the chosen unit; the monetary value is the
 * mean of the repeat days' values. The driver receives the distinct (x, t<sub>x</sub>, T) with
 * counts (32 bytes each; about 156,000 for a million customers observed in days) and, for
 * Gamma-Gamma, (x, m<sub>x</sub>) of the repeat buyers with a positive mean (12 bytes each).
 */
final class CustomerValue {
  private CustomerValue() {}

  /**
   * The fits and population summaries of their predictions over the horizon.
   *
   * @param bgnbd the BG/NBD fit used (the run's one fit when the score stage wrote it)
   * @param bgnbdStatus whether it is usable here: its status and the invariants of its predictions
   *     on these customers; the means are NaN when it is not
   * @param source where the fit comes from, for the summary
   */
  record Result(
      BgNbdFit bgnbd,
      FitStatus bgnbdStatus,
      String source,
      double meanProbabilityAlive,
      double meanExpectedPurchases,
      GammaGamma.Fit gammaGamma,
      double meanExpectedSpend) {}

  /** customer_id, x, t_x, T, m_x: one row per customer with a completed order before T. */
  static Dataset<Row> summaries(Dataset<Row> orders, long asOfDay, Rfm.TimeUnit unit) {
    Dataset<Row> days =
        orders
            .filter(col(DayEvents.DAY).lt(asOfDay))
            .groupBy(Columns.CUSTOMER_ID, DayEvents.DAY)
            .agg(sum(DayEvents.VALUE).as("_cents"));
    Column first = min(DayEvents.DAY);
    Dataset<Row> perCustomer =
        days.groupBy(Columns.CUSTOMER_ID)
            .agg(
                first.as("_first"),
                max(DayEvents.DAY).as("_last"),
                count(lit(1)).as("_days"),
                sum("_cents").as("_total"),
                min_by(col("_cents"), col(DayEvents.DAY)).as("_first_cents"));
    double u = unit.days();
    return perCustomer.select(
        col(Columns.CUSTOMER_ID),
        col("_days").minus(1).cast("int").as("x"),
        col("_last").minus(col("_first")).divide(u).as("t_x"),
        lit(asOfDay - 1).minus(col("_first")).divide(u).as("T"),
        when(
                col("_days").gt(1),
                col("_total")
                    .minus(col("_first_cents"))
                    .divide(col("_days").minus(1))
                    .divide(100.0))
            .as("m_x"));
  }

  /**
   * @param shared the run's one BG/NBD fit in this unit (see {@link
   *     rapport.scores.PurchaseModelFile}), or null to fit here
   * @param horizonDays H, the most purchase days the horizon holds
   * @param penalizer the penalizer of the guarded fits
   */
  static Result fit(
      Dataset<Row> summaries,
      double horizonUnits,
      int horizonDays,
      String label,
      PurchaseModelFile.Stored shared,
      double penalizer) {
    // both reads below start from the summaries: computed once
    summaries = summaries.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      return fitOn(
          summaries, triples(summaries), horizonUnits, horizonDays, label, shared, penalizer);
    } finally {
      summaries.unpersist();
    }
  }

  /**
   * The distinct (x, t_x, T) with their counts, sorted on the driver (the keys are distinct, so the
   * order is the one a Spark sort gives, without its sampling and exchange).
   */
  private static BgNbd.Data triples(Dataset<Row> summaries) {
    List<Row> rows =
        SortedRows.collect(
            summaries.groupBy("x", "t_x", "T").agg(count(lit(1)).cast("double").as("n")),
            "x",
            "t_x",
            "T");
    int m = rows.size();
    int[] x = new int[m];
    double[] tx = new double[m];
    double[] t = new double[m];
    double[] n = new double[m];
    for (int i = 0; i < m; i++) {
      Row r = rows.get(i);
      x[i] = r.getInt(0);
      tx[i] = r.getDouble(1);
      t[i] = r.getDouble(2);
      n[i] = r.getDouble(3);
    }
    return new BgNbd.Data(x, tx, t, n);
  }

  private static Result fitOn(
      Dataset<Row> summaries,
      BgNbd.Data data,
      double horizonUnits,
      int horizonDays,
      String label,
      PurchaseModelFile.Stored shared,
      double penalizer) {
    int m = data.frequency().length;
    int[] x = data.frequency();
    double[] tx = data.recency();
    double[] t = data.age();
    double[] n = data.count();
    BgNbdFit bg;
    FitStatus status;
    String source;
    if (shared != null) {
      bg = shared.fit();
      status = shared.status();
      source = "the run's one fit, by the score stage (" + PurchaseModelFile.FILE + ")";
    } else {
      bg = BgNbd.fitGuarded(label, data, penalizer);
      status = bg.status();
      source = "fitted here: no " + PurchaseModelFile.FILE + " in this run (run the score stage)";
    }
    status = status.with(bg.predictionStatus(data, horizonUnits, horizonDays).problems());
    double alive = 0;
    double purchases = 0;
    double total = 0;
    if (status.usable()) {
      for (int i = 0; i < m; i++) {
        alive += n[i] * bg.probabilityAlive(x[i], tx[i], t[i]);
        purchases += n[i] * bg.conditionalExpectedPurchases(horizonUnits, x[i], tx[i], t[i]);
        total += n[i];
      }
    }

    // (x, m_x) of the repeat buyers, in one read of the cached summaries, sorted on the driver
    List<Row> repeat =
        new ArrayList<>(
            summaries
                .filter(col("x").gt(0).and(col("m_x").gt(0)))
                .select("x", "m_x")
                .collectAsList());
    repeat.sort(
        Comparator.<Row>comparingInt(r -> r.getInt(0)).thenComparingDouble(r -> r.getDouble(1)));
    GammaGamma.Fit gg = null;
    double spend = Double.NaN;
    if (!repeat.isEmpty()) {
      int[] gx = new int[repeat.size()];
      double[] gm = new double[gx.length];
      for (int i = 0; i < gx.length; i++) {
        gx[i] = repeat.get(i).getInt(0);
        gm[i] = repeat.get(i).getDouble(1);
      }
      gg = GammaGamma.fitGuarded(label, gx, gm, penalizer);
      double s = 0;
      for (int k = 0; k < gx.length; k++) {
        s += gg.conditionalExpectedAverageValue(gx[k], gm[k]);
      }
      spend = s / gx.length;
    }
    double meanAlive = total > 0 ? alive / total : Double.NaN;
    double meanPurchases = total > 0 ? purchases / total : Double.NaN;
    return new Result(bg, status, source, meanAlive, meanPurchases, gg, spend);
  }
}
