package rapport.stats;

import static org.apache.commons.math3.special.Gamma.logGamma;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The beta-geometric/NBD model of repeat buying (Fader, Hardie &amp; Lee 2005, "Counting Your
 * Customers the Easy Way", Marketing Science 24(2)), fitted by maximum likelihood.
 *
 * <p>While active, a customer buys at Poisson rate λ ~ Gamma(r, α); after each purchase she drops
 * out with probability p ~ Beta(a, b). For a customer with x repeat purchases, the last at t
 * <sub>x</sub>, observed for T (their eq. 6):
 *
 * <pre>
 *   L = B(a, b+x)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+T)^(r+x)) · (1 + δ_{x>0} · e^z)
 *   z = log a − log(b+x−1) + (r+x) · (log(α+T) − log(α+t_x))
 * </pre>
 *
 * evaluated in log space, with log(1 + e<sup>z</sup>) computed as max(z, 0) + log1p(e<sup>−|z|
 * </sup>) so that neither a large z (a long silence after many purchases) nor a small one loses
 * precision. The likelihood depends on a customer only through (x, t<sub>x</sub>, T), so the fit
 * runs on the distinct triples with their counts: millions of customers observed in days compress
 * to the number of distinct triples, and the terms that depend on x alone are summed once per
 * distinct x.
 */
public final class BgNbd {
  private BgNbd() {}

  /**
   * Customers compressed to distinct (x, t<sub>x</sub>, T) with their counts.
   *
   * @param frequency x
   * @param recency t<sub>x</sub>
   * @param age T
   * @param count how many customers share the triple
   */
  public record Data(int[] frequency, double[] recency, double[] age, double[] count) {
    public Data {
      int n = frequency.length;
      if (recency.length != n || age.length != n || count.length != n) {
        throw new IllegalArgumentException("x, t_x, T and count differ in length");
      }
      for (int i = 0; i < n; i++) {
        if (frequency[i] < 0
            || !(recency[i] >= 0)
            || !(age[i] >= recency[i])
            || !(count[i] > 0)
            || (frequency[i] == 0 && recency[i] != 0)) {
          throw new IllegalArgumentException(
              String.format(
                  "row %d: need x >= 0, 0 <= t_x <= T, t_x = 0 when x = 0 and count > 0; got x=%d"
                      + " t_x=%s T=%s count=%s",
                  i, frequency[i], recency[i], age[i], count[i]));
        }
      }
    }

    /** Compresses customer summaries to their distinct (x, t_x, T). */
    public static Data of(List<Rfm.Customer> customers) {
      int n = customers.size();
      int[] x = new int[n];
      double[] tx = new double[n];
      double[] t = new double[n];
      for (int i = 0; i < n; i++) {
        Rfm.Customer c = customers.get(i);
        x[i] = c.frequency();
        tx[i] = c.recency();
        t[i] = c.age();
      }
      return compress(x, tx, t);
    }

    /** Compresses one row per customer to the distinct (x, t_x, T) with counts. */
    public static Data compress(int[] x, double[] tx, double[] t) {
      record Key(int x, double tx, double t) {}
      Map<Key, double[]> counts = new HashMap<>();
      for (int i = 0; i < x.length; i++) {
        counts.computeIfAbsent(new Key(x[i], tx[i], t[i]), k -> new double[1])[0]++;
      }
      int m = counts.size();
      int[] cx = new int[m];
      double[] ctx = new double[m];
      double[] ct = new double[m];
      double[] cc = new double[m];
      int j = 0;
      for (Map.Entry<Key, double[]> e : counts.entrySet()) {
        cx[j] = e.getKey().x();
        ctx[j] = e.getKey().tx();
        ct[j] = e.getKey().t();
        cc[j++] = e.getValue()[0];
      }
      return new Data(cx, ctx, ct, cc);
    }

    /** The number of customers (sum of counts). */
    public double customers() {
      return Arrays.stream(count).sum();
    }

    /** The number of distinct triples. */
    public int distinct() {
      return frequency.length;
    }
  }

  /**
   * The penalizer of {@link #fitGuarded}'s second attempt: large enough that a shape parameter
   * whose likelihood is flat towards 0 (a and b on data where every repeat buyer looks immortal)
   * stays finite; on CDNOW it moves a and b by a fraction of their standard errors
   * (docs/retention.md gives the numbers).
   */
  public static final double DEFAULT_PENALIZER = 1e-3;

  /**
   * Plain maximum likelihood first; when that fit is not usable ({@link BgNbdFit#status()}: not
   * converged, a parameter running off to 0 or infinity, standard errors not finite), the fit with
   * the penalizer λ. The caller checks the result's status again: a penalised fit can fail too.
   */
  public static BgNbdFit fitGuarded(String label, Data data, double penalizerCoef) {
    BgNbdFit plain = fit(label, data, 0);
    if (plain.status().usable() || penalizerCoef == 0) {
      return plain;
    }
    return fit(label, data, penalizerCoef)
        .withNote("plain maximum likelihood " + plain.status().describe() + "; penalised instead");
  }

