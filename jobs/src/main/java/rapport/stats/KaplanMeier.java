package rapport.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The Kaplan–Meier estimator with Greenwood's variance and R {@code survfit}'s default log-scale
 * confidence intervals.
 *
 * <p>At each distinct time t<sub>j</sub> with n<sub>j</sub> at risk and d<sub>j</sub> events
 * (weighted counts when case weights are given):
 *
 * <pre>
 *   S(t)          = Π_{t_j ≤ t} (1 − d_j / n_j)
 *   se(t)         = sqrt( Σ_{t_j ≤ t} d_j / (n_j (n_j − d_j)) )       (Greenwood, on the log scale)
 *   CI(t)         = S(t) · exp(± z · se(t)), the upper limit capped at 1 (conf.type = "log")
 * </pre>
 *
 * <p>The median and its interval follow R's {@code quantile.survfit}: the median is the first time
 * the curve is at or below 0.5 (the midpoint to the next lower step when the curve is flat at
 * exactly 0.5); its lower and upper limits are the same quantile read off the lower and the upper
 * confidence curve (Brookmeyer &amp; Crowley 1982, as R computes it). Sources: Kaplan &amp; Meier
 * (1958); Greenwood (1926); Therneau, {@code survival} package, {@code survfit.formula} and {@code
 * quantile.survfit}.
 */
public final class KaplanMeier {
  private KaplanMeier() {}

  /**
   * R's tolerance for "the curve is exactly at the quantile" ({@code sqrt(.Machine$double.eps)}).
   */
  private static final double QUANTILE_TOLERANCE = Math.sqrt(Math.ulp(1.0));

  /** Fits one curve with unit weights. */
  public static KaplanMeierFit fit(String label, double[] durations, boolean[] events) {
    return fit(label, durations, events, null, 0.95);
  }

  /**
   * Fits one curve.
   *
   * @param label what was fitted, shown in the summary header
   * @param durations time to event or censoring, finite and non-negative
   * @param events true where the duration ends in the event, false where it is censored
   * @param weights case weights (counts of identical rows), or null for ones
   * @param confidence the confidence level of the pointwise intervals and of the median's interval
   */
  public static KaplanMeierFit fit(
      String label, double[] durations, boolean[] events, double[] weights, double confidence) {
    int n = durations.length;
    if (events.length != n || (weights != null && weights.length != n)) {
      throw new IllegalArgumentException(
          "durations, events and weights differ in length: "
              + n
              + ", "
              + events.length
              + ", "
              + (weights == null ? n : weights.length));
    }
    if (n == 0) {
      throw new IllegalArgumentException("Kaplan–Meier needs at least one observation: " + label);
    }
    // time -> {weight at this time, events at this time}
    TreeMap<Double, double[]> byTime = new TreeMap<>();
    double total = 0;
    for (int i = 0; i < n; i++) {
      double t = durations[i];
      double w = weights == null ? 1.0 : weights[i];
      if (!Double.isFinite(t) || t < 0) {
        throw new IllegalArgumentException("duration must be finite and >= 0, got " + t);
      }
      if (!(w > 0) || !Double.isFinite(w)) {
        throw new IllegalArgumentException("weight must be finite and > 0, got " + w);
      }
      double[] acc = byTime.computeIfAbsent(t, k -> new double[2]);
      acc[0] += w;
      if (events[i]) {
        acc[1] += w;
      }
      total += w;
    }
    int m = byTime.size();
    double[] times = new double[m];
    double[] atRisk = new double[m];
    double[] eventCounts = new double[m];
    double[] censored = new double[m];
    double[] survival = new double[m];
    double[] stdErr = new double[m];
    double[] lower = new double[m];
    double[] upper = new double[m];
    double z = new NormalDistribution().inverseCumulativeProbability(0.5 + confidence / 2);
    double risk = total;
    double s = 1;
    double greenwood = 0;
    double totalEvents = 0;
    int j = 0;
    for (Map.Entry<Double, double[]> e : byTime.entrySet()) {
      double d = e.getValue()[1];
      times[j] = e.getKey();
      atRisk[j] = risk;
      eventCounts[j] = d;
      censored[j] = e.getValue()[0] - d;
      if (d > 0) {
        s *= 1 - d / risk;
        greenwood += risk > d ? d / (risk * (risk - d)) : Double.POSITIVE_INFINITY;
      }
      survival[j] = s;
      stdErr[j] = Math.sqrt(greenwood);
      if (s > 0 && Double.isFinite(greenwood)) {
        lower[j] = s * Math.exp(-z * stdErr[j]);
        upper[j] = Math.min(1, s * Math.exp(z * stdErr[j]));
      } else {
        lower[j] = Double.NaN;
        upper[j] = Double.NaN;
      }
      totalEvents += d;
      risk -= e.getValue()[0];
      j++;
    }
    double median = quantileTime(times, survival, 0.5);
    // the lower curve reaches 0.5 first, so it gives the lower limit
    double medianLower = quantileTime(times, lower, 0.5);
    double medianUpper = quantileTime(times, upper, 0.5);
    return new KaplanMeierFit(
        label,
        total,
        totalEvents,
        confidence,
        times,
        atRisk,
        eventCounts,
        censored,
        survival,
        stdErr,
        lower,
        upper,
        median,
        medianLower,
        medianUpper);
  }

