package rapport.report;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the report shows, as small aggregates read from one run folder. Nothing here is
 * customer-level: counts, rates, model estimates and per-rep sums only. Each part is empty when the
 * stage that writes it has not run, and {@link #missing} says so in words.
 *
 * @param facts what the run was: as-of date, configuration, code and inputs
 * @param customers customers in {@code tables/customers}
 * @param currency the orders' currency when there is exactly one, else empty
 * @param segments retention by segment (touch mix, personal-index band)
 * @param curves Kaplan–Meier curves by segment
 * @param model estimates of the fitted models
 * @param contractBased whether the curves follow contracts to their end (survival is the share
 *     still under contract) or customers to their next order (survival is the share that has not
 *     ordered again), as {@code RetentionLabels.hasContracts} decides for the retention stage
 * @param calibration the backtest calibration table
 * @param touchesPerMonth touches by kind per calendar month completed before the as-of date
 * @param scores the distribution of relationship scores
 * @param outreach this week's outreach per rep
 * @param holdout customers held out of this week's outreach
 * @param quality the ingestion accounting per input
 * @param missing what was not available, one line each
 * @param customerValue P(alive) and expected value from the score stage, when it wrote them
 */
public record ReportData(
    RunFacts facts,
    long customers,
    Optional<String> currency,
    List<Segment> segments,
    List<CurvePoint> curves,
    boolean contractBased,
    List<ModelTerm> model,
    List<CalibrationBin> calibration,
    List<MonthTouches> touchesPerMonth,
    Optional<ScoreSummary> scores,
    List<RepOutreach> outreach,
    Optional<Long> holdout,
    List<InputQuality> quality,
    List<String> missing,
    Optional<CustomerValue> customerValue) {

  /** A report without customer value (the score stage wrote no P(alive)). */
  public ReportData(
      RunFacts facts,
      long customers,
      Optional<String> currency,
      List<Segment> segments,
      List<CurvePoint> curves,
      boolean contractBased,
      List<ModelTerm> model,
      List<CalibrationBin> calibration,
      List<MonthTouches> touchesPerMonth,
      Optional<ScoreSummary> scores,
      List<RepOutreach> outreach,
      Optional<Long> holdout,
      List<InputQuality> quality,
      List<String> missing) {
    this(
        facts,
        customers,
        currency,
        segments,
        curves,
        contractBased,
        model,
        calibration,
        touchesPerMonth,
        scores,
        outreach,
        holdout,
        quality,
        missing,
        Optional.empty());
  }

  /**
   * Customer value from {@code relationship_scores}: the distribution of P(alive) (BG/NBD) and the
   * expected value over the horizon, in total and at risk.
   *
   * @param n customers with a finite P(alive)
   * @param pAliveBands customers per P(alive) band: [0, 0.1), [0.1, 0.2), ..., [0.9, 1]
   * @param expectedValue the sum of expected_value over the horizon
   * @param expectedValueAtRisk the sum of (1 − retention_probability) × expected_value: the value
   *     of the customers expected to lapse, as outreach ranks it
   */
  public record CustomerValue(
      long n, long[] pAliveBands, double expectedValue, double expectedValueAtRisk) {
    /** Customers with P(alive) below one half. */
    public long likelyGone() {
      long s = 0;
      for (int b = 0; b < 5 && b < pAliveBands.length; b++) {
        s += pAliveBands[b];
      }
      return s;
    }
  }

  /** Run metadata that is the same on a rerun (no clock times). */
  public record RunFacts(
      LocalDate asOf,
      String runId,
      String configFile,
      String configSha256,
      String codeVersion,
      String timeZone,
      int horizonDays,
      String sparkVersion,
      List<InputFacts> inputs) {}

  /** One input as the manifest records it. */
  public record InputFacts(String name, String format, int files, String sha256, long rowsRead) {}

  /** A row of {@code tables/retention_segments}. */
  public record Segment(
      String kind,
      String segment,
      long n,
      long retained,
      double rate,
      double lower95,
      double upper95,
      Double kmMedianDays,
      Double kmMedianLower95,
      Double kmMedianUpper95) {}

  /** A row of {@code tables/retention_curves}. */
  public record CurvePoint(
      String kind,
      String segment,
      double timeDays,
      double survival,
      Double lower95,
      Double upper95,
      long atRisk) {}

  /**
   * A row of {@code tables/retention_model}. Cox and logistic coefficients are kept as ratios
   * (hazard ratio, odds ratio: exp β) with their interval on the same scale, and the standard error
   * of β; fit statistics have no standard error.
   */
  public record ModelTerm(
      String model,
      String term,
      Double estimate,
      Double stdError,
      Double lower95,
      Double upper95,
      Double p,
      Long n) {}

  /** A row of the backtest calibration table. */
  public record CalibrationBin(
      int bin, long n, double meanPredicted, double observed, double lower95, double upper95) {}

  /** Outbound touches by kind and inbound contacts in one calendar month. */
  public record MonthTouches(YearMonth month, long personal, long automated, long inbound) {}

  /**
   * The distribution of {@code relationship_score} in ten bands of ten points.
   *
   * @param bands customers per band: [0, 10), [10, 20), ..., [90, 100]
   */
  public record ScoreSummary(
      long n,
      double meanScore,
      long[] bands,
      long masked,
      long repDependent,
      double meanPersonalIndex,
      double meanAutomatedIndex) {
    /** Customers with a score below {@code limit}, a multiple of ten. */
    public long below(int limit) {
      long s = 0;
      for (int b = 0; b < limit / 10 && b < bands.length; b++) {
        s += bands[b];
      }
      return s;
    }
  }

  /**
   * One rep's outreach this week.
   *
   * @param capacity the rep's weekly capacity, when the reps input gives it
   * @param valueKept the sum of priority: expected value kept by one personal touch each
   */
  public record RepOutreach(
      String repId,
      String team,
      long customers,
      long handoffs,
      Long capacity,
      double valueAtRisk,
      double valueKept,
      LocalDate firstDue,
      LocalDate lastDue) {}

  /** The accounting of one input from {@code quality/report.json}. */
  public record InputQuality(
      String input,
      String format,
      long rowsRead,
      long rowsValid,
      long rowsQuarantined,
      long rowsWritten,
      Map<String, Long> quarantinedByReason,
      double maxBadShare,
      boolean withinTolerance,
      String note) {
    public double badShare() {
      return rowsRead == 0 ? 0 : (double) rowsQuarantined / rowsRead;
    }
  }
}
