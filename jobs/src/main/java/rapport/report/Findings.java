package rapport.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import rapport.report.ReportData.CalibrationBin;
import rapport.report.ReportData.InputQuality;
import rapport.report.ReportData.ModelTerm;
import rapport.report.ReportData.MonthTouches;
import rapport.report.ReportData.RepOutreach;
import rapport.report.ReportData.ScoreSummary;
import rapport.report.ReportData.Segment;
import rapport.schema.ReportInputs;
import rapport.schema.RetentionTables;
import rapport.schema.Scores;
import rapport.stats.WilsonInterval;

/**
 * The numbers the report states, computed once from {@link ReportData}: the text, the chart titles
 * and the change since the previous run all quote these.
 */
final class Findings {

  private final ReportData data;

  Findings(ReportData data) {
    this.data = data;
  }

  ReportData data() {
    return data;
  }

  /** Retention of customers with any personal touch against automated-only and untouched ones. */
  record MixRetention(WilsonInterval personal, WilsonInterval automatedOnly, WilsonInterval none) {}

  /**
   * A hazard ratio with its 95% interval per k units of the covariate: HR^k = exp(kβ), and the
   * interval's limits to the same power.
   */
  record Hazard(String model, String term, double hr, double lower, double upper, Long n) {}

  /** The logistic backtest's quality. */
  record Backtest(Double auc, Double brier, Double lift, Long n) {}

  List<Segment> segments(String kind) {
    return data.segments().stream().filter(s -> s.kind().equals(kind)).toList();
  }

  Optional<MixRetention> mixRetention() {
    List<Segment> mix = segments(ReportInputs.TOUCH_MIX);
    long pn = 0;
    long pk = 0;
    long an = 0;
    long ak = 0;
    long nn = 0;
    long nk = 0;
    for (Segment s : mix) {
      switch (s.segment()) {
        case ReportInputs.MIX_PERSONAL_ONLY, ReportInputs.MIX_BOTH -> {
          pn += s.n();
          pk += s.retained();
        }
        case ReportInputs.MIX_AUTOMATED_ONLY -> {
          an += s.n();
          ak += s.retained();
        }
        case ReportInputs.MIX_NONE -> {
          nn += s.n();
          nk += s.retained();
        }
        default -> {}
      }
    }
    if (pn == 0 || an == 0) {
      return Optional.empty();
    }
    return Optional.of(
        new MixRetention(
            WilsonInterval.of(pk, pn),
            WilsonInterval.of(ak, an),
            nn == 0 ? null : WilsonInterval.of(nk, nn)));
  }

  /** The Cox model the report quotes: time-varying touches first, else the baseline model. */
  Optional<String> coxModel() {
    for (String m : List.of(ReportInputs.COX_TIME_VARYING, ReportInputs.COX_BASELINE)) {
      if (data.model().stream().anyMatch(t -> t.model().equals(m))) {
        return Optional.of(m);
      }
    }
    return data.model().stream().map(ModelTerm::model).filter(m -> m.startsWith("cox")).findFirst();
  }

  /**
   * The covariates of the quoted Cox model as hazard ratios per the unit {@link Labels#term} shows:
   * personal touches first, then automated ones, then the adjustments, each group by name.
   */
  List<Hazard> hazards() {
    Optional<String> model = coxModel();
    if (model.isEmpty() || !converged(model.get())) {
      return List.of();
    }
    List<Hazard> out = new ArrayList<>();
    for (ModelTerm t : data.model()) {
      // covariates carry the standard error of their coefficient; fit statistics do not
      if (t.model().equals(model.get())
          && t.stdError() != null
          && t.estimate() != null
          && t.estimate() > 0
          && t.lower95() != null
          && t.upper95() != null) {
        double k = Labels.term(t.term()).scale();
        if (!Double.isFinite(Math.pow(t.lower95(), k))
            || !Double.isFinite(Math.pow(t.upper95(), k))
            || !Double.isFinite(Math.pow(t.estimate(), k))) {
          continue;
        }
        out.add(
            new Hazard(
                t.model(),
                t.term(),
                Math.pow(t.estimate(), k),
                Math.pow(t.lower95(), k),
                Math.pow(t.upper95(), k),
                t.n()));
      }
    }
    out.sort(Comparator.comparingInt((Hazard h) -> group(h.term())).thenComparing(Hazard::term));
    return out;
  }

  private static int group(String term) {
    return term.startsWith("personal") ? 0 : term.startsWith("automated") ? 1 : 2;
  }

  Optional<Hazard> hazard(String term) {
    return hazards().stream().filter(h -> h.term().equals(term)).findFirst();
  }

