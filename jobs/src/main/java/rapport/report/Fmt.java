package rapport.report;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Number and date formats of the report: one way to write a percentage, a count, a ratio. */
final class Fmt {
  private Fmt() {}

  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.US);

  /** What a number that is not one (NaN, an infinity) is written as. */
  static final String NOT_AVAILABLE = "n/a";

  /**
   * 0.781 → "78%". A share that is not exactly 0 or 1 never reads as 0% or 100%: 439/441 is
   * "99.5%", 1/5000 is "0.02%" (more decimals, up to two), and beyond that {@code <0.01%} or {@code
   * >99.99%}.
   */
  static String pct(double share) {
    return pct(share, 0);
  }

  /** 0.0123 → "1.2%", with the same care for near 0 and near 1 as {@link #pct}. */
  static String pct1(double share) {
    return pct(share, 1);
  }

  private static String pct(double share, int places) {
    if (!Double.isFinite(share)) {
      return NOT_AVAILABLE;
    }
    for (int p = places; p <= 2; p++) {
      String s = String.format(Locale.ROOT, "%." + p + "f", 100 * share);
      double shown = Double.parseDouble(s);
      if ((shown < 100 || share >= 1) && (shown > 0 || share <= 0)) {
        return s + "%";
      }
    }
    return share > 0.5 ? ">99.99%" : "<0.01%";
  }

  /** A 95% interval of shares: "75–81%"; "n/a" when either end is not a number. */
  static String pctRange(double lower, double upper) {
    if (!Double.isFinite(lower) || !Double.isFinite(upper)) {
      return NOT_AVAILABLE;
    }
    return String.format(Locale.ROOT, "%.0f–%.0f%%", 100 * lower, 100 * upper);
  }

  /** 1234567 → "1,234,567". */
  static String count(long n) {
    return String.format(Locale.US, "%,d", n);
  }

  /** A ratio to two decimals: 0.614 → "0.61". */
  static String ratio(double r) {
    return Double.isFinite(r) ? String.format(Locale.ROOT, "%.2f", r) : NOT_AVAILABLE;
  }

  /** A ratio interval: "0.55–0.68". */
  static String ratioRange(double lower, double upper) {
    if (!Double.isFinite(lower) || !Double.isFinite(upper)) {
      return NOT_AVAILABLE;
    }
    return ratio(lower) + "–" + ratio(upper);
  }

  /** A sum of money, rounded to the unit: "38,401 EUR". */
  static String money(double amount, String currency) {
    if (!Double.isFinite(amount)) {
      return NOT_AVAILABLE;
    }
    String n = String.format(Locale.US, "%,.0f", amount);
    return currency == null || currency.isEmpty() ? n : n + " " + currency;
  }

  /** Days, rounded: "212 days". */
  static String days(double d) {
    if (!Double.isFinite(d)) {
      return NOT_AVAILABLE;
    }
    return String.format(Locale.ROOT, "%.0f days", d);
  }

  private static final DateTimeFormatter DAY_MONTH =
      DateTimeFormatter.ofPattern("d MMM", Locale.US);

  /** A short range of dates: "1–7 Jul", "30 Jun – 6 Jul", or one day. */
  static String dateRange(LocalDate from, LocalDate to) {
    if (from == null || to == null) {
      return "";
    }
    if (from.equals(to)) {
      return from.format(DAY_MONTH);
    }
    if (from.getMonth() == to.getMonth() && from.getYear() == to.getYear()) {
      return from.getDayOfMonth() + "–" + to.format(DAY_MONTH);
    }
    return from.format(DAY_MONTH) + " – " + to.format(DAY_MONTH);
  }

  /** {@link #pct} as a chart's label format. */
  static final NumberFormat PERCENT =
      new NumberFormat() {
        @Override
        public StringBuffer format(double v, StringBuffer to, FieldPosition pos) {
          return to.append(pct(v));
        }

        @Override
        public StringBuffer format(long v, StringBuffer to, FieldPosition pos) {
          return to.append(pct(v));
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
          throw new UnsupportedOperationException("labels are written, never read");
        }
      };

  static String month(YearMonth m) {
    return m.format(MONTH);
  }

  /** A signed change in percentage points: "+3.1 pts". */
  static String points(double delta) {
    return String.format(Locale.ROOT, "%+.1f pts", 100 * delta);
  }

  /** A signed change of a count: "+1,204". */
  static String signedCount(long delta) {
    return String.format(Locale.US, "%+,d", delta);
  }

  /** A signed change of a ratio: "−0.04". */
  static String signedRatio(double delta) {
    return String.format(Locale.ROOT, "%+.2f", delta);
  }
}
