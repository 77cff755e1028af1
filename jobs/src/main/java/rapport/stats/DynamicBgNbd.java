package rapport.stats;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;

/**
 * The BG/NBD with covariates in the dropout: a latent-attrition model for businesses where churn is
 * never written down, whose dropout chance at each purchase follows what happened before it.
 *
 * <p>As in the BG/NBD (Fader, Hardie &amp; Lee 2005), a customer buys at Poisson rate λ ~ Gamma(r,
 * α) while alive, and each repeat purchase j may be her last: she leaves right after it. Here the
 * chance of leaving at purchase j depends on covariates z<sub>j</sub> read <em>at</em> that
 * purchase, on the complementary log-log scale:
 *
 * <pre>
 *   P(stay after purchase j) = (1 − p)^e_j,   e_j = exp(γ'z_j),   p ~ Beta(a, b).
 * </pre>
 *
 * exp(γ<sub>k</sub>) is a hazard ratio: one more unit of z<sub>k</sub> multiplies the dropout
 * hazard −log(1 − p) of that purchase occasion by it. With γ = 0 the model is the BG/NBD. With E_k
 * = e_1 + … + e_k the mixtures over λ and p are closed form, so for a customer with x repeat
 * purchases, the last at t<sub>x</sub>, observed for T:
 *
 * <pre>
 *   L = Γ(r+x)α^r / Γ(r) · [ B(a, b+E_x)/B(a,b) · (α+T)^−(r+x)
 *                          + 1{x>0} (B(a, b+E_{x−1}) − B(a, b+E_x))/B(a,b) · (α+t_x)^−(r+x) ]
 * </pre>
 *
 * (the first term: alive after all x purchases and none since; the second: gone after the x-th).
 * With all e<sub>j</sub> = 1 it is the BG/NBD's likelihood, since B(a, b+x−1) − B(a, b+x) = B(a+1,
 * b+x−1).
 *
 * <p>The covariates are read only at purchases, moments when the customer is known to be alive:
 * what happens after her last purchase (the touches she may still get after silently leaving, the
 * win-back campaign her silence triggers) never enters, so it cannot pose as an effect. Between
 * purchases the model does not look: a touch acts on the dropout at the next purchase that it
 * precedes within the covariate's window.
 *
 * <p>Fitted by maximum likelihood ({@link MaximumLikelihood}) on log r, log α, log a, log b and γ
 * (the hazard ratios exp(γ) are the positive parameters), started from the BG/NBD fit of the same
 * customers; Wald intervals from the numerical Hessian; the likelihood-ratio test against the model
 * without the covariates.
 */
public final class DynamicBgNbd {
  private DynamicBgNbd() {}

  /**
   * One customer, in one time unit from her first purchase.
   *
   * @param recency t<sub>x</sub>, the time of her last repeat purchase (0 without one)
   * @param age T, how long she was observed
   * @param occasions the covariates at each repeat purchase, in order: occasions[j][k]
   */
  public record Customer(double recency, double age, double[][] occasions) {
    public Customer {
      if (!(age >= 0) || !(recency >= 0) || recency > age) {
        throw new IllegalArgumentException(
            "dynamic BG/NBD: need 0 <= recency <= age, got recency " + recency + ", age " + age);
      }
      if (occasions.length == 0 && recency != 0) {
        throw new IllegalArgumentException(
            "dynamic BG/NBD: a customer without repeat purchases has recency 0, got " + recency);
      }
    }

    public int frequency() {
      return occasions.length;
    }
  }