  /** Fits the model to customer summaries by plain maximum likelihood. */
  public static BgNbdFit fit(String label, List<Rfm.Customer> customers) {
    return fit(label, Data.of(customers));
  }

  /** Fits the model to compressed data by plain maximum likelihood (penalizer 0). */
  public static BgNbdFit fit(String label, Data data) {
    return fit(label, data, 0);
  }

  /**
   * Fits the model to compressed data, maximising ℓ(θ) − λ·N·((log r)² + (log a)² + (log b)²) with
   * N the number of customers: lifetimes' {@code penalizer_coef} λ on the mean log-likelihood,
   * applied to the logs of the three shape parameters (the scale α is left free, so that the
   * penalty does not depend on the time unit). λ = 0 is plain maximum likelihood.
   */
  public static BgNbdFit fit(String label, Data data, double penalizerCoef) {
    if (data.distinct() == 0) {
      throw new IllegalArgumentException("BG/NBD needs at least one customer: " + label);
    }
    if (!(penalizerCoef >= 0) || Double.isInfinite(penalizerCoef)) {
      throw new IllegalArgumentException(
          "BG/NBD penalizer must be finite and >= 0, got " + penalizerCoef);
    }
    LogLikelihood ll = new LogLikelihood(data);
    double w = penalizerCoef * data.customers();
    MaximumLikelihood.Result r =
        MaximumLikelihood.maximize(
            ll::value, new double[] {1.0, 1.0, 1.0, 1.0}, new double[] {w, 0, w, w});
    double[] p = r.params();
    return new BgNbdFit(
        label,
        p[0],
        p[1],
        p[2],
        p[3],
        r.stdErrors(),
        r.logLikelihood(),
        data.customers(),
        data.distinct(),
        r.converged(),
        penalizerCoef,
        r.gradient(),
        r.newtonSteps());
  }

  /** The log-likelihood of (r, α, a, b) for the data. */
  public static double logLikelihood(Data data, double r, double alpha, double a, double b) {
    return new LogLikelihood(data).value(new double[] {r, alpha, a, b});
  }

  /** log(1 + e^z) without overflow or loss of precision. */
  static double log1pExp(double z) {
    return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
  }

  private static final class LogLikelihood {
    private final Data data;
    private final int[] distinctX;
    private final double[] countByX;
    private final int[] xIndex;

    LogLikelihood(Data data) {
      this.data = data;
      this.distinctX = Arrays.stream(data.frequency()).distinct().sorted().toArray();
      this.countByX = new double[distinctX.length];
      this.xIndex = new int[data.distinct()];
      for (int i = 0; i < xIndex.length; i++) {
        xIndex[i] = Arrays.binarySearch(distinctX, data.frequency()[i]);
        countByX[xIndex[i]] += data.count()[i];
      }
    }

    double value(double[] theta) {
      double r = theta[0];
      double alpha = theta[1];
      double a = theta[2];
      double b = theta[3];
      double logAlpha = Math.log(alpha);
      double logA = Math.log(a);
      double ll = 0;
      double constant = -logGamma(r) + r * logAlpha - logGamma(b) + logGamma(a + b);
      double[] logBOfX = new double[distinctX.length];
      for (int j = 0; j < distinctX.length; j++) {
        int x = distinctX[j];
        ll += countByX[j] * (constant + logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x));
        logBOfX[j] = x > 0 ? Math.log(b + x - 1) : 0;
      }
      int[] xs = data.frequency();
      double[] tx = data.recency();
      double[] t = data.age();
      double[] c = data.count();
      for (int i = 0; i < xs.length; i++) {
        int x = xs[i];
        double logAlphaT = Math.log(alpha + t[i]);
        double term = -(r + x) * logAlphaT;
        if (x > 0) {
          double z = logA - logBOfX[xIndex[i]] + (r + x) * (logAlphaT - Math.log(alpha + tx[i]));
          term += log1pExp(z);
        }
        ll += c[i] * term;
      }
      return ll;
    }
  }

  /**
   * The Gauss hypergeometric function ₂F₁(a, b; c; z) for 0 ≤ z &lt; 1 by its power series, summed
   * until the terms no longer change the sum in double precision.
   */
  static double hyp2f1(double a, double b, double c, double z) {
    if (!(z >= 0 && z < 1)) {
      throw new IllegalArgumentException("hyp2f1 series needs 0 <= z < 1, got " + z);
    }
    double term = 1;
    double sum = 1;
    for (int n = 0; n < 1_000_000; n++) {
      term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
      sum += term;
      if (Math.abs(term) <= 1e-16 * Math.abs(sum)) {
        return sum;
      }
    }
    throw new ArithmeticException(
        "hyp2f1(" + a + ", " + b + "; " + c + "; " + z + ") did not converge");
  }
}
