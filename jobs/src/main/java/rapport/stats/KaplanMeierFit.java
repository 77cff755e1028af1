package rapport.stats;

import java.util.Arrays;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * A fitted Kaplan–Meier curve (see {@link KaplanMeier}): one row per distinct observed time, as R's
 * {@code survfit} object holds it. Immutable; the arrays handed out are copies.
 */
public final class KaplanMeierFit {
  private final String label;
  private final double n;
  private final double events;
  private final double confidence;
  private final double[] times;
  private final double[] atRisk;
  private final double[] eventCounts;
  private final double[] censored;
  private final double[] survival;
  private final double[] stdErr;
  private final double[] lower;
  private final double[] upper;
  private final double median;
  private final double medianLower;
  private final double medianUpper;

  KaplanMeierFit(
      String label,
      double n,
      double events,
      double confidence,
      double[] times,
      double[] atRisk,
      double[] eventCounts,
      double[] censored,
      double[] survival,
      double[] stdErr,
      double[] lower,
      double[] upper,
      double median,
      double medianLower,
      double medianUpper) {
    this.label = label;
    this.n = n;
    this.events = events;
    this.confidence = confidence;
    this.times = times;
    this.atRisk = atRisk;
    this.eventCounts = eventCounts;
    this.censored = censored;
    this.survival = survival;
    this.stdErr = stdErr;
    this.lower = lower;
    this.upper = upper;
    this.median = median;
    this.medianLower = medianLower;
    this.medianUpper = medianUpper;
  }

  public String label() {
    return label;
  }

  /** The number of observations (sum of weights). */
  public double n() {
    return n;
  }

  /** The number of events (sum of weights). */
  public double events() {
    return events;
  }

  public double confidence() {
    return confidence;
  }

  /** The distinct observed times, ascending (event and censoring times). */
  public double[] times() {
    return KaplanMeier.copy(times);
  }

  /** The number at risk just before each time. */
  public double[] atRisk() {
    return KaplanMeier.copy(atRisk);
  }

  public double[] eventCounts() {
    return KaplanMeier.copy(eventCounts);
  }

  public double[] censoredCounts() {
    return KaplanMeier.copy(censored);
  }

  /** S(t) at each time. */
  public double[] survival() {
    return KaplanMeier.copy(survival);
  }

  /** Greenwood's standard error of log S(t) (R's {@code std.err}). */
  public double[] stdErr() {
    return KaplanMeier.copy(stdErr);
  }

  /** The lower confidence limit at each time (NaN where S has reached 0). */
  public double[] lower() {
    return KaplanMeier.copy(lower);
  }

  /** The upper confidence limit at each time (NaN where S has reached 0). */
  public double[] upper() {
    return KaplanMeier.copy(upper);
  }

  /** The median survival time, NaN when the curve never reaches 0.5. */
  public double median() {
    return median;
  }

  /** The lower limit of the median's interval, NaN when undefined. */
  public double medianLower() {
    return medianLower;
  }

  /** The upper limit of the median's interval, NaN when undefined (as R's NA). */
  public double medianUpper() {
    return medianUpper;
  }

  /** S(t): the step function, 1 before the first time. */
  public double survivalAt(double t) {
    int i = indexAtOrBefore(t);
    return i < 0 ? 1.0 : survival[i];
  }

  /** The number at risk at time t: those whose time is at or after t. */
  public double atRiskAt(double t) {
    int i = Arrays.binarySearch(times, t);
    int next = i >= 0 ? i : -i - 1;
    return next >= times.length ? 0 : atRisk[next];
  }

  private int indexAtOrBefore(double t) {
    int i = Arrays.binarySearch(times, t);
    return i >= 0 ? i : -i - 2;
  }

  /** The curve as a table: time, at_risk, events, censored, survival, std_err, lower, upper. */
  public Table summary() {
    String pct = String.format(Locale.ROOT, "%.0f", confidence * 100);
    return Table.create(
        label,
        DoubleColumn.create("time", times),
        DoubleColumn.create("at_risk", atRisk),
        DoubleColumn.create("events", eventCounts),
        DoubleColumn.create("censored", censored),
        DoubleColumn.create("survival", survival),
        DoubleColumn.create("std_err", stdErr),
        DoubleColumn.create("lower" + pct, lower),
        DoubleColumn.create("upper" + pct, upper));
  }

  /** The header and the median with its interval, in the manner of lifelines' print_summary. */
  public String summaryText() {
    StringBuilder s = new StringBuilder();
    s.append("<rapport.stats.KaplanMeierFit: fitted with ")
        .append(Format.num(n))
        .append(" observations, ")
        .append(Format.num(events))
        .append(" events>\n");
    s.append("            data = ").append(label).append('\n');
    s.append("      confidence = log-scale Greenwood intervals, ")
        .append(Format.num(confidence * 100))
        .append("%\n");
    s.append("          median = ")
        .append(Format.num(median))
        .append(" (")
        .append(Format.num(medianLower))
        .append(" – ")
        .append(Format.num(medianUpper))
        .append(")\n");
    return s.toString();
  }

  @Override
  public String toString() {
    return summaryText();
  }
}
