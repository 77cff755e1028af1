package rapport.generate.write;

import java.util.Locale;

/** How values are spelled in the generated files. */
public final class Formats {
  private Formats() {}

  /** An amount in cents as a decimal with two places and a point: -1234 → "-12.34". */
  public static String amount(long cents) {
    long abs = Math.abs(cents);
    String frac = abs % 100 < 10 ? "0" + abs % 100 : String.valueOf(abs % 100);
    return (cents < 0 ? "-" : "") + abs / 100 + "." + frac;
  }

  /** A truth value with a fixed number of decimals, locale-independent. */
  public static String decimal(double v, int places) {
    return String.format(Locale.ROOT, "%." + places + "f", v);
  }

  public static String bool(boolean b) {
    return b ? "true" : "false";
  }
}