  /**
   * A touch term of the purchase businesses' dropout model, per touch: the continuous-time model
   * ({@link RetentionTables#DROPOUT_CONTINUOUS}) when it was fitted and is usable, else the BG/NBD
   * with dropout covariates at each purchase ({@link RetentionTables#DROPOUT_DYNAMIC}) when that
   * one is; {@link Hazard#model()} says which.
   */
  Optional<Hazard> dropoutHazard(String term) {
    return dropoutHazard(RetentionTables.DROPOUT_CONTINUOUS, term)
        .or(() -> dropoutHazard(RetentionTables.DROPOUT_DYNAMIC, term));
  }

  /** Whether the continuous-time dropout model was fitted but its fit is not usable. */
  boolean continuousDropoutUnusable() {
    return data.model().stream().anyMatch(t -> t.model().equals(RetentionTables.DROPOUT_CONTINUOUS))
        && !converged(RetentionTables.DROPOUT_CONTINUOUS);
  }

  private Optional<Hazard> dropoutHazard(String model, String term) {
    if (!data.model().stream().anyMatch(t -> t.model().equals(model)) || !converged(model)) {
      return Optional.empty();
    }
    return data.model().stream()
        .filter(
            t ->
                t.model().equals(model)
                    && t.term().equals(term)
                    && t.stdError() != null
                    && t.estimate() != null
                    && t.lower95() != null
                    && t.upper95() != null)
        .findFirst()
        .map(t -> new Hazard(t.model(), t.term(), t.estimate(), t.lower95(), t.upper95(), t.n()));
  }

  Optional<Backtest> backtest() {
    Double auc = metric(ReportInputs.AUC);
    Double brier = metric(ReportInputs.BRIER);
    Double lift = metric(ReportInputs.LIFT_TOP_DECILE);
    if (auc == null && brier == null && lift == null
        || !converged(ReportInputs.LOGISTIC_BACKTEST)) {
      return Optional.empty();
    }
    // the quality measures rest on the customers the backtest was checked on
    Long n =
        data.model().stream()
            .filter(
                t ->
                    t.model().equals(ReportInputs.LOGISTIC_BACKTEST)
                        && t.term().equals(ReportInputs.AUC)
                        && t.n() != null)
            .map(ModelTerm::n)
            .findFirst()
            .orElse(null);
    return Optional.of(new Backtest(auc, brier, lift, n));
  }

  private Double metric(String term) {
    return value(ReportInputs.LOGISTIC_BACKTEST, term);
  }

  /** The estimate of a model's term when it is a finite number, else null. */
  Double value(String model, String term) {
    return data.model().stream()
        .filter(t -> t.model().equals(model) && t.term().equals(term))
        .map(ModelTerm::estimate)
        .filter(v -> v != null && Double.isFinite(v))
        .findFirst()
        .orElse(null);
  }

  /**
   * False when the retention stage wrote that {@code model} did not converge (its {@code converged}
   * term is 0): its numbers are then not quoted anywhere in the report.
   */
  boolean converged(String model) {
    return data.model().stream()
        .noneMatch(
            t ->
                t.model().equals(model)
                    && t.term().equals(CONVERGED)
                    && t.estimate() != null
                    && t.estimate() == 0);
  }

  /** Models the retention stage wrote as not converged, in the table's order. */
  List<String> notConverged() {
    return data.model().stream()
        .map(ModelTerm::model)
        .distinct()
        .filter(m -> !converged(m))
        .toList();
  }

  static final String CONVERGED = "converged";
  static final String BGNBD = "bgnbd";
  static final String GAMMA_GAMMA = "gamma_gamma";

  /** A parameter of a fitted model with its standard error, as the retention stage wrote it. */
  record Parameter(String name, double estimate, Double stdError) {}

  /**
   * The BG/NBD parameters (r, alpha, a, b) when the model converged and every one is a finite
   * number; empty otherwise, so that a degenerate fit is never shown as if it were one.
   */
  Optional<List<Parameter>> bgnbd() {
    if (!converged(BGNBD)) {
      return Optional.empty();
    }
    List<Parameter> out = new ArrayList<>();
    for (String name : List.of("r", "alpha", "a", "b")) {
      Optional<ModelTerm> t =
          data.model().stream()
              .filter(x -> x.model().equals(BGNBD) && x.term().equals(name))
              .findFirst();
      if (t.isEmpty() || t.get().estimate() == null || !Double.isFinite(t.get().estimate())) {
        return Optional.empty();
      }
      Double se = t.get().stdError();
      out.add(
          new Parameter(name, t.get().estimate(), se != null && Double.isFinite(se) ? se : null));
    }
    return Optional.of(out);
  }

