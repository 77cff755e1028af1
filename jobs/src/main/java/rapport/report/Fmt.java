package rapport.report;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Number and date formats of the report: one way to write a percentage, a count, a ratio. */
final class Fmt {
  private Fmt() {}

  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.US);

  /** 0.781 → "78%". */
  static String pct(double share) {
    return Double.isNaN(share) ? "n/a" : String.format(Locale.ROOT, "%.0f%%", 100 * share);
  }

  /** 0.0123 → "1.2%". */
  static String pct1(double share) {
    return Double.isNaN(share) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
  }

  /** A 95% interval of shares: "75–81%". */
  static String pctRange(double lower, double upper) {
    return String.format(Locale.ROOT, "%.0f–%.0f%%", 100 * lower, 100 * upper);
  }

  /** 1234567 → "1,234,567". */
  static String count(long n) {
    return String.format(Locale.US, "%,d", n);
  }

  /** A ratio to two decimals: 0.614 → "0.61". */
  static String ratio(double r) {
    return Double.isNaN(r) ? "n/a" : String.format(Locale.ROOT, "%.2f", r);
  }

  /** A ratio interval: "0.55–0.68". */
  static String ratioRange(double lower, double upper) {
    return ratio(lower) + "–" + ratio(upper);
  }

  /** A sum of money, rounded to the unit: "38,401 EUR". */
  static String money(double amount, String currency) {
    String n = String.format(Locale.US, "%,.0f", amount);
    return currency == null || currency.isEmpty() ? n : n + " " + currency;
  }

  /** Days, rounded: "212 days". */
  static String days(double d) {
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