  /**
   * The fit.
   *
   * @param terms the covariate names, in the order of the occasion vectors
   * @param params r, α, a, b
   * @param paramErrors their standard errors
   * @param estimates per term γ<sub>k</sub> with its Wald inference (exp of it is the hazard ratio)
   * @param logLikelihood ℓ at the optimum
   * @param baselineLogLikelihood ℓ of the BG/NBD without covariates on the same customers
   * @param customers how many customers were fitted
   * @param status whether it may be used
   */
  public record Fit(
      String label,
      List<String> terms,
      double[] params,
      double[] paramErrors,
      List<Estimate> estimates,
      double logLikelihood,
      double baselineLogLikelihood,
      int customers,
      FitStatus status) {

    /** The likelihood-ratio statistic against the BG/NBD without the covariates. */
    public double likelihoodRatio() {
      return Math.max(0, 2 * (logLikelihood - baselineLogLikelihood));
    }

    /** The printed summary: the parameters, then one line per covariate as Cox's. */
    public String summaryText() {
      StringBuilder s = new StringBuilder();
      s.append("<rapport.stats.DynamicBgNbd: fitted on ").append(customers).append(" customers>\n");
      s.append("             data = ").append(label).append('\n');
      s.append(Estimate.parameterLines("r, alpha", "a, b", params, paramErrors));
      s.append("   log-likelihood = ")
          .append(Format.num(logLikelihood))
          .append(" (BG/NBD without covariates ")
          .append(Format.num(baselineLogLikelihood))
          .append(", LR p = ")
          .append(Format.num(likelihoodRatioP()))
          .append(")\n");
      s.append("           status = ").append(status.describe()).append('\n');
      s.append('\n');
      s.append(Estimate.table(estimates));
      return s.toString();
    }

    /** Its chi-squared p-value on as many degrees of freedom as terms. */
    public double likelihoodRatioP() {
      return terms.isEmpty()
          ? Double.NaN
          : 1 - new ChiSquaredDistribution(terms.size()).cumulativeProbability(likelihoodRatio());
    }
  }

