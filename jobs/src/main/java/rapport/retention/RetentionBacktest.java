package rapport.retention;

import java.time.LocalDate;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import rapport.domain.RetentionLabels;
import rapport.schema.Columns;
import rapport.schema.ReportInputs;

/**
 * SPEC §6.3 backtest: the logistic model fitted on the features and outcomes at T − 2H and
 * evaluated at T − H ({@link Backtest}); its rows of {@code tables/retention_model} and its block
 * of the summary.
 */
final class RetentionBacktest {
  private RetentionBacktest() {}

  static void fit(
      RetentionEvents e, RetentionSettings settings, RetentionSummary summary, ModelRows model) {
    int h = e.horizon();
    LocalDate trainAt = e.asOf().minusDays(2L * h);
    LocalDate testAt = e.asOf().minusDays(h);
    e.describe("logistic backtest");
    Dataset<Row> train = labelled(e, trainAt);
    Dataset<Row> test = labelled(e, testAt);
    Backtest.Result r;
    try {
      r =
          Backtest.run(
              train,
              test,
              settings.calibrationBins(),
              "fitted at " + trainAt + ", evaluated at " + testAt);
    } catch (IllegalArgumentException | IllegalStateException ex) {
      summary.note("logistic backtest: not fitted: " + ex.getMessage());
      return;
    }
    String name = Backtest.MODEL;
    r.fit().estimates().forEach(est -> model.ratio(name, est, r.trainN()));
    model.value(name, "log_likelihood", r.fit().logLikelihood(), r.trainN());
    model.value(name, "pseudo_r2", r.fit().pseudoRSquared(), r.trainN());
    model.value(name, ReportInputs.AUC, r.auc(), r.testN());
    model.value(name, ReportInputs.BRIER, r.brier(), r.testN());
    model.value(name, ReportInputs.LIFT_TOP_DECILE, r.topDecileLift(), r.testN());
    model.value(name, "observed_retention", r.observedRate(), r.testN());
    var cal = r.calibration();
    for (int i = 0; i < cal.rowCount(); i++) {
      String bin =
          ReportInputs.CALIBRATION_BIN_PREFIX
              + String.format(Locale.ROOT, "%02d", cal.intColumn("bin").get(i));
      long n = cal.intColumn("n").get(i);
      model.value(
          name, bin + ReportInputs.PREDICTED_SUFFIX, cal.doubleColumn("mean_predicted").get(i), n);
      model.proportion(
          name,
          bin + ReportInputs.OBSERVED_SUFFIX,
          cal.doubleColumn("observed").get(i),
          cal.doubleColumn("observed_lower95").get(i),
          cal.doubleColumn("observed_upper95").get(i),
          n);
    }
    summary.backtest(r);
  }

  /** The features at a cut-off of the customers labelled at it, with their labels. */
  static Dataset<Row> labelled(RetentionEvents e, LocalDate cutoff) {
    Dataset<Row> labels =
        RetentionLabels.at(e.customers(), e.orders(), cutoff, e.horizon(), e.zone(), e.contracts());
    // the labels are of customers of the table (customer_id unique): the join keeps one row each
    Dataset<Row> population =
        labels
            .select(Columns.CUSTOMER_ID, RetentionLabels.IS_RETAINED)
            .join(
                e.customers().select(Columns.CUSTOMER_ID, Columns.CUSTOMER_SINCE),
                new String[] {Columns.CUSTOMER_ID},
                "inner");
    return Covariates.at(
        population, e.personal(), e.automated(), e.orderDays(), cutoff.toEpochDay());
  }
}
