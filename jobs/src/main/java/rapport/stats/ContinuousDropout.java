package rapport.stats;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.special.Gamma;

/**
 * A latent-attrition model whose dropout follows time-varying covariates in continuous time: the
 * continuous form of {@link DynamicBgNbd}, for businesses where churn is never written down.
 *
 * <p>While alive a customer buys at Poisson rate λ ~ Gamma(r, α) and leaves at hazard
 *
 * <pre>
 *   μ(t) = λ · θ · exp(γ'z(t) + δ'w),   θ ~ Gamma(s, β),
 * </pre>
 *
 * so a customer who buys often is not, for that, more likely to stay (the hazard per purchase is
 * what θ describes), z(t) are covariates that change in time (touch counts of a trailing window:
 * piecewise constant) and w covariates fixed before any of them (a confounder such as the first
 * order's channel). exp(γ<sub>k</sub>) and exp(δ<sub>k</sub>) are hazard ratios.
 *
 * <p>A customer made x repeat purchases, the last at t<sub>x</sub>, and was observed for T, all in
 * one time unit from her first purchase. Up to t<sub>x</sub> she is known alive: her covariate path
 * there is observed ({@link Customer#known}). After t<sub>x</sub> it is not used as observed (it
 * may depend on whether she left); each of R fixed draws gives a path of her alive covariates from
 * t<sub>x</sub> to T ({@link Customer#tails}), and the likelihood is the average over the draws
 * (simulated maximum likelihood). With M(t) = ∫<sub>0</sub><sup>t</sup> exp(γ'z(u)) du (piecewise
 * linear) and c = exp(δ'w), λ integrates in closed form:
 *
 * <pre>
 *   L | θ = Γ(r+x)α^r/Γ(r) · [ (α+T+θcM(T))^−(r+x)
 *         + Σ_pieces θcm/(1+θcm) · ((α+A+θcM(A))^−(r+x) − (α+B+θcM(B))^−(r+x)) ]
 * </pre>
 *
 * (alive at T; gone in a tail piece (A, B] where exp(γ'z) = m), and θ by 16-point Gauss–Legendre
 * quadrature on its quantile scale u = v³ (denser near θ = 0). The reference implementation is
 * {@code tools/dropout_continuous.py} (scipy).
 *
 * <p>Fitted by quasi-Newton (BFGS, analytic gradient; the derivative of θ's quantiles in s by
 * central differences) on log r, log α, log s, log β, γ, δ, from the fit without covariates (γ = δ
 * = 0, where the draws do not matter), which is also the likelihood-ratio test's null model; Wald
 * intervals from the Hessian (forward differences of the analytic gradient).
 */
public final class ContinuousDropout {
  private ContinuousDropout() {}

  /** A stretch [start, end) of a customer's time with constant covariates z. */
  public record Piece(double start, double end, double[] z) {
    public Piece {
      if (!(start >= 0) || !(end >= start)) {
        throw new IllegalArgumentException(
            "continuous dropout: a piece needs 0 <= start <= end, got ["
                + start
                + ", "
                + end
                + ")");
      }
    }
  }

  /**
   * One customer.
   *
   * @param repeats x, the repeat purchases
   * @param recency t<sub>x</sub>, the time of the last purchase from the first (0 without a repeat)
   * @param age T, how long she was observed from her first purchase
   * @param fixed w, the covariates fixed before any of the time-varying ones
   * @param known the pieces covering [0, t<sub>x</sub>], in order
   * @param tails per draw the pieces covering [t<sub>x</sub>, T], in order (at least one draw)
   */
  public record Customer(
      int repeats,
      double recency,
      double age,
      double[] fixed,
      List<Piece> known,
      List<List<Piece>> tails) {
    public Customer {
      if (repeats < 0 || !(recency >= 0) || !(age >= recency)) {
        throw new IllegalArgumentException(
            "continuous dropout: need repeats >= 0 and 0 <= recency <= age, got "
                + repeats
                + ", "
                + recency
                + ", "
                + age);
      }
      if (tails.isEmpty()) {
        throw new IllegalArgumentException("continuous dropout: a customer needs at least 1 draw");
      }
      known = List.copyOf(known);
      tails = tails.stream().map(List::copyOf).toList();
    }
  }