  /**
   * One curve per group, in the order the groups first appear.
   *
   * @param groups the group label of each observation
   */
  public static Map<String, KaplanMeierFit> fitByGroup(
      String label, double[] durations, boolean[] events, String[] groups, double[] weights) {
    if (groups.length != durations.length) {
      throw new IllegalArgumentException(
          "groups and durations differ in length: " + groups.length + ", " + durations.length);
    }
    Map<String, List<Integer>> rows = new LinkedHashMap<>();
    for (int i = 0; i < groups.length; i++) {
      rows.computeIfAbsent(groups[i], k -> new ArrayList<>()).add(i);
    }
    Map<String, KaplanMeierFit> fits = new LinkedHashMap<>();
    for (Map.Entry<String, List<Integer>> g : rows.entrySet()) {
      int[] idx = g.getValue().stream().mapToInt(Integer::intValue).toArray();
      double[] d = new double[idx.length];
      boolean[] e = new boolean[idx.length];
      double[] w = weights == null ? null : new double[idx.length];
      for (int k = 0; k < idx.length; k++) {
        d[k] = durations[idx[k]];
        e[k] = events[idx[k]];
        if (w != null) {
          w[k] = weights[idx[k]];
        }
      }
      fits.put(g.getKey(), fit(label + " [" + g.getKey() + "]", d, e, w, 0.95));
    }
    return fits;
  }

  /**
   * The time at which {@code curve} first reaches {@code level}, as R's internal {@code
   * survival:::findq} reads it (here on y = 1 − curve, with the point (0, 0) prepended and repeated
   * values dropped): with i₁ the first point where y + tol ≥ 1 − level and i₂ the first where y −
   * tol ≥ 1 − level, the answer is (x[i₁] + x[i₂]) / 2. They differ only when the curve sits
   * exactly at the level, giving the midpoint to the next step; when the curve ends exactly at the
   * level the last observed time stands in for x[i₂]. NaN when the curve never reaches the level.
   * Missing points (NaN, where the curve has reached zero) are skipped.
   */
  static double quantileTime(double[] times, double[] curve, double level) {
    double p = 1 - level;
    int m = times.length;
    double[] xs = new double[m + 1];
    double[] ys = new double[m + 1];
    int n = 0;
    xs[n] = 0;
    ys[n++] = 0;
    Set<Double> seen = new HashSet<>();
    seen.add(0.0);
    for (int i = 0; i < m; i++) {
      double y = 1 - curve[i];
      if (seen.add(y)) {
        xs[n] = times[i];
        ys[n++] = y;
      }
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      if (!Double.isNaN(ys[i])) {
        max = Math.max(max, ys[i]);
      }
    }
    if (max < p) {
      return Double.NaN;
    }
    int first = -1;
    int second = -1;
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(ys[i])) {
        continue;
      }
      if (first < 0 && ys[i] + QUANTILE_TOLERANCE >= p) {
        first = i;
      }
      if (second < 0 && ys[i] - QUANTILE_TOLERANCE >= p) {
        second = i;
      }
    }
    double last = ys[n - 1];
    if (!Double.isNaN(last) && Math.abs(p - last) < QUANTILE_TOLERANCE) {
      return (xs[first] + times[m - 1]) / 2;
    }
    return second < 0 ? Double.NaN : (xs[first] + xs[second]) / 2;
  }

  static double[] copy(double[] a) {
    return Arrays.copyOf(a, a.length);
  }
}
