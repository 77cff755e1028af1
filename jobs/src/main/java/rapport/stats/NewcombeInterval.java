package rapport.stats;

/**
 * The difference of two independent proportions p₁ − p₂ with Newcombe's hybrid score interval
 * (Newcombe 1998, "Interval estimation for the difference between independent proportions:
 * comparison of eleven methods", Statistics in Medicine 17, method 10). With (l₁, u₁), (l₂, u₂) the
 * Wilson intervals of each proportion:
 *
 * <pre>
 *   lower = (p₁ − p₂) − sqrt((p₁ − l₁)² + (u₂ − p₂)²)
 *   upper = (p₁ − p₂) + sqrt((u₁ − p₁)² + (p₂ − l₂)²)
 * </pre>
 *
 * It keeps its coverage for small groups and for proportions near 0 or 1, where the Wald interval
 * fails, which is where a 10% holdout of a week's list lives.
 *
 * @param first the first group's proportion with its Wilson interval
 * @param second the second group's
 * @param difference p₁ − p₂
 * @param lower lower limit
 * @param upper upper limit
 */
public record NewcombeInterval(
    WilsonInterval first, WilsonInterval second, double difference, double lower, double upper) {

  /** The 95% interval of k₁/n₁ − k₂/n₂. */
  public static NewcombeInterval of(double k1, double n1, double k2, double n2) {
    return of(k1, n1, k2, n2, 0.95);
  }

  public static NewcombeInterval of(double k1, double n1, double k2, double n2, double confidence) {
    WilsonInterval a = WilsonInterval.of(k1, n1, confidence);
    WilsonInterval b = WilsonInterval.of(k2, n2, confidence);
    double d = a.estimate() - b.estimate();
    double lo = d - Math.hypot(a.estimate() - a.lower(), b.upper() - b.estimate());
    double hi = d + Math.hypot(a.upper() - a.estimate(), b.estimate() - b.lower());
    return new NewcombeInterval(a, b, d, lo, hi);
  }
}
