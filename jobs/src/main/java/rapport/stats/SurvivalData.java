package rapport.stats;

import java.util.Arrays;
import java.util.List;

/**
 * Survival rows in counting-process form (start, stop, event] with covariates and case weights: the
 * input of {@link CoxPH}. A row says "from just after {@code start} up to and including {@code
 * stop}, with these covariate values, the subject was at risk, and the event did or did not happen
 * at {@code stop}". Right-censored data are the special case start = −∞; a covariate that changes
 * over time (e.g. {@code personal_touches_90d}) takes one row per interval in which it is constant.
 *
 * <p>A weight is a count of identical rows, so that millions of person-periods with the same
 * (start, stop, event, covariates) compress into one weighted row; see {@link CoxPH} for how
 * weights enter the Efron correction.
 *
 * <p>Covariates are held row-major in one flat array (row i, covariate k at {@code i·p + k}): the
 * fit sweeps rows, and this keeps one row's values together. Memory is 8·n·(p + 3) bytes plus two
 * sort orders of 8·n bytes each.
 */
public final class SurvivalData {
  private final List<String> names;
  private final double[] start;
  private final double[] stop;
  private final boolean[] event;
  private final double[] weight;
  private final double[] x;
  private final int n;
  private final int p;

  private SurvivalData(
      List<String> names,
      double[] start,
      double[] stop,
      boolean[] event,
      double[] weight,
      double[] x) {
    this.names = List.copyOf(names);
    this.n = stop.length;
    this.p = names.size();
    if (event.length != n || start.length != n || weight.length != n || x.length != (long) n * p) {
      throw new IllegalArgumentException(
          String.format(
              "survival rows differ in length: stop %d, start %d, event %d, weight %d, covariates %d"
                  + " (expected %d × %d)",
              n, start.length, event.length, weight.length, x.length, n, p));
    }
    for (int i = 0; i < n; i++) {
      if (!(start[i] < stop[i]) || Double.isNaN(stop[i]) || Double.isInfinite(stop[i])) {
        throw new IllegalArgumentException(
            String.format(
                "row %d: the interval (start, stop] must have start < stop and a finite stop, got"
                    + " (%s, %s]",
                i, start[i], stop[i]));
      }
      if (!(weight[i] > 0) || Double.isInfinite(weight[i])) {
        throw new IllegalArgumentException(
            "row " + i + ": weight must be finite and > 0, got " + weight[i]);
      }
    }
    for (int k = 0; k < x.length; k++) {
      if (!Double.isFinite(x[k])) {
        throw new IllegalArgumentException(
            "row " + (k / p) + ", covariate " + names.get(k % p) + ": not finite: " + x[k]);
      }
    }
    this.start = start;
    this.stop = stop;
    this.event = event;
    this.weight = weight;
    this.x = x;
  }

  /**
   * Right-censored data: one row per subject.
   *
   * @param names covariate names
   * @param durations time to event or censoring (> 0 is not required; any finite value)
   * @param events whether the duration ends in the event
   * @param columns one array per covariate, each of length n
   */
  public static SurvivalData rightCensored(
      List<String> names, double[] durations, boolean[] events, double[]... columns) {
    double[] start = new double[durations.length];
    Arrays.fill(start, Double.NEGATIVE_INFINITY);
    return countingProcess(names, start, durations, events, null, columns);
  }

  /**
   * Counting-process rows (start, stop, event] with optional case weights (null for ones).
   *
   * @param columns one array per covariate, each of length n
   */
  public static SurvivalData countingProcess(
      List<String> names,
      double[] start,
      double[] stop,
      boolean[] events,
      double[] weights,
      double[]... columns) {
    int n = stop.length;
    int p = names.size();
    if (columns.length != p) {
      throw new IllegalArgumentException(
          "got " + columns.length + " covariate columns for " + p + " names " + names);
    }
    double[] flat = new double[Math.multiplyExact(n, p)];
    for (int k = 0; k < p; k++) {
      if (columns[k].length != n) {
        throw new IllegalArgumentException(
            "covariate " + names.get(k) + " has " + columns[k].length + " values, expected " + n);
      }
      for (int i = 0; i < n; i++) {
        flat[i * p + k] = columns[k][i];
      }
    }
    return ofRowMajor(names, start, stop, events, weights, flat);
  }

  /**
   * Counting-process rows with covariates already row-major (row i, covariate k at {@code i·p +
   * k}); the arrays are taken as they are, not copied, so that very large inputs are not doubled.
   */
  public static SurvivalData ofRowMajor(
      List<String> names,
      double[] start,
      double[] stop,
      boolean[] events,
      double[] weights,
      double[] rowMajorCovariates) {
    double[] w = weights;
    if (w == null) {
      w = new double[stop.length];
      Arrays.fill(w, 1.0);
    }
    return new SurvivalData(names, start, stop, events, w, rowMajorCovariates);
  }

  public List<String> names() {
    return names;
  }

  /** The same rows with only the covariates at the given indices, in that order. */
  SurvivalData select(int[] covariates) {
    int q = covariates.length;
    double[] kept = new double[Math.multiplyExact(n, q)];
    List<String> keptNames = new java.util.ArrayList<>();
    for (int k : covariates) {
      keptNames.add(names.get(k));
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < q; j++) {
        kept[i * q + j] = x[i * p + covariates[j]];
      }
    }
    return new SurvivalData(keptNames, start, stop, event, weight, kept);
  }

  /** The number of rows. */
  public int rows() {
    return n;
  }

  /** The number of covariates. */
  public int covariates() {
    return p;
  }

  double start(int i) {
    return start[i];
  }

  double stop(int i) {
    return stop[i];
  }

  boolean event(int i) {
    return event[i];
  }

  double weight(int i) {
    return weight[i];
  }

  double x(int i, int k) {
    return x[i * p + k];
  }

  double[] startArray() {
    return start;
  }

  double[] stopArray() {
    return stop;
  }

  /** The weighted number of rows (subjects, for right-censored data). */
  public double totalWeight() {
    double s = 0;
    for (double w : weight) {
      s += w;
    }
    return s;
  }

  /** The weighted number of events. */
  public double totalEvents() {
    double s = 0;
    for (int i = 0; i < n; i++) {
      if (event[i]) {
        s += weight[i];
      }
    }
    return s;
  }
}
