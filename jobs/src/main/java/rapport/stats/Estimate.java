package rapport.stats;

import org.apache.commons.math3.special.Erf;

/**
 * One fitted coefficient with its Wald inference: z = estimate / se, two-sided p = erfc(|z|/√2),
 * 95% interval estimate ± 1.959964·se. The row shape of {@code tables/retention_model}.
 *
 * @param term the covariate name
 * @param estimate the coefficient (log hazard ratio for Cox, log odds ratio for logistic)
 * @param stdError its standard error from the inverse information
 * @param lower95 the lower 95% limit of the coefficient
 * @param upper95 the upper 95% limit of the coefficient
 * @param z the Wald statistic
 * @param p the two-sided Wald p-value
 */
public record Estimate(
    String term,
    double estimate,
    double stdError,
    double lower95,
    double upper95,
    double z,
    double p) {

  /** The 0.975 normal quantile, to the digits R prints ({@code qnorm(0.975)}). */
  public static final double Z975 = 1.959963984540054;

  static Estimate wald(String term, double estimate, double stdError) {
    double z = estimate / stdError;
    return new Estimate(
        term,
        estimate,
        stdError,
        estimate - Z975 * stdError,
        estimate + Z975 * stdError,
        z,
        Erf.erfc(Math.abs(z) / Math.sqrt(2)));
  }

  /** exp(estimate): the hazard ratio for Cox, the odds ratio for logistic. */
  public double ratio() {
    return Math.exp(estimate);
  }

  /** exp(lower95). */
  public double ratioLower95() {
    return Math.exp(lower95);
  }

  /** exp(upper95). */
  public double ratioUpper95() {
    return Math.exp(upper95);
  }
}
