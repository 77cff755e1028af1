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
}