  /** Customer value from the score stage's P(alive) and expected value, when it wrote them. */
  Optional<ReportData.CustomerValue> customerValue() {
    return data.customerValue().filter(v -> v.n() > 0);
  }

  /**
   * True when the personal-index bands cannot say more than the touch mix: no customer in the
   * retention table had a personal touch, or all are in one band. The chart would repeat the
   * touch-mix curve under another title, so the report leaves it out and says why.
   */
  boolean personalIndexUninformative() {
    boolean anyPersonal =
        segments(ReportInputs.TOUCH_MIX).stream()
            .anyMatch(
                s ->
                    s.n() > 0
                        && (s.segment().equals(ReportInputs.MIX_PERSONAL_ONLY)
                            || s.segment().equals(ReportInputs.MIX_BOTH)));
    long bands = segments(ReportInputs.PERSONAL_INDEX_BAND).stream().filter(s -> s.n() > 0).count();
    boolean mixKnown = !segments(ReportInputs.TOUCH_MIX).isEmpty();
    return (mixKnown && !anyPersonal) || bands == 1;
  }

  /** The largest gap between predicted and observed retention over the calibration bins. */
  Optional<Double> worstCalibrationGap() {
    return data.calibration().stream()
        .map(b -> Math.abs(b.observed() - b.meanPredicted()))
        .max(Comparator.naturalOrder());
  }

  /** The last three completed months' touches, and the same three months a year earlier. */
  record TouchTrend(
      List<MonthTouches> recent, long personal, long automated, Long personalYearAgo) {
    double personalShare() {
      long outbound = personal + automated;
      return outbound == 0 ? Double.NaN : (double) personal / outbound;
    }
  }

  Optional<TouchTrend> touchTrend() {
    List<MonthTouches> m = data.touchesPerMonth();
    if (m.size() < 3 || m.stream().allMatch(t -> t.personal() + t.automated() == 0)) {
      return Optional.empty();
    }
    List<MonthTouches> recent = m.subList(m.size() - 3, m.size());
    long p = recent.stream().mapToLong(MonthTouches::personal).sum();
    long a = recent.stream().mapToLong(MonthTouches::automated).sum();
    Long yearAgo = null;
    if (m.size() >= 15) {
      yearAgo =
          m.subList(m.size() - 15, m.size() - 12).stream().mapToLong(MonthTouches::personal).sum();
    }
    return Optional.of(new TouchTrend(recent, p, a, yearAgo));
  }

  Optional<ScoreSummary> scores() {
    return data.scores().filter(s -> s.n() > 0);
  }

  /** This week's outreach in total. */
  record OutreachTotals(
      long customers,
      int reps,
      long capacity,
      int repsWithCapacity,
      long handoffs,
      double valueAtRisk,
      double valueKept) {}

  Optional<OutreachTotals> outreach() {
    List<RepOutreach> reps = data.outreach();
    if (reps.isEmpty()) {
      return Optional.empty();
    }
    long customers = 0;
    long capacity = 0;
    int withCapacity = 0;
    long handoffs = 0;
    double risk = 0;
    double kept = 0;
    for (RepOutreach r : reps) {
      customers += r.customers();
      handoffs += r.handoffs();
      risk += r.valueAtRisk();
      kept += r.valueKept();
      if (r.capacity() != null) {
        capacity += r.capacity();
        withCapacity++;
      }
    }
    return Optional.of(
        new OutreachTotals(customers, reps.size(), capacity, withCapacity, handoffs, risk, kept));
  }

  /** Rows read and quarantined over all inputs. */
  record QualityTotals(long read, long quarantined, List<InputQuality> overTolerance) {
    double share() {
      return read == 0 ? 0 : (double) quarantined / read;
    }
  }

  Optional<QualityTotals> quality() {
    if (data.quality().isEmpty()) {
      return Optional.empty();
    }
    long read = 0;
    long bad = 0;
    for (InputQuality q : data.quality()) {
      read += q.rowsRead();
      bad += q.rowsQuarantined();
    }
    return Optional.of(
        new QualityTotals(
            read, bad, data.quality().stream().filter(q -> !q.withinTolerance()).toList()));
  }

  List<CalibrationBin> calibration() {
    return data.calibration();
  }

  String currency() {
    return data.currency().orElse("");
  }

  static String personalTerm() {
    return Scores.PERSONAL_TOUCHES_90D;
  }
}
