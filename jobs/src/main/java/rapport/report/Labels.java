package rapport.report;

import java.util.Map;
import rapport.schema.ReportInputs;
import rapport.schema.Scores;

/** Words for codes: segment names and model terms as an executive reads them. */
final class Labels {
  private Labels() {}

  private static final Map<String, String> SEGMENTS =
      Map.of(
          ReportInputs.MIX_NONE, "No touches",
          ReportInputs.MIX_AUTOMATED_ONLY, "Automated only",
          ReportInputs.MIX_PERSONAL_ONLY, "Personal only",
          ReportInputs.MIX_BOTH, "Personal and automated");

  /**
   * A model term in words, and the unit its hazard ratio is shown per: a per-day effect is shown
   * per 30 days or per year, where one day's ratio would read 1.00.
   */
  record Term(String label, double scale) {}

  private static final double LN2 = Math.log(2);

  private static final Map<String, Term> TERMS =
      Map.ofEntries(
          Map.entry(
              Scores.PERSONAL_TOUCHES_90D, new Term("Personal touches, last 90 days (each)", 1)),
          Map.entry(
              Scores.AUTOMATED_TOUCHES_90D, new Term("Automated touches, last 90 days (each)", 1)),
          Map.entry(
              Scores.PERSONAL_TOUCHES_365D, new Term("Personal touches, last year (each)", 1)),
          Map.entry(
              Scores.AUTOMATED_TOUCHES_365D, new Term("Automated touches, last year (each)", 1)),
          Map.entry(Scores.RECENCY_DAYS, new Term("Days since last order (per 30 days)", 30)),
          Map.entry(Scores.FREQUENCY_365D, new Term("Orders in the last year (each)", 1)),
          Map.entry(Scores.MONETARY_365D, new Term("Spend in the last year (per 100)", 100)),
          Map.entry(Scores.TENURE_DAYS, new Term("Tenure (per year)", 365)),
          Map.entry(
              Scores.DAYS_SINCE_PERSONAL_TOUCH,
              new Term("Days since last personal touch (per 30 days)", 30)),
          // the retention stage's Cox covariates; a log covariate is shown per doubling
          Map.entry("recency_months", new Term("Months since last order (each)", 1)),
          Map.entry("log_orders_365d", new Term("Orders in the last year (per doubling)", LN2)),
          Map.entry("log_monetary_365d", new Term("Spend in the last year (per doubling)", LN2)),
          Map.entry("tenure_years", new Term("Tenure (per year)", 1)));

  /** The order in which touch-mix segments are shown: least contact first. */
  static final java.util.List<String> MIX_ORDER =
      java.util.List.of(
          ReportInputs.MIX_NONE,
          ReportInputs.MIX_AUTOMATED_ONLY,
          ReportInputs.MIX_PERSONAL_ONLY,
          ReportInputs.MIX_BOTH);

  static String segment(String code) {
    return SEGMENTS.getOrDefault(code, code.replace('_', ' '));
  }

  /** A personal-index band: "Index 25-50", or the band's own word ("Unscored"). */
  static String band(String code) {
    if (!code.isEmpty() && Character.isDigit(code.charAt(0))) {
      return "Index " + code;
    }
    return Character.toUpperCase(code.charAt(0)) + code.substring(1).replace('_', ' ');
  }

  static Term term(String code) {
    Term t = TERMS.get(code);
    if (t != null) {
      return t;
    }
    String words = code.replace('_', ' ');
    return new Term(Character.toUpperCase(words.charAt(0)) + words.substring(1), 1);
  }

  /**
   * What "retained" means for the business: a purchase business keeps customers who order again, a
   * contract business those still under contract.
   */
  static String retained(boolean contracts) {
    return contracts ? "Still under contract" : "Kept buying";
  }

  /** {@link #retained} as a verb phrase: "kept buying", "stayed under contract". */
  static String retainedVerb(boolean contracts) {
    return contracts ? "stayed under contract" : "kept buying";
  }
}
