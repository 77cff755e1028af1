package rapport.stats;

import static org.apache.commons.math3.special.Gamma.logGamma;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The Gamma-Gamma model of spend per transaction (Fader &amp; Hardie 2013, "The Gamma-Gamma Model
 * of Monetary Value"; Colombo &amp; Jiang 1999), fitted by maximum likelihood on the repeat buyers.
 *
 * <p>A customer's transaction values are Gamma(p, ν) with ν ~ Gamma(q, γ) across customers. The
 * likelihood of a customer's mean repeat spend m<sub>x</sub> over x transactions (their eq. 3, as
 * BTYD's {@code spend.LL} evaluates it) is
 *
 * <pre>
 *   log f = lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q·ln γ + (px−1)·ln m_x + px·ln x − (px+q)·ln(γ + x·m_x)
 * </pre>
 *
 * and the expected spend per transaction of a customer given (x, m<sub>x</sub>) is (γ + x·m
 * <sub>x</sub>)·p / (px + q − 1) (their eq. 5).
 */
public final class GammaGamma {
  private GammaGamma() {}

  /**
   * Fits the model on the repeat buyers among the customers (x &gt; 0 and a positive monetary
   * value); the others carry no information on spend and are left out.
   */
  public static Fit fit(String label, List<Rfm.Customer> customers) {
    List<Rfm.Customer> repeat = new ArrayList<>();
    for (Rfm.Customer c : customers) {
      if (c.frequency() > 0 && c.monetaryValue() > 0) {
        repeat.add(c);
      }
    }
    int n = repeat.size();
    int[] x = new int[n];
    double[] m = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = repeat.get(i).frequency();
      m[i] = repeat.get(i).monetaryValue();
    }
    return fit(label, x, m);
  }

  /**
   * Fits the model.
   *
   * @param frequency x &gt; 0 per customer
   * @param monetaryValue m<sub>x</sub> &gt; 0, the mean of the customer's repeat transactions
   */
  public static Fit fit(String label, int[] frequency, double[] monetaryValue) {
    return fit(label, frequency, monetaryValue, 0);
  }

  /**
   * Plain maximum likelihood first; when that fit is not usable (see {@link Fit#status()}), the fit
   * with the penalizer λ. The caller checks the result's status again.
   */
  public static Fit fitGuarded(
      String label, int[] frequency, double[] monetaryValue, double penalizerCoef) {
    Fit plain = fit(label, frequency, monetaryValue, 0);
    if (plain.status().usable() || penalizerCoef == 0) {
      return plain;
    }
    return fit(
        label + " (penalised: plain fit " + plain.status().describe() + ")",
        frequency,
        monetaryValue,
        penalizerCoef);
  }

  /**
   * Fits the model maximising ℓ(p, q, γ) − λ·n·((log p)² + (log q)²): lifetimes' {@code
   * penalizer_coef} λ on the two shapes (γ, a scale in currency units, is left free). λ = 0 is
   * plain maximum likelihood.
   */
  public static Fit fit(
      String label, int[] frequency, double[] monetaryValue, double penalizerCoef) {
    int n = frequency.length;
    if (n == 0) {
      throw new IllegalArgumentException("Gamma-Gamma needs at least one repeat buyer: " + label);
    }
    for (int i = 0; i < n; i++) {
      if (frequency[i] <= 0 || !(monetaryValue[i] > 0) || Double.isInfinite(monetaryValue[i])) {
        throw new IllegalArgumentException(
            "row "
                + i
                + ": need x > 0 and a positive finite monetary value, got x="
                + frequency[i]
                + " m="
                + monetaryValue[i]);
      }
    }
    if (!(penalizerCoef >= 0) || Double.isInfinite(penalizerCoef)) {
      throw new IllegalArgumentException(
          "Gamma-Gamma penalizer must be finite and >= 0, got " + penalizerCoef);
    }
    double w = penalizerCoef * n;
    MaximumLikelihood.Result r =
        MaximumLikelihood.maximize(
            theta -> logLikelihood(frequency, monetaryValue, theta[0], theta[1], theta[2]),
            new double[] {1.0, 1.0, 1.0},
            new double[] {w, w, 0});
    double[] p = r.params();
    FitStatus status =
        new FitStatus.Checks()
            .converged(r.converged(), r.gradient(), r.newtonSteps())
            .finite("the log-likelihood", r.logLikelihood())
            .finiteAll("standard errors", new String[] {"p", "q", "gamma"}, r.stdErrors())
            .within("p", p[0], BgNbdFit.SHAPE_MIN, BgNbdFit.SHAPE_MAX)
            .within("q", p[1], 1 + 1e-6, BgNbdFit.SHAPE_MAX)
            .status();
    return new Fit(
        label,
        p[0],
        p[1],
        p[2],
        r.stdErrors(),
        r.logLikelihood(),
        n,
        r.converged(),
        penalizerCoef,
        status);
  }

  /** The log-likelihood of (p, q, γ). */
  public static double logLikelihood(
      int[] frequency, double[] monetaryValue, double p, double q, double gamma) {
    double ll = 0;
    double constant = -logGamma(q) + q * Math.log(gamma);
    for (int i = 0; i < frequency.length; i++) {
      double x = frequency[i];
      double m = monetaryValue[i];
      double px = p * x;
      ll +=
          constant
              + logGamma(px + q)
              - logGamma(px)
              + (px - 1) * Math.log(m)
              + px * Math.log(x)
              - (px + q) * Math.log(gamma + x * m);
    }
    return ll;
  }

  /**
   * A fitted Gamma-Gamma model.
   *
   * @param label what it was fitted on
   * @param p the shape of the transaction values
   * @param q the shape of the scale's distribution
   * @param gamma the scale of the scale's distribution
   * @param stdErrors the standard errors of p, q, γ
   * @param logLikelihood ℓ at the optimum
   * @param customers the number of repeat buyers fitted on
   * @param converged whether the optimiser converged
   * @param penalizerCoef the penalizer λ it was fitted with
   * @param status whether it may be used: converged, finite ℓ and standard errors, p in range and q
   *     &gt; 1 (else the population's mean spend is infinite)
   */
  public record Fit(
      String label,
      double p,
      double q,
      double gamma,
      double[] stdErrors,
      double logLikelihood,
      int customers,
      boolean converged,
      double penalizerCoef,
      FitStatus status) {

    public Fit {
      stdErrors = stdErrors.clone();
    }

    @Override
    public double[] stdErrors() {
      return stdErrors.clone();
    }

    /** E[M | x, m_x] = (γ + x·m_x)·p / (px + q − 1); for x = 0 the population mean pγ/(q−1). */
    public double conditionalExpectedAverageValue(int x, double monetaryValue) {
      if (x == 0) {
        return p * gamma / (q - 1);
      }
      return (gamma + x * monetaryValue) * p / (p * x + q - 1);
    }

    /** One row per parameter: param, estimate, se, lower95, upper95. */
    public Table summary() {
      double[] est = {p, q, gamma};
      double[] lo = new double[3];
      double[] hi = new double[3];
      for (int k = 0; k < 3; k++) {
        lo[k] = est[k] - Estimate.Z975 * stdErrors[k];
        hi[k] = est[k] + Estimate.Z975 * stdErrors[k];
      }
      return Table.create(
          label,
          StringColumn.create("param", "p", "q", "gamma"),
          DoubleColumn.create("estimate", est),
          DoubleColumn.create("se", stdErrors),
          DoubleColumn.create("lower95", lo),
          DoubleColumn.create("upper95", hi));
    }

    /** The printed summary in the manner of lifetimes' {@code print_summary()}. */
    public String summaryText() {
      StringBuilder s = new StringBuilder();
      s.append("<rapport.stats.GammaGamma.Fit: fitted with ")
          .append(customers)
          .append(" repeat buyers>\n");
      s.append(
          Format.parameters(
              label,
              logLikelihood,
              converged,
              new String[] {"p", "q", "gamma"},
              new double[] {p, q, gamma},
              stdErrors));
      s.append("  penalizer_coef = ").append(Format.num(penalizerCoef)).append('\n');
      s.append("          status = ").append(status.describe()).append('\n');
      return s.toString();
    }
  }
}
