package rapport.retention;

import java.util.Locale;
import java.util.Optional;
import rapport.scores.PurchaseModelFile;

/**
 * SPEC §6.3 customer value: BG/NBD and Gamma-Gamma on the completed orders before T ({@link
 * CustomerValue}), with the run's one BG/NBD fit when the score stage wrote it; their rows of
 * {@code tables/retention_model} and their block of the summary.
 */
final class RetentionValue {
  private RetentionValue() {}

  /**
   * @param shared the score stage's purchase model, or null when it did not write one
   * @param penalizer the score stage's penalizer coefficient, for a fit of their own
   * @return the timing line for the log, empty when nothing was fitted
   */
  static Optional<String> fit(
      RetentionEvents e,
      RetentionSettings settings,
      PurchaseModelFile.Stored shared,
      double penalizer,
      RetentionSummary summary,
      ModelRows model) {
    e.describe("BG/NBD and Gamma-Gamma");
    var unit = settings.bgnbdTimeUnit();
    long t0 = System.nanoTime();
    CustomerValue.Result r;
    try {
      r =
          CustomerValue.fit(
              CustomerValue.summaries(e.orderDays(), e.t(), unit),
              e.horizon() / unit.days(),
              e.horizon(),
              "completed orders before " + e.asOf(),
              shared == null ? null : shared.inUnitOfDays(unit.days()),
              penalizer);
    } catch (IllegalArgumentException | IllegalStateException | ArithmeticException ex) {
      summary.note("BG/NBD: not fitted: " + ex.getMessage());
      return Optional.empty();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    var bg = r.bgnbd();
    long n = Math.round(bg.customers());
    model.value("bgnbd", "converged", r.bgnbdStatus().usable() ? 1 : 0, n);
    if (r.bgnbdStatus().usable()) {
      double[] se = bg.stdErrors();
      model.parameter("bgnbd", "r", bg.r(), se[0], n);
      model.parameter("bgnbd", "alpha", bg.alpha(), se[1], n);
      model.parameter("bgnbd", "a", bg.a(), se[2], n);
      model.parameter("bgnbd", "b", bg.b(), se[3], n);
      model.value("bgnbd", "log_likelihood", bg.logLikelihood(), n);
      model.value("bgnbd", "mean_p_alive", r.meanProbabilityAlive(), n);
      model.value("bgnbd", "mean_expected_purchases_horizon", r.meanExpectedPurchases(), n);
    } else {
      summary.note(
          "BG/NBD: "
              + r.bgnbdStatus().describe()
              + ": no P(alive) or expected purchases; its parameters are not written");
    }
    var gg = r.gammaGamma();
    if (gg != null && !gg.status().usable()) {
      summary.note(
          "Gamma-Gamma: "
              + gg.status().describe()
              + " (spend per purchase does not follow one Gamma-Gamma population, e.g. a business"
              + " mixing small and large tickets); its parameters are not written");
      model.value("gamma_gamma", "converged", 0, gg.customers());
    } else if (gg != null) {
      long m = gg.customers();
      model.value("gamma_gamma", "converged", 1, m);
      double[] gse = gg.stdErrors();
      model.parameter("gamma_gamma", "p", gg.p(), gse[0], m);
      model.parameter("gamma_gamma", "q", gg.q(), gse[1], m);
      model.parameter("gamma_gamma", "gamma", gg.gamma(), gse[2], m);
      model.value("gamma_gamma", "log_likelihood", gg.logLikelihood(), m);
      model.value("gamma_gamma", "mean_expected_spend", r.meanExpectedSpend(), m);
    }
    summary.customerValue(r);
    return Optional.of(
        String.format(Locale.ROOT, "  BG/NBD and Gamma-Gamma fitted in %.1f s", seconds));
  }
}