  /**
   * The fit.
   *
   * @param terms the names of z's then w's entries
   * @param params r, α, s, β
   * @param paramErrors their standard errors
   * @param estimates per term its log hazard ratio with Wald inference
   * @param baselineLogLikelihood ℓ of the model without covariates (γ = δ = 0) on the same data
   * @param draws R, the tail draws per customer
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
      int draws,
      FitStatus status) {

    public double likelihoodRatio() {
      return Math.max(0, 2 * (logLikelihood - baselineLogLikelihood));
    }

    public double likelihoodRatioP() {
      return terms.isEmpty()
          ? Double.NaN
          : 1 - new ChiSquaredDistribution(terms.size()).cumulativeProbability(likelihoodRatio());
    }

    /** The printed summary: the parameters, then one line per covariate as Cox's. */
    public String summaryText() {
      StringBuilder s = new StringBuilder();
      s.append("<rapport.stats.ContinuousDropout: fitted on ")
          .append(customers)
          .append(" customers, ")
          .append(draws)
          .append(" tail draws each>\n");
      s.append("             data = ").append(label).append('\n');
      s.append(Estimate.parameterLines("r, alpha", "s, beta", params, paramErrors));
      s.append("   log-likelihood = ")
          .append(Format.num(logLikelihood))
          .append(" (without covariates ")
          .append(Format.num(baselineLogLikelihood))
          .append(", LR p = ")
          .append(Format.num(likelihoodRatioP()))
          .append(")\n");
      s.append("           status = ").append(status.describe()).append('\n');
      s.append('\n');
      s.append(Estimate.table(estimates));
      return s.toString();
    }
  }

  /** The gradient (largest absolute entry, on the fitting scale) below which the fit converged. */
  static final double GRADIENT_TOLERANCE = 1e-3;

  /**
   * The Newton decrement g'(−H)⁻¹g below which the fit also counts as converged: the optimum is
   * then within about 0.001 standard errors, whatever the gradient's size on many customers.
   */
  static final double NEWTON_DECREMENT = 1e-6;

  /** At most this many Newton steps after the quasi-Newton search. */
  static final int MAX_NEWTON_STEPS = 5;

  /** At most this many quasi-Newton steps. */
  static final int MAX_STEPS = 200;

  static final int NODES = 16;

  /** The start of the fit without covariates: r, α, s, β (as the reference tool). */
  private static final double[] START = {0.5, 5, 1, 3};

  /**
   * Fits the model.
   *
   * @param varying the names of z's entries (each piece's z has one per name)
   * @param fixed the names of w's entries
   */
  public static Fit fit(
      String label, List<Customer> customers, List<String> varying, List<String> fixed) {
    if (customers.isEmpty()) {
      throw new IllegalArgumentException(
          "continuous dropout needs at least one customer: " + label);
    }
    Data data = new Data(customers, varying.size(), fixed.size());
    Data plain = data.withoutCovariates();
    double[] p0 = new double[4];
    for (int j = 0; j < 4; j++) {
      p0[j] = Math.log(START[j]);
    }
    Optimum base = maximize(plain, p0);
    int k = varying.size() + fixed.size();
    double[] start = new double[4 + k];
    System.arraycopy(base.x, 0, start, 0, 4);
    Optimum full = maximize(data, start);
    double[] x = full.x;
    double[] se = standardErrors(full.hessian);
    double[] params = new double[4];
    double[] paramErrors = new double[4];
    for (int j = 0; j < 4; j++) {
      params[j] = Math.exp(x[j]);
      paramErrors[j] = params[j] * se[j];
    }
    List<String> terms = new ArrayList<>(varying);
    terms.addAll(fixed);
    List<Estimate> estimates = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      estimates.add(Estimate.wald(terms.get(j), x[4 + j], se[4 + j]));
    }
    List<String> names = new ArrayList<>(List.of("r", "alpha", "s", "beta"));
    names.addAll(terms);
    FitStatus.Checks c =
        new FitStatus.Checks()
            .converged(full.converged, full.gradient, full.steps)
            .finite("the log-likelihood", full.value)
            .finiteAll("standard errors", names.toArray(String[]::new), se)
            .within("r", params[0], BgNbdFit.SHAPE_MIN, BgNbdFit.SHAPE_MAX)
            .within("alpha", params[1], Double.MIN_NORMAL, BgNbdFit.SCALE_MAX)
            .within("s", params[2], BgNbdFit.SHAPE_MIN, BgNbdFit.SHAPE_MAX)
            .within("beta", params[3], Double.MIN_NORMAL, BgNbdFit.SCALE_MAX);
    for (Estimate e : estimates) {
      c.within(e.term() + " hazard ratio", e.ratio(), DynamicBgNbd.HR_MIN, DynamicBgNbd.HR_MAX);
    }
    if (!base.converged) {
      c.add(
          "the fit without covariates it starts from did not converge (gradient "
              + Format.num(base.gradient)
              + ")");
    }
    return new Fit(
        label,
        List.copyOf(terms),
        params,
        paramErrors,
        List.copyOf(estimates),
        full.value,
        base.value,
        customers.size(),
        data.draws,
        c.status());
  }

  /**
   * The pieces of [lo, hi] between the moments a covariate changes, when covariate k counts the
   * moments of {@code times[k]} in the trailing window: a moment a counts on (a, a + window].
   *
   * @param times per covariate its moments, sorted (those before lo count too)
   */
  public static List<Piece> windowCounts(double[][] times, double lo, double hi, double window) {
    java.util.TreeSet<Double> cuts = new java.util.TreeSet<>();
    cuts.add(lo);
    cuts.add(hi);
    for (double[] a : times) {
      for (double v : a) {
        if (v > lo && v < hi) {
          cuts.add(v);
        }
        if (v + window > lo && v + window < hi) {
          cuts.add(v + window);
        }
      }
    }
    List<Piece> out = new ArrayList<>();
    Double prev = null;
    for (double c : cuts) {
      if (prev != null) {
        double[] z = new double[times.length];
        for (int k = 0; k < times.length; k++) {
          z[k] = upTo(times[k], prev) - upTo(times[k], prev - window);
        }
        out.add(new Piece(prev, c, z));
      }
      prev = c;
    }
    return out;
  }

  /**
   * A Gamma(shape, 1) draw by Marsaglia–Tsang (with the boost for shape below 1): the tail draws
   * need one per customer and draw from her own {@link java.util.SplittableRandom}.
   */
  public static double gammaDraw(java.util.SplittableRandom rng, double shape) {
    if (shape < 1) {
      return gammaDraw(rng, shape + 1) * Math.pow(1 - rng.nextDouble(), 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double z;
      double v;
      do {
        double u1 = 1 - rng.nextDouble();
        double u2 = rng.nextDouble();
        z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        v = 1 + c * z;
      } while (v <= 0);
      v = v * v * v;
      double u = 1 - rng.nextDouble();
      if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }

  /** How many of the sorted values are at most v. */
  private static int upTo(double[] sorted, double v) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** ℓ at r, α, s, β, γ, δ. */
  public static double logLikelihood(
      List<Customer> customers,
      double r,
      double alpha,
      double s,
      double beta,
      double[] gamma,
      double[] delta) {
    Data d = new Data(customers, gamma.length, delta.length);
    return d.evaluate(point(r, alpha, s, beta, gamma, delta), null);
  }

  /** The analytic gradient of ℓ with respect to (log r, log α, log s, log β, γ, δ) at the point. */
  static double[] gradient(
      List<Customer> customers,
      double r,
      double alpha,
      double s,
      double beta,
      double[] gamma,
      double[] delta) {
    Data d = new Data(customers, gamma.length, delta.length);
    double[] g = new double[4 + gamma.length + delta.length];
    d.evaluate(point(r, alpha, s, beta, gamma, delta), g);
    return g;
  }

  static double[] point(
      double r, double alpha, double s, double beta, double[] gamma, double[] delta) {
    double[] x = new double[4 + gamma.length + delta.length];
    x[0] = Math.log(r);
    x[1] = Math.log(alpha);
    x[2] = Math.log(s);
    x[3] = Math.log(beta);
    System.arraycopy(gamma, 0, x, 4, gamma.length);
    System.arraycopy(delta, 0, x, 4 + gamma.length, delta.length);
    return x;
  }

  /** ℓ at a point of the fitting scale (log r, log α, log s, log β, γ, δ). */
  static double logLikelihood(List<Customer> customers, int varying, int fixed, double[] x) {
    return new Data(customers, varying, fixed).evaluate(x, null);
  }

  private record Optimum(
      double[] x,
      double value,
      double[][] hessian,
      boolean converged,
      double gradient,
      int steps) {}

  /** BFGS on −ℓ from the start, its initial inverse Hessian from finite differences there. */
  private static Optimum maximize(Data d, double[] start) {
    int p = start.length;
    double[] x = start.clone();
    double[] g = new double[p];
    double f = d.evaluate(x, g);
    if (!Double.isFinite(f)) {
      return new Optimum(x, f, null, false, Double.NaN, 0);
    }
    double[][] inv = inverseNegative(hessian(d, x));
    if (inv == null) {
      inv = identity(p, 1.0 / Math.max(1, d.n));
    }
    int steps = 0;
    boolean converged = maxAbs(g) < GRADIENT_TOLERANCE;
    while (!converged && steps < MAX_STEPS) {
      steps++;
      // ascent direction inv · g (inv approximates (−H)⁻¹)
      double[] dir = times(inv, g);
      double slope = dot(dir, g);
      if (!(slope > 0)) {
        inv = identity(p, 1.0 / Math.max(1, d.n));
        dir = times(inv, g);
        slope = dot(dir, g);
      }
      double cap = maxAbs(dir);
      double t = cap > 2 ? 2 / cap : 1;
      double[] xn = null;
      double[] gn = new double[p];
      double fn = Double.NaN;
      for (int halving = 0; halving < 40; halving++) {
        xn = new double[p];
        for (int j = 0; j < p; j++) {
          xn[j] = x[j] + t * dir[j];
        }
        fn = d.evaluate(xn, gn);
        if (Double.isFinite(fn) && fn >= f + 1e-4 * t * slope) {
          break;
        }
        t /= 2;
        fn = Double.NaN;
      }
      if (Double.isNaN(fn)) {
        break;
      }
      double[] sv = new double[p];
      double[] yv = new double[p];
      for (int j = 0; j < p; j++) {
        sv[j] = xn[j] - x[j];
        yv[j] = g[j] - gn[j]; // the change of −∇ℓ
      }
      double sy = dot(sv, yv);
      if (sy > 1e-12) {
        double[] hy = times(inv, yv);
        double yhy = dot(yv, hy);
        for (int a = 0; a < p; a++) {
          for (int b = 0; b < p; b++) {
            inv[a][b] +=
                (sy + yhy) * sv[a] * sv[b] / (sy * sy) - (hy[a] * sv[b] + sv[a] * hy[b]) / sy;
          }
        }
      }
      double change = fn - f;
      x = xn;
      f = fn;
      g = gn;
      converged = maxAbs(g) < GRADIENT_TOLERANCE;
      if (!converged && dot(times(inv, g), g) < NEWTON_DECREMENT) {
        break; // the finite-difference Hessian below decides
      }
      if (!converged && change < 1e-12 * (1 + Math.abs(f)) && maxAbs(g) < 1e-1) {
        break;
      }
    }
    double[][] h = hessian(d, x);
    // Newton from the finite-difference Hessian: done when the gradient vanishes or the Newton
    // decrement g'(−H)⁻¹g (twice the gain a full step promises) is negligible
    // (on the Hessian of the polish's start: it changes little this close to the optimum)
    boolean polished = false;
    for (int polish = 0; polish < MAX_NEWTON_STEPS && !converged; polish++) {
      double[][] cov = inverseNegative(h);
      if (cov == null) {
        break;
      }
      double[] dir = times(cov, g);
      if (dot(dir, g) < NEWTON_DECREMENT) {
        converged = true;
        break;
      }
      double t = 1;
      boolean improved = false;
      for (int halving = 0; halving < 20 && !improved; halving++) {
        double[] xn = x.clone();
        for (int j = 0; j < p; j++) {
          xn[j] += t * dir[j];
        }
        double[] gn = new double[p];
        double fn = d.evaluate(xn, gn);
        if (Double.isFinite(fn) && fn >= f) {
          x = xn;
          f = fn;
          g = gn;
          improved = true;
        }
        t /= 2;
      }
      if (!improved) {
        break;
      }
      steps++;
      polished = true;
      converged = maxAbs(g) < GRADIENT_TOLERANCE;
    }
    if (polished) {
      h = hessian(d, x);
    }
    return new Optimum(x, f, h, converged, maxAbs(g), steps);
  }

  private static final double HESSIAN_STEP = 1e-5;

  /** Forward differences of the analytic gradient, symmetrised: p + 1 evaluations. */
  private static double[][] hessian(Data d, double[] x) {
    int p = x.length;
    double[][] h = new double[p][p];
    double[] g0 = new double[p];
    d.evaluate(x, g0);
    for (int j = 0; j < p; j++) {
      double[] up = x.clone();
      up[j] += HESSIAN_STEP;
      double[] gu = new double[p];
      d.evaluate(up, gu);
      for (int i = 0; i < p; i++) {
        h[i][j] = (gu[i] - g0[i]) / HESSIAN_STEP;
      }
    }
    for (int i = 0; i < p; i++) {
      for (int j = i + 1; j < p; j++) {
        double m = (h[i][j] + h[j][i]) / 2;
        h[i][j] = m;
        h[j][i] = m;
      }
    }
    return h;
  }

  /** (−H)⁻¹ when −H is positive definite, else null. */
  private static double[][] inverseNegative(double[][] h) {
    if (h == null) {
      return null;
    }
    for (double[] row : h) {
      for (double v : row) {
        if (!Double.isFinite(v)) {
          return null;
        }
      }
    }
    try {
      RealMatrix negH = new Array2DRowRealMatrix(h).scalarMultiply(-1);
      return new CholeskyDecomposition(negH, 1e-12, 1e-14).getSolver().getInverse().getData();
    } catch (RuntimeException notPositiveDefinite) {
      return null;
    }
  }

  private static double[] standardErrors(double[][] h) {
    int p = h == null ? 0 : h.length;
    double[][] cov = inverseNegative(h);
    double[] se = new double[h == null ? 0 : p];
    for (int j = 0; j < se.length; j++) {
      se[j] = cov == null ? Double.NaN : Math.sqrt(cov[j][j]);
    }
    return se;
  }

  private static double[][] identity(int p, double v) {
    double[][] m = new double[p][p];
    for (int j = 0; j < p; j++) {
      m[j][j] = v;
    }
    return m;
  }

  private static double[] times(double[][] m, double[] v) {
    double[] out = new double[v.length];
    for (int a = 0; a < v.length; a++) {
      double s = 0;
      for (int b = 0; b < v.length; b++) {
        s += m[a][b] * v[b];
      }
      out[a] = s;
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += a[j] * b[j];
    }
    return s;
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, Math.abs(x));
    }
    return Double.isNaN(m) ? Double.NaN : m;
  }

  /** θ's quadrature on its quantile scale: levels u = v³ with weights 3v²·w(v) on [0, 1]. */
  private static final double[] LEVELS = new double[NODES];

  private static final double[] WEIGHTS = new double[NODES];

  static {
    GaussIntegrator rule = new GaussIntegratorFactory().legendre(NODES, 0, 1);
    for (int j = 0; j < NODES; j++) {
      double v = rule.getPoint(j);
      LEVELS[j] = v * v * v;
      WEIGHTS[j] = rule.getWeight(j) * 3 * v * v;
    }
  }

  /** The u-quantile of Gamma(s, 1), polished by Newton's method on the regularised Γ. */
  static double gammaQuantile(double s, double u) {
    double q = new GammaDistribution(null, s, 1, 1e-14).inverseCumulativeProbability(u);
    for (int it = 0; it < 3 && q > 0; it++) {
      double pdf = Math.exp((s - 1) * Math.log(q) - q - Gamma.logGamma(s));
      if (!(pdf > 0) || !Double.isFinite(pdf)) {
        break;
      }
      double next = q - (Gamma.regularizedGammaP(s, q) - u) / pdf;
      q = next > 0 ? next : q / 2;
    }
    return q;
  }

  /** The customers flattened into arrays, so that one evaluation is one pass. */
  private static final class Data {
    final int n;
    final int kz;
    final int kw;
    final int draws;
    final int[] x;
    final double[] tx;
    final double[] age;
    final double[] w; // n × kw
    final int[] knownFirst; // n + 1
    final double[] knownLength;
    final double[] knownZ;
    final int[] tailFirst; // n·draws + 1
    final double[] tailA;
    final double[] tailB;
    final double[] tailZ;
    final int maxPieces;

    Data(List<Customer> customers, int kz, int kw) {
      this.n = customers.size();
      this.kz = kz;
      this.kw = kw;
      this.draws = customers.get(0).tails().size();
      x = new int[n];
      tx = new double[n];
      age = new double[n];
      w = new double[n * kw];
      knownFirst = new int[n + 1];
      tailFirst = new int[n * draws + 1];
      int kp = 0;
      int tp = 0;
      for (Customer c : customers) {
        if (c.tails().size() != draws) {
          throw new IllegalArgumentException(
              "continuous dropout: every customer needs the same number of draws, got "
                  + c.tails().size()
                  + " and "
                  + draws);
        }
        if (c.fixed().length != kw) {
          throw new IllegalArgumentException(
              "continuous dropout: a customer has "
                  + c.fixed().length
                  + " fixed covariates, expected "
                  + kw);
        }
        kp += c.known().size();
        for (List<Piece> t : c.tails()) {
          tp += t.size();
        }
      }
      knownLength = new double[kp];
      knownZ = new double[kp * kz];
      tailA = new double[tp];
      tailB = new double[tp];
      tailZ = new double[tp * kz];
      kp = 0;
      tp = 0;
      int most = 0;
      for (int i = 0; i < n; i++) {
        Customer c = customers.get(i);
        x[i] = c.repeats();
        tx[i] = c.recency();
        age[i] = c.age();
        System.arraycopy(c.fixed(), 0, w, i * kw, kw);
        knownFirst[i] = kp;
        for (Piece pc : c.known()) {
          check(pc, kz);
          knownLength[kp] = pc.end() - pc.start();
          System.arraycopy(pc.z(), 0, knownZ, kp * kz, kz);
          kp++;
        }
        for (int q = 0; q < draws; q++) {
          tailFirst[i * draws + q] = tp;
          List<Piece> t = c.tails().get(q);
          most = Math.max(most, t.size());
          for (Piece pc : t) {
            check(pc, kz);
            tailA[tp] = pc.start();
            tailB[tp] = pc.end();
            System.arraycopy(pc.z(), 0, tailZ, tp * kz, kz);
            tp++;
          }
        }
      }
      knownFirst[n] = kp;
      tailFirst[n * draws] = tp;
      maxPieces = most;
    }

    private static void check(Piece pc, int kz) {
      if (pc.z().length != kz) {
        throw new IllegalArgumentException(
            "continuous dropout: a piece has " + pc.z().length + " covariates, expected " + kz);
      }
    }

    private Data(Data d) {
      // the same customers without covariates: one known piece [0, t_x], one tail piece [t_x, T]
      n = d.n;
      kz = 0;
      kw = 0;
      draws = 1;
      x = d.x;
      tx = d.tx;
      age = d.age;
      w = new double[0];
      knownFirst = new int[n + 1];
      tailFirst = new int[n + 1];
      knownLength = new double[n];
      knownZ = new double[0];
      tailA = new double[n];
      tailB = new double[n];
      tailZ = new double[0];
      for (int i = 0; i < n; i++) {
        knownFirst[i] = i;
        tailFirst[i] = i;
        knownLength[i] = tx[i];
        tailA[i] = tx[i];
        tailB[i] = age[i];
      }
      knownFirst[n] = n;
      tailFirst[n] = n;
      maxPieces = 1;
    }

    Data withoutCovariates() {
      return new Data(this);
    }

    /**
     * ℓ at p = (log r, log α, log s, log β, γ, δ); its gradient into {@code grad} when not null.
     */
    double evaluate(double[] p, double[] grad) {
      boolean wantGrad = grad != null;
      int np = 4 + kz + kw;
      double r = Math.exp(p[0]);
      double alpha = Math.exp(p[1]);
      double s = Math.exp(p[2]);
      double beta = Math.exp(p[3]);
      if (!Double.isFinite(r + alpha + s + beta) || r <= 0 || alpha <= 0 || s <= 0 || beta <= 0) {
        return Double.NEGATIVE_INFINITY;
      }
      double[] theta = new double[NODES];
      double[] thetaS = new double[NODES]; // ∂θ/∂log s
      for (int j = 0; j < NODES; j++) {
        theta[j] = gammaQuantile(s, LEVELS[j]) / beta;
        if (wantGrad) {
          double h = 1e-5;
          double up = gammaQuantile(s * Math.exp(h), LEVELS[j]);
          double down = gammaQuantile(s * Math.exp(-h), LEVELS[j]);
          thetaS[j] = (up - down) / (2 * h) / beta;
        }
      }
      double lnGammaR = Gamma.logGamma(r);
      double digammaR = wantGrad ? Gamma.digamma(r) : 0;
      double lnAlpha = Math.log(alpha);
      if (wantGrad) {
        java.util.Arrays.fill(grad, 0);
      }
      // per piece of one draw: m, M at its start and end, and their γ-derivatives
      int cap = maxPieces + 1;
      double[] m = new double[cap];
      double[] bound = new double[cap + 1]; // the time at each boundary
      double[] mAt = new double[cap + 1]; // M at each boundary
      double[] dmAt = new double[(cap + 1) * kz];
      double[] dM0 = new double[kz];
      // the per-boundary, per-node values
      double[] e = new double[cap + 1];
      double[] lnY = new double[cap + 1];
      double[] invY = new double[cap + 1];
      // accumulators of one customer (averaged over draws)
      double[] acc = new double[4 + kz];
      double total = 0;
      for (int i = 0; i < n; i++) {
        int xi = x[i];
        double nx = r + xi;
        double lref = Math.log(alpha + tx[i]);
        double invRef = 1 / (alpha + tx[i]);
        double cw = 0;
        for (int k = 0; k < kw; k++) {
          cw += p[4 + kz + k] * w[i * kw + k];
        }
        double c = Math.exp(cw);
        double m0 = 0;
        java.util.Arrays.fill(dM0, 0);
        for (int o = knownFirst[i]; o < knownFirst[i + 1]; o++) {
          double et = 0;
          for (int k = 0; k < kz; k++) {
            et += p[4 + k] * knownZ[o * kz + k];
          }
          double v = Math.exp(et) * knownLength[o];
          m0 += v;
          if (wantGrad) {
            for (int k = 0; k < kz; k++) {
              dM0[k] += v * knownZ[o * kz + k];
            }
          }
        }
        double like = 0;
        double lR = 0;
        double lA = 0;
        double lTe = 0; // Σ ∂L/∂θe · θe (for β and δ)
        double lS = 0; // Σ ∂L/∂θe · ∂θe/∂log s
        java.util.Arrays.fill(acc, 0);
        for (int q = 0; q < draws; q++) {
          int from = tailFirst[i * draws + q];
          int to = tailFirst[i * draws + q + 1];
          int pieces = to - from;
          bound[0] = tx[i];
          mAt[0] = m0;
          if (wantGrad) {
            System.arraycopy(dM0, 0, dmAt, 0, kz);
          }
          for (int pc = 0; pc < pieces; pc++) {
            int o = from + pc;
            double et = 0;
            for (int k = 0; k < kz; k++) {
              et += p[4 + k] * tailZ[o * kz + k];
            }
            m[pc] = Math.exp(et);
            double len = tailB[o] - tailA[o];
            bound[pc + 1] = tailB[o];
            mAt[pc + 1] = mAt[pc] + m[pc] * len;
            if (wantGrad) {
              for (int k = 0; k < kz; k++) {
                dmAt[(pc + 1) * kz + k] = dmAt[pc * kz + k] + m[pc] * len * tailZ[o * kz + k];
              }
            }
          }
          double mT = mAt[pieces];
          double timeT = pieces == 0 ? age[i] : bound[pieces];
          for (int j = 0; j < NODES; j++) {
            double wj = WEIGHTS[j];
            double te = theta[j] * c;
            // boundaries: Y = α + t + θe·M, E = (Y/(α+t_x))^−(r+x)
            for (int b = 0; b <= pieces; b++) {
              double y = alpha + bound[b] + te * mAt[b];
              lnY[b] = Math.log(y) - lref;
              e[b] = Math.exp(-nx * lnY[b]);
              invY[b] = 1 / y;
            }
            // alive at T
            double yT = alpha + timeT + te * mT;
            double lnT = Math.log(yT) - lref;
            double eT = Math.exp(-nx * lnT);
            double val = eT;
            double dR = -lnT * eT;
            double dA = -nx * eT * (1 / yT - invRef);
            double dTe = -nx * eT * mT / yT;
            if (wantGrad) {
              for (int k = 0; k < kz; k++) {
                acc[4 + k] += wj * (-nx * eT * te * dmAt[pieces * kz + k] / yT);
              }
            }
            for (int pc = 0; pc < pieces; pc++) {
              double tm = te * m[pc];
              double f = tm / (1 + tm);
              double diff = e[pc] - e[pc + 1];
              val += f * diff;
              if (!wantGrad) {
                continue;
              }
              dR += f * (-lnY[pc] * e[pc] + lnY[pc + 1] * e[pc + 1]);
              dA += f * -nx * (e[pc] * (invY[pc] - invRef) - e[pc + 1] * (invY[pc + 1] - invRef));
              double df = 1 / ((1 + tm) * (1 + tm)); // ∂f/∂(θe·m)
              double inner =
                  -nx * (e[pc] * mAt[pc] * invY[pc] - e[pc + 1] * mAt[pc + 1] * invY[pc + 1]);
              dTe += df * m[pc] * diff + f * inner;
              for (int k = 0; k < kz; k++) {
                double zk = tailZ[(from + pc) * kz + k];
                double dInner =
                    -nx
                        * te
                        * (e[pc] * dmAt[pc * kz + k] * invY[pc]
                            - e[pc + 1] * dmAt[(pc + 1) * kz + k] * invY[pc + 1]);
                acc[4 + k] += wj * (df * tm * zk * diff + f * dInner);
              }
            }
            like += wj * val;
            if (wantGrad) {
              lR += wj * dR;
              lA += wj * dA;
              lTe += wj * dTe * te;
              lS += wj * dTe * c * thetaS[j];
            }
          }
        }
        double avg = like / draws;
        double li = Gamma.logGamma(r + xi) - lnGammaR + r * lnAlpha - nx * lref + Math.log(avg);
        total += li;
        if (wantGrad) {
          double inv = 1 / like; // the 1/R of the averages cancels
          grad[0] += r * (Gamma.digamma(r + xi) - digammaR + lnAlpha - lref + lR * inv);
          grad[1] += alpha * (r / alpha - nx * invRef + lA * inv);
          grad[2] += lS * inv;
          grad[3] += -lTe * inv;
          for (int k = 0; k < kz; k++) {
            grad[4 + k] += acc[4 + k] * inv;
          }
          for (int k = 0; k < kw; k++) {
            grad[4 + kz + k] += w[i * kw + k] * lTe * inv;
          }
        }
      }
      if (wantGrad && np != grad.length) {
        throw new IllegalStateException("gradient of " + grad.length + " entries, expected " + np);
      }
      return Double.isNaN(total) ? Double.NEGATIVE_INFINITY : total;
    }
  }
}