  /** Fits the model. Every customer's occasion vectors have one entry per term. */
  public static Fit fit(String label, List<Customer> customers, List<String> terms) {
    if (customers.isEmpty()) {
      throw new IllegalArgumentException("dynamic BG/NBD needs at least one customer: " + label);
    }
    int k = terms.size();
    for (Customer c : customers) {
      for (double[] z : c.occasions()) {
        if (z.length != k) {
          throw new IllegalArgumentException(
              "dynamic BG/NBD: an occasion has " + z.length + " covariates, expected " + k);
        }
      }
    }
    Data data = new Data(customers, k);
    // the BG/NBD on the same customers (on its compressed data, fast): the start, and the model
    // the covariates are tested against
    int[] xs = new int[customers.size()];
    double[] txs = new double[customers.size()];
    double[] ages = new double[customers.size()];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = customers.get(i).frequency();
      txs[i] = customers.get(i).recency();
      ages[i] = customers.get(i).age();
    }
    BgNbdFit plain = BgNbd.fit(label, BgNbd.Data.compress(xs, txs, ages));
    double[] start = new double[4 + k];
    start[0] = plain.r();
    start[1] = plain.alpha();
    start[2] = plain.a();
    start[3] = plain.b();
    for (int j = 0; j < k; j++) {
      start[4 + j] = 1.0;
    }
    MaximumLikelihood.Result full =
        MaximumLikelihood.maximize(
            th -> {
              double[] g = new double[k];
              for (int j = 0; j < k; j++) {
                g[j] = Math.log(th[4 + j]);
              }
              return data.logLikelihood(th[0], th[1], th[2], th[3], g);
            },
            start,
            new double[4 + k],
            false);
    double[] th = full.params();
    double[] se = full.stdErrors();
    List<Estimate> estimates = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      double hr = th[4 + j];
      // se(γ) = se(HR) / HR (the delta method on γ = log HR)
      estimates.add(Estimate.wald(terms.get(j), Math.log(hr), se[4 + j] / hr));
    }
    double[] params = {th[0], th[1], th[2], th[3]};
    double[] paramErrors = {se[0], se[1], se[2], se[3]};
    FitStatus.Checks c =
        new FitStatus.Checks()
            .converged(full.converged(), full.gradient(), full.newtonSteps())
            .finite("the log-likelihood", full.logLikelihood())
            .finiteAll("standard errors", names(terms), se)
            .within("r", th[0], BgNbdFit.SHAPE_MIN, BgNbdFit.SHAPE_MAX)
            .within("alpha", th[1], Double.MIN_NORMAL, BgNbdFit.SCALE_MAX)
            .within("a", th[2], BgNbdFit.SHAPE_MIN, BgNbdFit.SHAPE_MAX)
            .within("b", th[3], BgNbdFit.SHAPE_MIN, BgNbdFit.SHAPE_MAX);
    for (Estimate e : estimates) {
      c.within(e.term() + " hazard ratio", e.ratio(), HR_MIN, HR_MAX);
    }
    if (!plain.status().usable()) {
      c.add("the BG/NBD without covariates it starts from is " + plain.status().describe());
    }
    return new Fit(
        label,
        List.copyOf(terms),
        params,
        paramErrors,
        List.copyOf(estimates),
        full.logLikelihood(),
        plain.logLikelihood(),
        customers.size(),
        c.status());
  }

  /** A hazard ratio outside [HR_MIN, HR_MAX] per unit of a covariate is not plausible. */
  public static final double HR_MIN = 1e-3;

  public static final double HR_MAX = 1e3;

  private static String[] names(List<String> terms) {
    List<String> n = new ArrayList<>(List.of("r", "alpha", "a", "b"));
    n.addAll(terms);
    return n.toArray(String[]::new);
  }

  /** ℓ(r, α, a, b, γ) of the customers. */
  public static double logLikelihood(
      List<Customer> customers, double r, double alpha, double a, double b, double[] gamma) {
    return new Data(customers, gamma.length).logLikelihood(r, alpha, a, b, gamma);
  }

  /** The customers flattened into arrays, so that one evaluation is one pass. */
  private static final class Data {
    private final int n;
    private final int k;
    private final int[] x;
    private final double[] tx;
    private final double[] age;
    private final int[] first;
    private final double[] z;
    private final int maxX;

    Data(List<Customer> customers, int k) {
      this.n = customers.size();
      this.k = k;
      this.x = new int[n];
      this.tx = new double[n];
      this.age = new double[n];
      this.first = new int[n + 1];
      int occasions = 0;
      for (int i = 0; i < n; i++) {
        Customer c = customers.get(i);
        x[i] = c.frequency();
        tx[i] = c.recency();
        age[i] = c.age();
        first[i] = occasions;
        occasions += x[i];
      }
      first[n] = occasions;
      this.maxX = java.util.Arrays.stream(x).max().orElse(0);
      this.z = new double[occasions * k];
      int o = 0;
      for (Customer c : customers) {
        for (double[] v : c.occasions()) {
          System.arraycopy(v, 0, z, o * k, k);
          o++;
        }
      }
    }

    double logLikelihood(double r, double alpha, double a, double b, double[] gamma) {
      // B(a, b+E) = Γ(a)Γ(b+E)/Γ(a+b+E): Γ(a) and B(a, b) are the same for every customer
      double lnGammaA = Gamma.logGamma(a);
      double lnB = Beta.logBeta(a, b);
      double lnAlpha = Math.log(alpha);
      double[] lnGammaRx = new double[maxX + 1];
      double lnGammaR = Gamma.logGamma(r);
      for (int v = 0; v <= maxX; v++) {
        lnGammaRx[v] = Gamma.logGamma(r + v) - lnGammaR;
      }
      double sum = 0;
      for (int i = 0; i < n; i++) {
        double exposureBefore = 0;
        double last = 0;
        for (int o = first[i]; o < first[i + 1]; o++) {
          double eta = 0;
          for (int j = 0; j < k; j++) {
            eta += gamma[j] * z[o * k + j];
          }
          last = Math.exp(eta);
          exposureBefore += last;
        }
        double exposure = exposureBefore;
        exposureBefore -= last;
        int xi = x[i];
        double stayedAll =
            lnGammaA + Gamma.logGamma(b + exposure) - Gamma.logGamma(a + b + exposure);
        double li = stayedAll - (r + xi) * Math.log(alpha + age[i]);
        if (xi > 0) {
          double stayedBefore =
              lnGammaA
                  + Gamma.logGamma(b + exposureBefore)
                  - Gamma.logGamma(a + b + exposureBefore);
          double gone =
              stayedBefore
                  + log1mExp(stayedAll - stayedBefore)
                  - (r + xi) * Math.log(alpha + tx[i]);
          li = logAddExp(li, gone);
        }
        sum += lnGammaRx[xi] + r * lnAlpha - lnB + li;
      }
      return sum;
    }
  }

  /** log(1 − e^d) for d ≤ 0, accurate near both ends. */
  static double log1mExp(double d) {
    if (d >= 0) {
      return Double.NEGATIVE_INFINITY;
    }
    return d > -0.6931471805599453 ? Math.log(-Math.expm1(d)) : Math.log1p(-Math.exp(d));
  }

  static double logAddExp(double u, double v) {
    if (u == Double.NEGATIVE_INFINITY) {
      return v;
    }
    if (v == Double.NEGATIVE_INFINITY) {
      return u;
    }
    double m = Math.max(u, v);
    return m + Math.log(Math.exp(u - m) + Math.exp(v - m));
  }
}
