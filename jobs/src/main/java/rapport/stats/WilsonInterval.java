package rapport.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * A proportion with its Wilson score interval (Wilson 1927; Agresti &amp; Coull 1998, "Approximate
 * is better than exact"): with p̂ = k/n and z the normal quantile,
 *
 * <pre>
 *   centre = (p̂ + z²/2n) / (1 + z²/n)
 *   half   = z / (1 + z²/n) · sqrt(p̂(1−p̂)/n + z²/4n²)
 * </pre>
 *
 * Unlike the Wald interval it stays inside [0, 1] and keeps its coverage for small n and for
 * proportions near 0 or 1, which is where retention by a rare touch mix lives.
 *
 * @param successes the number of successes k (may be fractional for weighted counts)
 * @param n the number of trials
 * @param estimate k / n
 * @param lower the lower limit
 * @param upper the upper limit
 * @param confidence the confidence level, e.g. 0.95
 */
public record WilsonInterval(
    double successes, double n, double estimate, double lower, double upper, double confidence) {

  /** The 95% Wilson interval of {@code successes} out of {@code n}. */
  public static WilsonInterval of(double successes, double n) {
    return of(successes, n, 0.95);
  }

  /** The Wilson interval at the given confidence level. */
  public static WilsonInterval of(double successes, double n, double confidence) {
    if (!(n > 0)) {
      throw new IllegalArgumentException("Wilson interval needs n > 0, got n = " + n);
    }
    if (successes < 0 || successes > n) {
      throw new IllegalArgumentException(
          "Wilson interval needs 0 <= successes <= n, got " + successes + " of " + n);
    }
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
    }
    double z = new NormalDistribution().inverseCumulativeProbability(0.5 + confidence / 2);
    double p = successes / n;
    double z2 = z * z;
    double denom = 1 + z2 / n;
    double centre = (p + z2 / (2 * n)) / denom;
    double half = z / denom * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    return new WilsonInterval(
        successes, n, p, Math.max(0, centre - half), Math.min(1, centre + half), confidence);
  }
}
