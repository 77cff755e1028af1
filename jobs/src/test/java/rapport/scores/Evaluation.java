package rapport.scores;

import static org.apache.spark.sql.functions.*;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import rapport.domain.RetentionLabels;
import rapport.schema.Columns;
import rapport.schema.Schemas;
import rapport.schema.Scores;
import rapport.stats.ModelQuality;

/**
 * How well a run's relationship_score ranks customers by what actually happened over the horizon
 * after T (the generator's truth/future_orders.csv), against a plain recency/frequency logistic
 * baseline fitted the same way (at T−H, applied at T) and against BG/NBD's P(alive) alone.
 */
final class Evaluation {
  private Evaluation() {}

  record Measures(
      long customers,
      long retained,
      double auc,
      double aucBaseline,
      double aucPAlive,
      double spearman,
      double spearmanBaseline,
      double spearmanPurchases,
      double spearmanPurchasesBaseline,
      double meanProbability) {
    String text() {
      return String.format(
          Locale.ROOT,
          "customers %d, retained %d (%.1f%%), mean predicted %.1f%%%n"
              + "AUC       relationship_score %.4f | recency/frequency baseline %.4f | P(alive)"
              + " %.4f%n"
              + "Spearman  with retained: score %.4f | baseline %.4f%n"
              + "Spearman  with purchase days in H: score %.4f | baseline %.4f%n",
          customers,
          retained,
          100.0 * retained / customers,
          100 * meanProbability,
          auc,
          aucBaseline,
          aucPAlive,
          spearman,
          spearmanBaseline,
          spearmanPurchases,
          spearmanPurchasesBaseline);
    }
  }

  static Measures of(
      SparkSession spark, Path run, Path world, LocalDate asOf, int horizonDays, String zone) {
    Dataset<Row> customers = spark.read().parquet(run.resolve("tables/customers").toString());
    Dataset<Row> orders = spark.read().parquet(run.resolve("tables/orders").toString());
    Dataset<Row> touches = spark.read().parquet(run.resolve("tables/touches").toString());
    Dataset<Row> scores =
        spark.read().parquet(run.resolve("tables").resolve(Scores.TABLE).toString());
    Column[] orderColumns =
        Schemas.ORDERS.fields().stream()
            .map(f -> col(f.name()).cast(f.type().sparkType()).as(f.name()))
            .toArray(Column[]::new);
    Dataset<Row> future =
        spark
            .read()
            .option("header", "true")
            .csv(world.resolve("truth/future_orders.csv").toString())
            .select(orderColumns);
    Dataset<Row> all = orders.select(orderColumns).unionByName(future);
    Dataset<Row> labels = RetentionLabels.at(customers, all, asOf, horizonDays, zone, false);
    Column day = to_date(from_utc_timestamp(col(Columns.ORDERED_AT), zone));
    Dataset<Row> futureDays =
        future
            .filter(col(Columns.STATUS).equalTo("completed"))
            .filter(
                day.geq(lit(java.sql.Date.valueOf(asOf)))
                    .and(day.lt(lit(java.sql.Date.valueOf(asOf.plusDays(horizonDays))))))
            .groupBy(Columns.CUSTOMER_ID)
            .agg(countDistinct(day).as("_future_days"));

    LocalDate backtest = asOf.minusDays(horizonDays);
    ScoreSettings s = ScoreSettings.defaults();
    Dataset<Row> pastFeatures = Features.at(customers, orders, touches, null, backtest, zone, s);
    RetentionModel.Fitted baseline =
        RetentionModel.fit(
            pastFeatures,
            RetentionLabels.at(customers, orders, backtest, horizonDays, zone, false),
            RetentionModel.baselineCovariates(),
            "baseline",
            s.sampleCap(),
            s.minTrainingRows());

    List<Row> rows =
        labels
            .join(scores, Columns.CUSTOMER_ID, "inner")
            .join(futureDays, Columns.CUSTOMER_ID, "left_outer")
            .select(
                col(Columns.CUSTOMER_ID),
                col(RetentionLabels.IS_RETAINED),
                col(Scores.RELATIONSHIP_SCORE),
                baseline.probability().as("_baseline"),
                coalesce(col(Scores.P_ALIVE), lit(1.0)).as("_p_alive"),
                coalesce(col("_future_days"), lit(0L)).cast("double").as("_future_days"),
                col(Scores.RETENTION_PROBABILITY))
            .orderBy(Columns.CUSTOMER_ID)
            .collectAsList();
    int n = rows.size();
    double[] y = new double[n];
    double[] score = new double[n];
    double[] base = new double[n];
    double[] alive = new double[n];
    double[] days = new double[n];
    double meanP = 0;
    long retained = 0;
    for (int i = 0; i < n; i++) {
      Row r = rows.get(i);
      y[i] = r.getBoolean(1) ? 1 : 0;
      retained += (long) y[i];
      score[i] = r.getDouble(2);
      base[i] = r.getDouble(3);
      alive[i] = r.getDouble(4);
      days[i] = r.getDouble(5);
      meanP += r.getDouble(6) / n;
    }
    return new Measures(
        n,
        retained,
        ModelQuality.auc(score, y),
        ModelQuality.auc(base, y),
        ModelQuality.auc(alive, y),
        spearman(score, y),
        spearman(base, y),
        spearman(score, days),
        spearman(base, days),
        meanP);
  }

  /** Spearman's rho: Pearson's correlation of the mid-ranks (ties share their mean rank). */
  static double spearman(double[] a, double[] b) {
    return pearson(ranks(a), ranks(b));
  }

  static double[] ranks(double[] v) {
    int n = v.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (i, j) -> Double.compare(v[i], v[j]));
    double[] r = new double[n];
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && v[order[j + 1]] == v[order[i]]) {
        j++;
      }
      double mid = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        r[order[k]] = mid;
      }
      i = j + 1;
    }
    return r;
  }

  static double pearson(double[] a, double[] b) {
    int n = a.length;
    double ma = Arrays.stream(a).average().orElse(0);
    double mb = Arrays.stream(b).average().orElse(0);
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < n; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    return sab / Math.sqrt(saa * sbb);
  }
}
