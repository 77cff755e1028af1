package rapport.scores;

import static org.apache.spark.sql.functions.*;
import static rapport.schema.Scores.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import rapport.retention.RetentionLabels;
import rapport.schema.Columns;
import rapport.stats.Estimate;
import rapport.stats.LogisticRegression;
import rapport.stats.ModelQuality;

/**
 * The model behind relationship_score: a logistic regression of "retained over H" (the one
 * definition, {@link RetentionLabels}) on covariates built from the features. It is fitted on the
 * backtest (features at T−H, outcome in [T−H, T)) and applied to the features at T, so the score is
 * a probability calibrated on what happened to comparable customers over the last horizon.
 *
 * <p>Covariates (fixed list; a covariate that is constant in the training rows is left out and the
 * explanation says so): log1p of recency (days since the last purchase; the tenure when there was
 * none), of purchase days in 365 days, of purchase days ever, of the monetary value of 365 days and
 * of the tenure; BG/NBD's P(alive); the personal and the automated index per 10 points; and log1p
 * of the personal touches of 90 days.
 */
public final class RetentionModel {
  private RetentionModel() {}

  /** The named covariates as column expressions over a scored feature table. */
  static Map<String, Column> covariates() {
    Map<String, Column> m = new LinkedHashMap<>();
    m.put("log_recency_days", log1p(coalesce(col(RECENCY_DAYS), col(TENURE_DAYS)).cast("double")));
    m.put("log_frequency_365d", log1p(col(FREQUENCY_365D).cast("double")));
    m.put("log_purchase_days", log1p(col(PURCHASE_DAYS).cast("double")));
    m.put("log_monetary_365d", log1p(greatest(col(MONETARY_365D), lit(0.0))));
    m.put("log_tenure_days", log1p(col(TENURE_DAYS).cast("double")));
    m.put(P_ALIVE, coalesce(col(P_ALIVE), lit(1.0)));
    m.put("personal_index_per_10", col(PERSONAL_INDEX).divide(10.0));
    m.put("automated_index_per_10", col(AUTOMATED_INDEX).divide(10.0));
    m.put("log_personal_touches_90d", log1p(col(PERSONAL_TOUCHES_90D).cast("double")));
    return m;
  }

  /** The recency/frequency baseline the model must beat. */
  static Map<String, Column> baselineCovariates() {
    Map<String, Column> m = new LinkedHashMap<>();
    m.put("log_recency_days", log1p(coalesce(col(RECENCY_DAYS), col(TENURE_DAYS)).cast("double")));
    m.put("log_frequency_365d", log1p(col(FREQUENCY_365D).cast("double")));
    return m;
  }

  /**
   * A fitted model, or none when the backtest had too few labelled customers or a single outcome.
   *
   * @param fit the logistic fit (null when none)
   * @param trainingRows the labelled customers at T−H used (after sampling)
   * @param retainedRate the share retained among them
   * @param dropped covariates left out because they were constant
   * @param note why there is no fit, when there is none
   * @param auc the in-sample AUC on the backtest rows (NaN without a fit)
   */
  public record Fitted(
      LogisticRegression.Fit fit,
      long trainingRows,
      double retainedRate,
      List<String> dropped,
      String note,
      double auc) {

    /** P(retained) as a column; null when there is no model. */
    public Column probability() {
      if (fit == null) {
        return lit(null).cast("double");
      }
      Map<String, Column> all = new LinkedHashMap<>(covariates());
      all.putAll(baselineCovariates());
      Column eta = lit(fit.estimates().get(0).estimate());
      for (Estimate e : fit.estimates().subList(1, fit.estimates().size())) {
        eta = eta.plus(all.get(e.term()).multiply(e.estimate()));
      }
      return lit(1.0).divide(lit(1.0).plus(exp(eta.multiply(-1.0))));
    }
  }

  /**
   * Fits P(retained) on the scored features at T−H joined (inner) to the labels at T−H.
   *
   * @param scored features at T−H with p_alive and the indices
   * @param labels {@link RetentionLabels#at} at T−H: customer_id, is_retained
   */
  public static Fitted fit(
      Dataset<Row> scored,
      Dataset<Row> labels,
      Map<String, Column> covariates,
      String label,
      int sampleCap,
      int minRows) {
    // both sides are unique by customer_id: features by construction, labels by the customers' key
    Dataset<Row> training =
        scored.join(
            labels.select(Columns.CUSTOMER_ID, RetentionLabels.IS_RETAINED),
            Columns.CUSTOMER_ID,
            "inner");
    List<Column> select = new ArrayList<>();
    select.add(col(Columns.CUSTOMER_ID));
    select.add(col(RetentionLabels.IS_RETAINED));
    covariates.forEach((name, c) -> select.add(c.cast("double").as(name)));
    List<Row> rows =
        Sampling.capped(training.select(select.toArray(Column[]::new)), sampleCap)
            .orderBy(Columns.CUSTOMER_ID)
            .collectAsList();
    int n = rows.size();
    List<String> names = new ArrayList<>(covariates.keySet());
    double[] y = new double[n];
    double[][] x = new double[names.size()][n];
    double retained = 0;
    for (int i = 0; i < n; i++) {
      Row r = rows.get(i);
      y[i] = r.getBoolean(1) ? 1 : 0;
      retained += y[i];
      for (int k = 0; k < names.size(); k++) {
        x[k][i] = r.getDouble(k + 2);
      }
    }
    double rate = n == 0 ? Double.NaN : retained / n;
    if (n < minRows || retained == 0 || retained == n) {
      return new Fitted(
          null,
          n,
          rate,
          List.of(),
          String.format(
              java.util.Locale.ROOT,
              "no model: %d labelled customers at the backtest cut-off, %.0f retained (need at"
                  + " least %d and both outcomes)",
              n,
              retained,
              minRows),
          Double.NaN);
    }
    List<String> kept = new ArrayList<>();
    List<double[]> columns = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    for (int k = 0; k < names.size(); k++) {
      if (isConstant(x[k])) {
        dropped.add(names.get(k));
      } else {
        kept.add(names.get(k));
        columns.add(x[k]);
      }
    }
    try {
      double[][] keptColumns = columns.toArray(double[][]::new);
      LogisticRegression.Fit fit = LogisticRegression.fit(label, kept, keptColumns, y, null);
      return new Fitted(fit, n, rate, dropped, null, ModelQuality.auc(fit.predict(keptColumns), y));
    } catch (IllegalStateException e) {
      return new Fitted(null, n, rate, dropped, "no model: " + e.getMessage(), Double.NaN);
    }
  }

  private static boolean isConstant(double[] v) {
    for (double d : v) {
      if (d != v[0]) {
        return false;
      }
    }
    return true;
  }
}
