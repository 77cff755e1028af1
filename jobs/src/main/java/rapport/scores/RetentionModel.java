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
import rapport.domain.RetentionLabels;
import rapport.schema.Columns;
import rapport.stats.Estimate;
import rapport.stats.FitStatus;
import rapport.stats.Invariants;
import rapport.stats.LogisticRegression;
import rapport.stats.ModelQuality;

/**
 * The model behind relationship_score: a logistic regression of "retained over H" (the one
 * definition, {@link RetentionLabels}) on covariates built from the features. It is fitted on the
 * backtest (features at T−H, outcome in [T−H, T)) and applied to the features at T, so the score is
 * a probability calibrated on what happened to comparable customers over the last horizon.
 *
 * <p>Covariates (fixed list; a covariate that is constant in the training rows, or aliased with the
 * ones before it, is left out by the fitter and the explanation names it): log1p of recency (days
 * since the last purchase; the tenure when there was none), of purchase days in 365 days, of
 * purchase days ever, of the monetary value of 365 days and of the tenure; BG/NBD's P(alive); the
 * personal and the automated index per 10 points; and log1p of the personal touches of 90 days.
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

  /**
   * The recency/frequency/monetary baseline: the model must beat it, and it scores the customers
   * when the full model is not usable.
   */
  static Map<String, Column> baselineCovariates() {
    Map<String, Column> m = new LinkedHashMap<>();
    Map<String, Column> all = covariates();
    for (String name : List.of("log_recency_days", "log_frequency_365d", "log_monetary_365d")) {
      m.put(name, all.get(name));
    }
    return m;
  }

  /**
   * A fitted model, or none when the backtest had too few labelled customers or a single outcome.
   *
   * @param fit the logistic fit (null when none)
   * @param trainingRows the labelled customers at T−H used (after sampling)
   * @param retainedRate the share retained among them
   * @param dropped covariates the fitter left out (constant, aliased), with the reason
   * @param note why there is no usable fit, when there is none
   * @param auc the in-sample AUC on the backtest rows (NaN without a fit)
   */
  public record Fitted(
      LogisticRegression.Fit fit,
      long trainingRows,
      double retainedRate,
      List<String> dropped,
      String note,
      double auc) {

    /** Whether the fit is used: it exists and its status is usable. */
    public boolean usable() {
      return fit != null && fit.status().usable();
    }

    /** P(retained) as a column; null when there is no usable model. */
    public Column probability() {
      if (!usable()) {
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
   * The backtest's labelled customers: the scored features at T−H joined (inner) to the labels at
   * T−H, with customer_id, is_retained, purchase_days and the covariates as doubles. With {@link
   * #covariates()} (the baseline's are among them) both fits and the empirical fallback read it, so
   * a caller computes it once.
   *
   * @param scored features at T−H with what the covariates read (p_alive and the indices for {@link
   *     #covariates()})
   * @param labels {@link RetentionLabels#at} at T−H: customer_id, is_retained
   */
  static Dataset<Row> training(
      Dataset<Row> scored, Dataset<Row> labels, Map<String, Column> covariates) {
    // both sides are unique by customer_id: features by construction, labels by the customers' key
    Dataset<Row> joined =
        scored.join(
            labels.select(Columns.CUSTOMER_ID, RetentionLabels.IS_RETAINED),
            Columns.CUSTOMER_ID,
            "inner");
    List<Column> select = new ArrayList<>();
    select.add(col(Columns.CUSTOMER_ID));
    select.add(col(RetentionLabels.IS_RETAINED));
    select.add(col(PURCHASE_DAYS));
    covariates.forEach((name, c) -> select.add(c.cast("double").as(name)));
    return joined.select(select.toArray(Column[]::new));
  }

  /**
   * The rows the fits see: {@link #training}'s capped sample, by customer_id.
   *
   * @param n the training table's row count
   */
  static List<Row> sample(Dataset<Row> training, long n, int sampleCap) {
    return SortedRows.collect(Sampling.capped(training, sampleCap, n), Columns.CUSTOMER_ID);
  }

  /**
   * Fits P(retained) on the scored features at T−H joined (inner) to the labels at T−H.
   *
   * @param scored features at T−H with p_alive and the indices
   * @param labels {@link RetentionLabels#at} at T−H: customer_id, is_retained
   * @param covariates {@link #covariates()} or {@link #baselineCovariates()}
   */
  public static Fitted fit(
      Dataset<Row> scored,
      Dataset<Row> labels,
      Map<String, Column> covariates,
      String label,
      int sampleCap,
      int minRows) {
    Dataset<Row> training = training(scored, labels, covariates);
    return fit(sample(training, training.count(), sampleCap), covariates, label, minRows);
  }

  /**
   * Fits P(retained) on rows of {@link #sample}.
   *
   * @param covariates {@link #covariates()} or {@link #baselineCovariates()}: the rows' columns of
   *     those names are the design
   */
  static Fitted fit(List<Row> rows, Map<String, Column> covariates, String label, int minRows) {
    int n = rows.size();
    List<String> names = new ArrayList<>(covariates.keySet());
    double[] y = new double[n];
    double[][] x = new double[names.size()][n];
    int[] column = new int[names.size()];
    for (int k = 0; k < names.size() && n > 0; k++) {
      column[k] = rows.get(0).fieldIndex(names.get(k));
    }
    double retained = 0;
    for (int i = 0; i < n; i++) {
      Row r = rows.get(i);
      y[i] = r.getBoolean(1) ? 1 : 0;
      retained += y[i];
      for (int k = 0; k < names.size(); k++) {
        x[k][i] = r.getDouble(column[k]);
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
    try {
      LogisticRegression.Fit fit = LogisticRegression.fit(label, names, x, y, null);
      double[][] used = new double[fit.terms().size()][];
      for (int k = 0; k < used.length; k++) {
        used[k] = x[names.indexOf(fit.terms().get(k))];
      }
      double[] predicted = fit.predict(used);
      FitStatus status =
          fit.status().with(Invariants.probabilities("fitted P(retained)", predicted));
      String note = status.usable() ? null : "model " + status.describe();
      return new Fitted(
          status.usable() ? fit : fitWithStatus(fit, status),
          n,
          rate,
          fit.dropped(),
          note,
          ModelQuality.auc(predicted, y));
    } catch (IllegalStateException e) {
      return new Fitted(null, n, rate, List.of(), "no model: " + e.getMessage(), Double.NaN);
    }
  }

  private static LogisticRegression.Fit fitWithStatus(LogisticRegression.Fit f, FitStatus status) {
    return new LogisticRegression.Fit(
        f.label(),
        f.estimates(),
        f.logLikelihood(),
        f.nullLogLikelihood(),
        f.n(),
        f.iterations(),
        f.converged(),
        f.dropped(),
        status);
  }
}
