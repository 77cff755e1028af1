package rapport.stats;

import java.util.List;
import java.util.Locale;
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

  /**
   * The estimates as the fits' summaries print them (R's {@code summary(coxph)} columns): a header,
   * then one line per term with its ratio and 95% limits.
   */
  static String table(List<Estimate> estimates) {
    StringBuilder s =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%-32s %10s %10s %10s %10s %10s %10s%n",
                "covariate",
                "coef",
                "exp(coef)",
                "se(coef)",
                "exp lower",
                "exp upper",
                "p"));
    for (Estimate e : estimates) {
      s.append(
          String.format(
              Locale.ROOT,
              "%-32s %10.4f %10.4f %10.4f %10.4f %10.4f %10.3g%n",
              e.term(),
              e.estimate(),
              e.ratio(),
              e.stdError(),
              e.ratioLower95(),
              e.ratioUpper95(),
              e.p()));
    }
    return s.toString();
  }

  /**
   * Two lines of a latent-attrition fit's four parameters with their standard errors, e.g. {@code
   * "r, alpha"} for the first two and {@code "a, b"} for the last two.
   */
  static String parameterLines(String first, String second, double[] params, double[] errors) {
    StringBuilder s = new StringBuilder();
    String[] names = {first, second};
    for (int k = 0; k < 2; k++) {
      s.append(
          String.format(
              Locale.ROOT,
              "       %-11s= %s (se %s), %s (se %s)%n",
              names[k],
              Format.num(params[2 * k]),
              Format.num(errors[2 * k]),
              Format.num(params[2 * k + 1]),
              Format.num(errors[2 * k + 1])));
    }
    return s.toString();
  }

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
