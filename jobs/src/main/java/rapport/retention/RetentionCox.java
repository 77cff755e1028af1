package rapport.retention;

import java.time.LocalDate;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import rapport.stats.CoxFit;
import rapport.stats.CoxPH;
import rapport.stats.SurvivalData;

/**
 * SPEC §6.3 Cox model with time-varying touches: the customers at risk in the window before T as
 * person-periods ({@link Spells}, {@link PersonPeriods}), fitted by {@link CoxPH}; its rows of
 * {@code tables/retention_model} and its block of the summary.
 */
final class RetentionCox {
  private RetentionCox() {}

  /**
   * @param checkpoint writes the person-periods once and returns them read back, so that the load
   *     reads the file instead of recomputing the split
   * @return the timing line for the log (not the summary: the same inputs give the same summary),
   *     empty when the model was not fitted
   */
  static Optional<String> fit(
      RetentionEvents e,
      RetentionSettings settings,
      UnaryOperator<Dataset<Row>> checkpoint,
      RetentionSummary summary,
      ModelRows model) {
    long t = e.t();
    long s = t - settings.coxWindowDays();
    e.describe("person-periods from " + LocalDate.ofEpochDay(s));
    Dataset<Row> spells =
        e.contracts()
            ? Spells.contract(e.customers(), s, t)
            : Spells.purchase(e.customers(), e.orderDays(), s, t, e.horizon());
    spells = spells.persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> compressed =
        PersonPeriods.sorted(
            checkpoint.apply(
                PersonPeriods.compress(
                    PersonPeriods.split(
                        spells,
                        e.customers(),
                        e.personal(),
                        e.automated(),
                        e.orderDays(),
                        s,
                        t,
                        settings.coxRefreshDays()))));
    long subjects = spells.count();
    spells.unpersist();
    long t0 = System.nanoTime();
    Optional<SurvivalData> loaded = CoxModel.load(compressed);
    if (loaded.isEmpty()) {
      summary.note("Cox model: not fitted, nobody at risk in the window");
      return Optional.empty();
    }
    SurvivalData data = loaded.get();
    long rows = data.rows();
    long t1 = System.nanoTime();
    CoxFit fit;
    try {
      fit =
          CoxPH.fit(
              "customers at risk " + LocalDate.ofEpochDay(s) + " to " + e.asOf().minusDays(1),
              data,
              settings.ties());
    } catch (IllegalArgumentException | IllegalStateException ex) {
      summary.note("Cox model: not fitted: " + ex.getMessage());
      return Optional.empty();
    }
    double loadSeconds = (t1 - t0) / 1e9;
    double seconds = (System.nanoTime() - t1) / 1e9;
    if (!fit.dropped().isEmpty()) {
      summary.note("Cox model: left out before fitting: " + String.join("; ", fit.dropped()));
    }
    if (!fit.status().usable()) {
      summary.note("Cox model: " + fit.status().describe() + "; no hazard ratios are written");
      return Optional.empty();
    }
    String name = RetentionSummary.COX;
    fit.estimates().forEach(est -> model.ratio(name, est, subjects));
    CoxFit.LikelihoodRatioTest lr = fit.likelihoodRatioTest();
    model.test(name, "likelihood_ratio", lr.statistic(), lr.p(), subjects);
    model.value(name, "concordance", fit.concordance(), subjects);
    model.value(name, "log_likelihood", fit.logLikelihood(), subjects);
    model.value(name, "events", fit.events(), subjects);
    model.value(name, "person_periods", fit.n(), subjects);
    model.value(name, "compressed_rows", rows, subjects);
    model.value(name, "converged", fit.converged() ? 1 : 0, subjects);
    summary.cox(fit, subjects, rows);
    return Optional.of(
        String.format(
            java.util.Locale.ROOT,
            "  Cox model: rows loaded in %.1f s, fitted in %.1f s",
            loadSeconds,
            seconds));
  }
}
