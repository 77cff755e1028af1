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
  private final double penalizerCoef;
  private final double gradient;
  private final int newtonSteps;
  private final String note;

  /** Shape parameters (r, a, b) outside this range are a degenerate fit, not a finding. */
  public static final double SHAPE_MIN = 1e-4;

  public static final double SHAPE_MAX = 1e4;

  /** The scale α (in the fit's time unit) outside (0, this] is a degenerate fit. */
  public static final double SCALE_MAX = 1e6;

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
      boolean converged,
      double penalizerCoef,
      double gradient,
      int newtonSteps) {
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
    this.penalizerCoef = penalizerCoef;
    this.gradient = gradient;
    this.newtonSteps = newtonSteps;
    this.note = null;
  }

  private BgNbdFit(BgNbdFit f, String note) {
    this.label = f.label;
    this.r = f.r;
    this.alpha = f.alpha;
    this.a = f.a;
    this.b = f.b;
    this.stdErrors = f.stdErrors;
    this.logLikelihood = f.logLikelihood;
    this.customers = f.customers;
    this.distinctTriples = f.distinctTriples;
    this.converged = f.converged;
    this.penalizerCoef = f.penalizerCoef;
    this.gradient = f.gradient;
    this.newtonSteps = f.newtonSteps;
    this.note = note;
  }

  /** This fit with a note on how it came about (shown in the summary). */
  BgNbdFit withNote(String note) {
    return new BgNbdFit(this, note);
  }

  /**
   * A fit restored from its stored numbers (the run's one BG/NBD fit, written by the stage that
   * fitted it and read by the others).
   */
  public static BgNbdFit restore(
      String label,
      double[] params,
      double[] stdErrors,
      double logLikelihood,
      double customers,
      int distinctTriples,
      boolean converged,
      double penalizerCoef,
      String note) {
    BgNbdFit f =
        new BgNbdFit(
            label,
            params[0],
            params[1],
            params[2],
            params[3],
            stdErrors,
            logLikelihood,
            customers,
            distinctTriples,
            converged,
            penalizerCoef,
            converged ? 0 : Double.NaN,
            0);
    return note == null ? f : f.withNote(note);
  }

  /** How the fit came about when it was not plain maximum likelihood, else null. */
  public String note() {
    return note;
  }

  /** A fit with given parameters (e.g. published ones), for predictions. */
  public static BgNbdFit of(double r, double alpha, double a, double b) {
    return new BgNbdFit(
        "given parameters", r, alpha, a, b, new double[4], Double.NaN, 0, 0, true, 0, 0, 0);
  }

  /** The penalizer λ it was fitted with (0: plain maximum likelihood). */
  public double penalizerCoef() {
    return penalizerCoef;
  }

  /**
   * Whether the fit may be used: converged (gradient and iteration limit), a finite log-likelihood,
   * finite standard errors, and r, a, b in [{@link #SHAPE_MIN}, {@link #SHAPE_MAX}], α in (0,
   * {@link #SCALE_MAX}].
   */
  public FitStatus status() {
    FitStatus.Checks c = new FitStatus.Checks().converged(converged, gradient, newtonSteps);
    if (customers > 0) {
      c.finite("the log-likelihood", logLikelihood)
          .finiteAll("standard errors", new String[] {"r", "alpha", "a", "b"}, stdErrors);
    }
    return c.within("r", r, SHAPE_MIN, SHAPE_MAX)
        .within("alpha", alpha, Double.MIN_NORMAL, SCALE_MAX)
        .within("a", a, SHAPE_MIN, SHAPE_MAX)
        .within("b", b, SHAPE_MIN, SHAPE_MAX)
        .status();
  }

  /**
   * The invariants of the predictions over {@code t} time units on the fitted customers: P(alive)
   * in [0, 1], expected purchases finite, ≥ 0 and at most {@code maxPurchases} (the most purchase
   * days the horizon holds). Empty when they all hold.
   */
  public FitStatus predictionStatus(BgNbd.Data data, double t, double maxPurchases) {
    FitStatus.Checks c = new FitStatus.Checks();
    boolean aliveInRange = true;
    double badAlive = 0;
    double mostPurchases = 0;
    for (int i = 0; i < data.distinct() && !Double.isNaN(mostPurchases); i++) {
      int x = data.frequency()[i];
      double tx = data.recency()[i];
      double age = data.age()[i];
      double alive = probabilityAlive(x, tx, age);
      if (!(alive >= 0 && alive <= 1)) {
        aliveInRange = false;
        badAlive = alive;
      }
      double purchases;
      try {
        purchases = conditionalExpectedPurchases(t, x, tx, age);
      } catch (ArithmeticException e) {
        purchases = Double.NaN;
      }
      mostPurchases =
          Double.isFinite(purchases) && purchases >= 0
              ? Math.max(mostPurchases, purchases)
              : Double.NaN;
    }
    if (!aliveInRange) {
      c.add("P(alive) = " + Format.num(badAlive) + " outside [0, 1]");
    }
    if (Double.isNaN(mostPurchases)) {
      c.add("expected purchases over the horizon not a finite number >= 0 for some customers");
    } else if (mostPurchases > maxPurchases) {
      c.add(
          "expected purchases over the horizon up to "
              + Format.num(mostPurchases)
              + ", more than the "
              + Format.num(maxPurchases)
              + " purchase days it holds");
    }
    return c.status();
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
    s.append("  penalizer_coef = ").append(Format.num(penalizerCoef)).append('\n');
    if (note != null) {
      s.append("            note = ").append(note).append('\n');
    }
    s.append("          status = ").append(status().describe()).append('\n');
    return s.toString();
  }

  @Override
  public String toString() {
    return summaryText();
  }
}
