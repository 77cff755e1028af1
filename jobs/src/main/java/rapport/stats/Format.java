package rapport.stats;

import java.util.Locale;

/** Number formatting shared by the printed summaries: ROOT locale, NaN shown as R's NA. */
final class Format {
  private Format() {}

  /** A number with up to six significant digits, integers without decimals, NaN as "NA". */
  static String num(double v) {
    if (Double.isNaN(v)) {
      return "NA";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    return String.format(Locale.ROOT, "%.6g", v)
        .replaceAll("(\\.\\d*?)0+(e|$)", "$1$2")
        .replace(".e", "e");
  }

  /** A fixed-width column cell. */
  static String cell(double v, int width, int decimals) {
    if (Double.isNaN(v)) {
      return String.format(Locale.ROOT, "%" + width + "s", "NA");
    }
    return String.format(Locale.ROOT, "%" + width + "." + decimals + "f", v);
  }

  /** A p-value as lifelines prints it: small values in scientific notation. */
  static String p(double v) {
    if (Double.isNaN(v)) {
      return "NA";
    }
    return v < 0.005
        ? String.format(Locale.ROOT, "%.2e", v)
        : String.format(Locale.ROOT, "%.3f", v);
  }

  /**
   * The body of a maximum-likelihood fit's printed summary: the data, the log-likelihood (marked
   * when the optimiser did not converge) and one line per parameter with its standard error and
   * Wald 95% interval.
   */
  static String parameters(
      String data,
      double logLikelihood,
      boolean converged,
      String[] names,
      double[] estimates,
      double[] stdErrors) {
    StringBuilder s = new StringBuilder();
    s.append("            data = ").append(data).append('\n');
    s.append("  log-likelihood = ")
        .append(String.format(Locale.ROOT, "%.3f", logLikelihood))
        .append(converged ? "" : " (NOT CONVERGED)")
        .append("\n\n");
    s.append(
        String.format(
            Locale.ROOT,
            "%-8s %12s %12s %12s %12s%n",
            "param",
            "estimate",
            "se",
            "lower 95%",
            "upper 95%"));
    for (int k = 0; k < names.length; k++) {
      s.append(
          String.format(
              Locale.ROOT,
              "%-8s %12.6f %12.6f %12.6f %12.6f%n",
              names[k],
              estimates[k],
              stdErrors[k],
              estimates[k] - Estimate.Z975 * stdErrors[k],
              estimates[k] + Estimate.Z975 * stdErrors[k]));
    }
    return s.toString();
  }
}
