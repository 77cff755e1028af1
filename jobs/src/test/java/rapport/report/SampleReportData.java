package rapport.report;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import rapport.report.ReportData.CalibrationBin;
import rapport.report.ReportData.CurvePoint;
import rapport.report.ReportData.InputFacts;
import rapport.report.ReportData.InputQuality;
import rapport.report.ReportData.ModelTerm;
import rapport.report.ReportData.MonthTouches;
import rapport.report.ReportData.RepOutreach;
import rapport.report.ReportData.RunFacts;
import rapport.report.ReportData.ScoreSummary;
import rapport.report.ReportData.Segment;
import rapport.stats.WilsonInterval;

/**
 * A hand-made {@link ReportData} with round numbers chosen so that each chart and sentence can be
 * checked by hand; no Spark involved.
 */
final class SampleReportData {
  private SampleReportData() {}

  static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);

  static Segment segment(String kind, String seg, long n, long retained, Double median) {
    WilsonInterval w = WilsonInterval.of(retained, n);
    return new Segment(
        kind, seg, n, retained, w.estimate(), w.lower(), w.upper(), median, null, null);
  }

  static ReportData data() {
    return data(AS_OF, 0);
  }

  /**
   * @param shift moves the numbers a little, to make an earlier run differ
   */
  static ReportData data(LocalDate asOf, int shift) {
    List<Segment> segments =
        List.of(
            segment("touch_mix", "none", 310, 96 - shift, 120.0),
            segment("touch_mix", "automated_only", 820, 418 - shift, 175.0),
            segment("touch_mix", "personal_only", 190, 141, null),
            segment("touch_mix", "both", 680, 537 + shift, null),
            segment("personal_index_band", "0-20", 600, 250, 150.0),
            segment("personal_index_band", "20-40", 500, 280, null),
            segment("personal_index_band", "40-60", 400, 270, null),
            segment("personal_index_band", "60-80", 300, 230, null),
            segment("personal_index_band", "80-100", 200, 168, null));
    List<CurvePoint> curves = new ArrayList<>();
    String[] mix = {"none", "automated_only", "personal_only", "both"};
    double[] hazard = {0.0060, 0.0040, 0.0017, 0.0013};
    long[] n = {310, 820, 190, 680};
    for (int s = 0; s < mix.length; s++) {
      curves.addAll(curve("touch_mix", mix[s], hazard[s], n[s]));
    }
    String[] bands = {"0-20", "20-40", "40-60", "60-80", "80-100"};
    for (int b = 0; b < bands.length; b++) {
      curves.addAll(curve("personal_index_band", bands[b], 0.005 - 0.0008 * b, 600 - 100 * b));
    }
    List<CalibrationBin> calibration = new ArrayList<>();
    for (int b = 1; b <= 10; b++) {
      double predicted = 0.12 + 0.08 * b;
      double observed = predicted + (b % 3 - 1) * 0.02;
      WilsonInterval w = WilsonInterval.of(Math.round(observed * 200), 200);
      calibration.add(new CalibrationBin(b, 200, predicted, w.estimate(), w.lower(), w.upper()));
    }
    List<ModelTerm> model =
        new ArrayList<>(
            List.of(
                cox("automated_touches_90d", 0.018, 0.012),
                new ModelTerm(
                    "cox_time_varying", "concordance", 0.74, null, null, null, null, 2000L),
                new ModelTerm(
                    "cox_time_varying", "likelihood_ratio", 412.0, null, null, null, 1e-40, 2000L),
                cox("frequency_365d", -0.11, 0.02),
                cox("monetary_365d", -0.0002, 0.00008),
                cox("personal_touches_90d", Math.log(0.61) + shift * 0.01, 0.054),
                cox("recency_days", 0.0042, 0.0005),
                cox("tenure_days", -0.0003, 0.0001),
                new ModelTerm("logistic_backtest", "auc", 0.781, null, null, null, null, 2000L),
                new ModelTerm("logistic_backtest", "brier", 0.172, null, null, null, null, 2000L),
                new ModelTerm(
                    "logistic_backtest", "lift_top_decile", 1.62, null, null, null, null, 2000L)));
    for (CalibrationBin b : calibration) {
      String bin = String.format("calibration_bin_%02d", b.bin());
      model.add(
          new ModelTerm(
              "logistic_backtest",
              bin + "_predicted",
              b.meanPredicted(),
              null,
              null,
              null,
              null,
              b.n()));
      model.add(
          new ModelTerm(
              "logistic_backtest",
              bin + "_observed",
              b.observed(),
              null,
              b.lower95(),
              b.upper95(),
              null,
              b.n()));
    }
    List<MonthTouches> months = new ArrayList<>();
    YearMonth last = YearMonth.from(asOf).minusMonths(1);
    for (int i = 23; i >= 0; i--) {
      YearMonth m = last.minusMonths(i);
      long personal = 700 - 5L * (23 - i) + (m.getMonthValue() == 12 ? 80 : 0);
      long automated = 4200 + 40L * (23 - i) + (m.getMonthValue() == 11 ? 900 : 0);
      months.add(new MonthTouches(m, personal, automated, 300));
    }
    ScoreSummary scores =
        new ScoreSummary(
            2000,
            52.4 + shift,
            new long[] {60, 140, 210, 350, 320, 280, 240, 190, 130, 80},
            236 - shift,
            182,
            41.0,
            63.5);
    List<RepOutreach> outreach = new ArrayList<>();
    for (int r = 1; r <= 24; r++) {
      long capacity = r % 5 == 0 ? 40 : 24;
      long customers = Math.min(capacity, 10 + (r * 7) % 20);
      outreach.add(
          new RepOutreach(
              String.format("R%05d", r),
              r <= 16 ? "sales" : "coffee",
              customers,
              r % 7 == 0 ? 3 : 0,
              capacity,
              customers * (r <= 16 ? 5200.0 : 310.0),
              customers * (r <= 16 ? 610.0 : 36.0),
              asOf.plusDays(1),
              asOf.plusDays(7)));
    }
    List<InputQuality> quality =
        List.of(
            quality("reps", 24, 0, Map.of()),
            quality("customers", 2008, 8, Map.of("DUPLICATE_KEY", 5L, "UNPARSEABLE_DATE", 3L)),
            quality(
                "orders", 14775, 59, Map.of("UNKNOWN_CUSTOMER", 40L, "AMOUNT_NOT_A_NUMBER", 19L)),
            quality(
                "interactions",
                116113,
                462,
                Map.of("UNKNOWN_CUSTOMER", 300L, "UNPARSEABLE_DATE", 162L)));
    RunFacts facts =
        new RunFacts(
            asOf,
            asOf + "-0123456789ab",
            "rapport.yaml",
            "ab".repeat(32),
            "dev",
            "Europe/Berlin",
            180,
            "4.1.0",
            List.of(
                new InputFacts("orders", "csv", 2, "cd".repeat(32), 14775),
                new InputFacts("interactions", "csv", 4, "ef".repeat(32), 116113)));
    return new ReportData(
        facts,
        2000,
        Optional.of("EUR"),
        segments,
        curves,
        false,
        model,
        calibration,
        months,
        Optional.of(scores),
        outreach,
        Optional.of(61L),
        quality,
        List.of());
  }

  /** A Cox row as the retention stage writes it: the hazard ratio exp(β) and its interval. */
  private static ModelTerm cox(String term, double coef, double se) {
    return new ModelTerm(
        "cox_time_varying",
        term,
        Math.exp(coef),
        se,
        Math.exp(coef - 1.959963984540054 * se),
        Math.exp(coef + 1.959963984540054 * se),
        0.001,
        2000L);
  }

  private static List<CurvePoint> curve(String kind, String seg, double hazard, long n) {
    List<CurvePoint> out = new ArrayList<>();
    for (int t = 10; t <= 180; t += 10) {
      double s = Math.exp(-hazard * t);
      out.add(new CurvePoint(kind, seg, t, s, s - 0.03, Math.min(1, s + 0.03), Math.round(n * s)));
    }
    return out;
  }

  private static InputQuality quality(
      String input, long read, long bad, Map<String, Long> reasons) {
    return new InputQuality(
        input, "csv", read, read - bad, bad, read - bad, reasons, 0.05, true, null);
  }
}
