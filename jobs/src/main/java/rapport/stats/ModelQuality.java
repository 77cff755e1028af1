package rapport.stats;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * How well predicted probabilities fit observed 0/1 outcomes: discrimination (AUC, lift) and
 * calibration (Brier score, calibration table). Rows are grouped into bins by sorting on the
 * prediction (ties kept in input order) and cutting at positions ⌊i·bins/n⌋, so bins differ in size
 * by at most one row.
 */
public final class ModelQuality {
  private ModelQuality() {}

  /**
   * The area under the ROC curve as the Mann–Whitney probability that a random positive scores
   * above a random negative, ties counting one half (any score, not only probabilities) (Hanley
   * &amp; McNeil 1982): with average ranks R of the positives, AUC = (Σ R − n₁(n₁+1)/2) / (n₁·n₀).
   */
  public static double auc(double[] predicted, double[] outcome) {
    check(predicted, outcome, false);
    int n = predicted.length;
    int[] order = Sorting.orderAscending(predicted);
    double positives = 0;
    double rankSum = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j < n && predicted[order[j]] == predicted[order[i]]) {
        j++;
      }
      double averageRank = (i + 1 + j) / 2.0;
      for (int k = i; k < j; k++) {
        if (outcome[order[k]] == 1) {
          positives++;
          rankSum += averageRank;
        }
      }
      i = j;
    }
    double negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
  }

  /** The Brier score: the mean of (p − y)² (Brier 1950). */
  public static double brier(double[] predicted, double[] outcome) {
    check(predicted, outcome, true);
    double s = 0;
    for (int i = 0; i < predicted.length; i++) {
      double d = predicted[i] - outcome[i];
      s += d * d;
    }
    return s / predicted.length;
  }

  /**
   * The calibration table: one row per bin of ascending prediction, with bin (1 = lowest), n,
   * mean_predicted, observed (the rate of y = 1) and its Wilson 95% interval (observed_lower95,
   * observed_upper95).
   */
  public static Table calibration(double[] predicted, double[] outcome, int bins) {
    check(predicted, outcome, true);
    int n = predicted.length;
    if (bins < 1 || bins > n) {
      throw new IllegalArgumentException("need 1 <= bins <= n, got " + bins + " for n = " + n);
    }
    int[] order = Sorting.orderAscending(predicted);
    int[] count = new int[bins];
    double[] sumPredicted = new double[bins];
    double[] sumOutcome = new double[bins];
    for (int pos = 0; pos < n; pos++) {
      int bin = (int) ((long) pos * bins / n);
      int i = order[pos];
      count[bin]++;
      sumPredicted[bin] += predicted[i];
      sumOutcome[bin] += outcome[i];
    }
    IntColumn bin = IntColumn.create("bin");
    IntColumn ns = IntColumn.create("n");
    DoubleColumn meanPredicted = DoubleColumn.create("mean_predicted");
    DoubleColumn observed = DoubleColumn.create("observed");
    DoubleColumn lower = DoubleColumn.create("observed_lower95");
    DoubleColumn upper = DoubleColumn.create("observed_upper95");
    for (int b = 0; b < bins; b++) {
      WilsonInterval w = WilsonInterval.of(sumOutcome[b], count[b]);
      bin.append(b + 1);
      ns.append(count[b]);
      meanPredicted.append(sumPredicted[b] / count[b]);
      observed.append(w.estimate());
      lower.append(w.lower());
      upper.append(w.upper());
    }
    return Table.create("calibration", bin, ns, meanPredicted, observed, lower, upper);
  }

  /**
   * The lift of the top decile: the outcome rate among the tenth of rows with the highest
   * predictions (the last bin of {@link #calibration} with 10 bins) over the overall rate.
   */
  public static double topDecileLift(double[] predicted, double[] outcome) {
    Table t = calibration(predicted, outcome, 10);
    double overall = 0;
    for (double y : outcome) {
      overall += y;
    }
    overall /= outcome.length;
    return t.doubleColumn("observed").get(9) / overall;
  }

  private static void check(double[] predicted, double[] outcome, boolean probabilities) {
    if (predicted.length != outcome.length || predicted.length == 0) {
      throw new IllegalArgumentException(
          "need equally long, non-empty predictions and outcomes, got "
              + predicted.length
              + " and "
              + outcome.length);
    }
    for (int i = 0; i < outcome.length; i++) {
      if (outcome[i] != 0 && outcome[i] != 1) {
        throw new IllegalArgumentException("row " + i + ": outcome must be 0 or 1: " + outcome[i]);
      }
      if (probabilities ? !(predicted[i] >= 0 && predicted[i] <= 1) : Double.isNaN(predicted[i])) {
        throw new IllegalArgumentException(
            "row " + i + ": prediction must be a probability in [0, 1]: " + predicted[i]);
      }
    }
  }
}
