package rapport.retention;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import rapport.domain.RetentionLabels;
import rapport.schema.ReportInputs;
import rapport.stats.LogisticRegression;
import rapport.stats.ModelQuality;
import tech.tablesaw.api.Table;

/**
 * The logistic retention model, checked out of time: fitted on the features at T − 2H with the
 * outcome over [T − 2H, T − H), then evaluated on the features at T − H against what happened over
 * [T − H, T), which the fit never saw. Both sets are reduced by Spark to distinct (features,
 * outcome) with counts; the fit takes the counts as weights, the evaluation expands them to one
 * prediction per customer (16 bytes each on the driver) so that AUC, Brier, calibration and lift
 * are the tested ones of {@link ModelQuality}.
 */
final class Backtest {
  private Backtest() {}

  static final String MODEL = ReportInputs.LOGISTIC_BACKTEST;

  /** The covariates, in model order. */
  static final List<String> COVARIATES = Covariates.ALL;

  /**
   * The fit and its out-of-time quality.
   *
   * @param trainN customers fitted on
   * @param testN customers evaluated on
   */
  record Result(
      LogisticRegression.Fit fit,
      long trainN,
      long testN,
      double auc,
      double brier,
      double topDecileLift,
      double observedRate,
      Table calibration) {}

  /**
   * @param train features at T − 2H with is_retained
   * @param test features at T − H with is_retained
   */
  static Result run(Dataset<Row> train, Dataset<Row> test, int bins, String label) {
    List<List<double[]>> sets = grouped(List.of(train, test));
    List<double[]> trainRows = sets.get(0);
    int p = COVARIATES.size();
    double[][] columns = new double[p][trainRows.size()];
    double[] y = new double[trainRows.size()];
    double[] w = new double[trainRows.size()];
    long trainN = 0;
    for (int i = 0; i < trainRows.size(); i++) {
      double[] r = trainRows.get(i);
      for (int k = 0; k < p; k++) {
        columns[k][i] = r[k];
      }
      y[i] = r[p];
      w[i] = r[p + 1];
      trainN += (long) r[p + 1];
    }
    LogisticRegression.Fit fit = LogisticRegression.fit(label, COVARIATES, columns, y, w);
    if (!fit.status().usable()) {
      throw new IllegalStateException("the fit is " + fit.status().describe());
    }

    List<double[]> testRows = sets.get(1);
    long testN = 0;
    for (double[] r : testRows) {
      testN += (long) r[p + 1];
    }
    double[] predicted = new double[Math.toIntExact(testN)];
    double[] outcome = new double[predicted.length];
    double[] x = new double[p];
    int at = 0;
    double retained = 0;
    for (double[] r : testRows) {
      System.arraycopy(r, 0, x, 0, p);
      double prob = fit.predict(COVARIATES, x);
      for (long c = 0; c < (long) r[p + 1]; c++) {
        predicted[at] = prob;
        outcome[at++] = r[p];
      }
      retained += r[p] * r[p + 1];
    }
    return new Result(
        fit,
        trainN,
        testN,
        ModelQuality.auc(predicted, outcome),
        ModelQuality.brier(predicted, outcome),
        ModelQuality.topDecileLift(predicted, outcome),
        retained / testN,
        ModelQuality.calibration(predicted, outcome, Math.min(bins, predicted.length)));
  }

  /**
   * Per set of features, its distinct (covariates, y) with counts, in a fixed order: covariates...,
   * y, count. One aggregation serves all sets (tagged with their index). The keys are distinct, so
   * sorting them on the driver gives the order of a Spark sort without its sampling and exchange.
   */
  private static List<List<double[]>> grouped(List<Dataset<Row>> sets) {
    List<Column> keys = new ArrayList<>();
    COVARIATES.forEach(c -> keys.add(col(c).cast("double").as(c)));
    keys.add(when(col(RetentionLabels.IS_RETAINED), 1.0).otherwise(0.0).as("_y"));
    Column[] named = new Column[COVARIATES.size() + 2];
    named[0] = col("_set");
    for (int i = 0; i < COVARIATES.size(); i++) {
      named[i + 1] = col(COVARIATES.get(i));
    }
    named[COVARIATES.size() + 1] = col("_y");
    Dataset<Row> tagged = null;
    for (int k = 0; k < sets.size(); k++) {
      List<Column> select = new ArrayList<>(List.of(lit(k).as("_set")));
      select.addAll(keys);
      Dataset<Row> set = sets.get(k).select(select.toArray(Column[]::new));
      tagged = tagged == null ? set : tagged.unionAll(set);
    }
    List<List<double[]>> out = new ArrayList<>();
    sets.forEach(set -> out.add(new ArrayList<>()));
    for (Row r : tagged.groupBy(named).agg(count(lit(1)).cast("double").as("_n")).collectAsList()) {
      double[] v = new double[r.length() - 1];
      for (int i = 0; i < v.length; i++) {
        v[i] = r.getDouble(i + 1);
      }
      out.get(r.getInt(0)).add(v);
    }
    int key = COVARIATES.size() + 1;
    out.forEach(rows -> rows.sort((a, b) -> Arrays.compare(a, 0, key, b, 0, key)));
    return out;
  }
}
