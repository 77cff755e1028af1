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

  private static final Map<String, String> TERMS =
      Map.of(
          Scores.PERSONAL_TOUCHES_90D, "Personal touches, last 90 days (each)",
          Scores.AUTOMATED_TOUCHES_90D, "Automated touches, last 90 days (each)",
          Scores.PERSONAL_TOUCHES_365D, "Personal touches, last year (each)",
          Scores.AUTOMATED_TOUCHES_365D, "Automated touches, last year (each)",
          Scores.RECENCY_DAYS, "Days since last order (each)",
          Scores.FREQUENCY_365D, "Orders in the last year (each)",
          Scores.MONETARY_365D, "Spend in the last year (per unit)",
          Scores.TENURE_DAYS, "Tenure (per day)",
          Scores.DAYS_SINCE_PERSONAL_TOUCH, "Days since last personal touch (each)");

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

  static String term(String code) {
    String s = TERMS.get(code);
    if (s != null) {
      return s;
    }
    String words = code.replace('_', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
