package rapport.stats;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** A fitted BG/NBD model (see {@link BgNbd}) and its predictions. Immutable. */
public final class BgNbdFit {
  private final String label;
  private final double r;
  private final double alpha;
  private final double a;
  private final double b;
  private final double[] stdErrors;
  private final double logLikelihood;
  private final double customers;
  private final int distinctTriples;
  private final boolean converged;

  BgNbdFit(
      String label,
      double r,
      double alpha,
      double a,
      double b,
      double[] stdErrors,
      double logLikelihood,
      double customers,
      int distinctTriples,
      boolean converged) {
    this.label = label;
    this.r = r;
    this.alpha = alpha;
    this.a = a;
    this.b = b;
    this.stdErrors = stdErrors.clone();
    this.logLikelihood = logLikelihood;
    this.customers = customers;
    this.distinctTriples = distinctTriples;
    this.converged = converged;
  }

  /** A fit with given parameters (e.g. published ones), for predictions. */
  public static BgNbdFit of(double r, double alpha, double a, double b) {
    return new BgNbdFit("given parameters", r, alpha, a, b, new double[4], Double.NaN, 0, 0, true);
  }

  public String label() {
    return label;
  }

  public double r() {
    return r;
  }

  public double alpha() {
    return alpha;
  }

  public double a() {
    return a;
  }

  public double b() {
    return b;
  }

  /** The standard errors of r, α, a, b from the numerical Hessian. */
  public double[] stdErrors() {
    return stdErrors.clone();
  }

  public double logLikelihood() {
    return logLikelihood;
  }

  /** The number of customers fitted on. */
  public double customers() {
    return customers;
  }

  /** The number of distinct (x, t_x, T) the customers compressed to. */
  public int distinctTriples() {
    return distinctTriples;
  }

  public boolean converged() {
    return converged;
  }

  /**
   * P(alive | x, t<sub>x</sub>, T) = 1 / (1 + δ<sub>x&gt;0</sub> · a/(b+x−1) ·
   * ((α+T)/(α+t<sub>x</sub>))<sup>r+x</sup>) (FHL 2005, eq. 13), computed as the logistic of −z.
   */
  public double probabilityAlive(int x, double recency, double age) {
    if (x == 0) {
      return 1.0;
    }
    return 1 / (1 + Math.exp(z(x, recency, age)));
  }

  private double z(int x, double recency, double age) {
    return Math.log(a)
        - Math.log(b + x - 1)
        + (r + x) * (Math.log(alpha + age) - Math.log(alpha + recency));
  }

  /**
   * The expected number of purchases in (0, t] of a customer just acquired (FHL 2005, eq. 9):
   * (a+b−1) /(a−1) · [1 − (α/(α+t))<sup>r</sup> ₂F₁(r, b; a+b−1; t/(α+t))].
   */
  public double expectedPurchases(double t) {
    double f = BgNbd.hyp2f1(r, b, a + b - 1, t / (alpha + t));
    return (a + b - 1) / (a - 1) * (1 - Math.pow(alpha / (alpha + t), r) * f);
  }

  /**
   * The expected number of purchases in (T, T+t] of a customer with history (x, t<sub>x</sub>, T)
   * (FHL 2005, eq. 10):
   *
   * <pre>
   *   (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))]
   *       / (1 + δ_{x>0} · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x))
   * </pre>
   */
  public double conditionalExpectedPurchases(double t, int x, double recency, double age) {
    double f = BgNbd.hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + age + t));
    double numerator =
        (a + b + x - 1) / (a - 1) * (1 - Math.pow((alpha + age) / (alpha + age + t), r + x) * f);
    return numerator * probabilityAlive(x, recency, age);
  }

  /** One row per parameter: param, estimate, se, lower95, upper95 (estimate ± 1.96 se). */
  public Table summary() {
    double[] est = {r, alpha, a, b};
    double[] lo = new double[4];
    double[] hi = new double[4];
    for (int k = 0; k < 4; k++) {
      lo[k] = est[k] - Estimate.Z975 * stdErrors[k];
      hi[k] = est[k] + Estimate.Z975 * stdErrors[k];
    }
    return Table.create(
        label,
        StringColumn.create("param", "r", "alpha", "a", "b"),
        DoubleColumn.create("estimate", est),
        DoubleColumn.create("se", stdErrors),
        DoubleColumn.create("lower95", lo),
        DoubleColumn.create("upper95", hi));
  }

  /** The printed summary in the manner of lifetimes' {@code print_summary()}. */
  public String summaryText() {
    StringBuilder s = new StringBuilder();
    s.append("<rapport.stats.BgNbdFit: fitted with ")
        .append(Format.num(customers))
        .append(" customers (")
        .append(distinctTriples)
        .append(" distinct (x, t_x, T))>\n");
    s.append(
        Format.parameters(
            label,
            logLikelihood,
            converged,
            new String[] {"r", "alpha", "a", "b"},
            new double[] {r, alpha, a, b},
            stdErrors));
    return s.toString();
  }

  @Override
  public String toString() {
    return summaryText();
  }
}
