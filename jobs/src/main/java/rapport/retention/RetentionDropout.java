package rapport.retention;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import rapport.schema.Columns;
import rapport.schema.RetentionTables;
import rapport.scores.Sampling;
import rapport.scores.SortedRows;
import rapport.stats.ContinuousDropout;
import rapport.stats.DynamicBgNbd;

/**
 * Purchase businesses: the touch effects on the unobserved dropout, from the BG/NBD whose dropout
 * chance at each purchase follows the touches before it ({@link DynamicBgNbd}, inputs from {@link
 * DropoutOccasions}), then the continuous-time model whose dropout hazard follows the touches at
 * every moment ({@link ContinuousDropout}, inputs from {@link DropoutPaths}), both on the same
 * deterministic sample of customers and its rows, collected once; their rows of {@code
 * tables/retention_model} and their blocks of the summary.
 */
final class RetentionDropout {
  private RetentionDropout() {}

  /** Customers at most fitted by the dropout model: a deterministic sample beyond. */
  static final int SAMPLE_CUSTOMERS = 20_000;

  /**
   * @return the timing line for the log, empty when the model was not fitted
   */
  static Optional<String> fit(
      RetentionEvents e, RetentionSettings settings, RetentionSummary summary, ModelRows model) {
    return fit(e, settings, summary, model, Long.MAX_VALUE);
  }

  /**
   * @param customers the customers table's rows: when no more than the sample, the histories are
   *     collected at once without counting them first (and counted and sampled only when they turn
   *     out to be more, orders of customers missing from the table included)
   * @return the timing line for the log, empty when the model was not fitted
   */
  static Optional<String> fit(
      RetentionEvents e,
      RetentionSettings settings,
      RetentionSummary summary,
      ModelRows model,
      long customers) {
    long t = e.t();
    String zone = e.zone();
    e.describe("dropout model purchase histories");
    boolean kinds = DropoutOccasions.hasAutomatedKind(e.touches());
    Dataset<Row> histories =
        DropoutOccasions.histories(
            e.orders(),
            e.orderDays(),
            e.personal(),
            DropoutOccasions.outreachTouches(e.touches(), zone),
            t,
            zone);
    List<Row> rows =
        customers <= SAMPLE_CUSTOMERS ? new ArrayList<>(histories.collectAsList()) : null;
    long population;
    if (rows != null && rows.size() <= SAMPLE_CUSTOMERS) {
      population = rows.size();
    } else {
      histories = histories.persist(StorageLevel.MEMORY_AND_DISK());
      try {
        population = histories.count();
        rows =
            new ArrayList<>(
                Sampling.capped(histories, SAMPLE_CUSTOMERS, population).collectAsList());
      } finally {
        histories.unpersist();
      }
    }
    // by customer_id as Spark orders strings (their UTF-8 bytes), sorted here: a Spark sort would
    // add its sampling and exchange jobs
    SortedRows.sort(rows, Columns.CUSTOMER_ID);
    DropoutOccasions.Prepared prepared =
        DropoutOccasions.prepare(rows, t, settings.bgnbdTimeUnit().days());
    prepared.notes().forEach(n -> summary.note("dropout model: " + n));
    if (!kinds) {
      summary.note(
          "dropout model: tables/touches does not say which automated touches are outreach; every"
              + " automated touch counts as outreach");
    }
    if (prepared.customers().isEmpty()) {
      summary.note("dropout model: not fitted, no customer with a completed order before T");
      return Optional.empty();
    }
    Optional<String> dynamic = fitDynamic(e, settings, summary, model, prepared, population);
    Optional<String> continuous = fitContinuous(e, settings, summary, model, rows, population);
    if (dynamic.isEmpty() && continuous.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        String.join(
            "\n",
            java.util.stream.Stream.of(dynamic, continuous).flatMap(Optional::stream).toList()));
  }

  /** {@link DynamicBgNbd} on the sample: its rows and summary block. */
  private static Optional<String> fitDynamic(
      RetentionEvents e,
      RetentionSettings settings,
      RetentionSummary summary,
      ModelRows model,
      DropoutOccasions.Prepared prepared,
      long population) {
    if (!prepared.terms().contains(DropoutOccasions.PERSONAL)
        && !prepared.terms().contains(DropoutOccasions.OUTREACH)) {
      summary.note("dropout model: not fitted, no touch before any repeat purchase");
      return Optional.empty();
    }
    long t0 = System.nanoTime();
    DynamicBgNbd.Fit fit;
    try {
      fit =
          DynamicBgNbd.fit(
              label(e, settings, prepared.customers().size(), population),
              prepared.customers(),
              prepared.terms());
    } catch (IllegalArgumentException | IllegalStateException | ArithmeticException ex) {
      summary.note("dropout model: not fitted: " + ex.getMessage());
      return Optional.empty();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    String name = RetentionTables.DROPOUT_DYNAMIC;
    long n = fit.customers();
    model.value(name, "converged", fit.status().usable() ? 1 : 0, n);
    if (!fit.status().usable()) {
      summary.note(
          "dropout model: "
              + fit.status().describe()
              + "; no hazard ratios are written (the report falls back to the Cox model)");
      return Optional.empty();
    }
    fit.estimates().forEach(est -> model.ratio(name, est, n));
    fitRows(
        model,
        name,
        new String[] {"r", "alpha", "a", "b"},
        fit.params(),
        fit.paramErrors(),
        fit.likelihoodRatio(),
        fit.likelihoodRatioP(),
        fit.logLikelihood(),
        population,
        n);
    summary.dropout(fit, population);
    return Optional.of(String.format(Locale.ROOT, "  dropout model fitted in %.1f s", seconds));
  }

  /**
   * {@link ContinuousDropout} on the same sample ({@link DropoutPaths}): its rows and summary
   * block. A fit that is not usable writes only converged = 0 and a note.
   */
  private static Optional<String> fitContinuous(
      RetentionEvents e,
      RetentionSettings settings,
      RetentionSummary summary,
      ModelRows model,
      List<Row> rows,
      long population) {
    String name = RetentionTables.DROPOUT_CONTINUOUS;
    long t0 = System.nanoTime();
    DropoutPaths.Prepared prepared =
        DropoutPaths.prepare(rows, e.t(), settings.bgnbdTimeUnit().days(), DropoutPaths.DRAWS);
    prepared.notes().forEach(n -> summary.note("continuous dropout model: " + n));
    if (prepared.varying().isEmpty()) {
      summary.note(
          "continuous dropout model: not fitted, no personal or outreach touch while any customer"
              + " was known to be alive");
      return Optional.empty();
    }
    ContinuousDropout.Fit fit;
    try {
      fit =
          ContinuousDropout.fit(
              label(e, settings, prepared.customers().size(), population),
              prepared.customers(),
              prepared.varying(),
              prepared.fixed());
    } catch (IllegalArgumentException | IllegalStateException | ArithmeticException ex) {
      summary.note("continuous dropout model: not fitted: " + ex.getMessage());
      return Optional.empty();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    long n = fit.customers();
    model.value(name, "converged", fit.status().usable() ? 1 : 0, n);
    if (!fit.status().usable()) {
      summary.note(
          "continuous dropout model: "
              + fit.status().describe()
              + "; no hazard ratios are written (the report falls back to "
              + RetentionTables.DROPOUT_DYNAMIC
              + ")");
      return Optional.empty();
    }
    fit.estimates().forEach(est -> model.ratio(name, est, n));
    fitRows(
        model,
        name,
        new String[] {"r", "alpha", "s", "beta"},
        fit.params(),
        fit.paramErrors(),
        fit.likelihoodRatio(),
        fit.likelihoodRatioP(),
        fit.logLikelihood(),
        population,
        n);
    model.value(name, "draws", fit.draws(), n);
    summary.continuousDropout(fit, population);
    return Optional.of(
        String.format(Locale.ROOT, "  continuous dropout model fitted in %.1f s", seconds));
  }

  /** The data line of a dropout fit's summary. */
  private static String label(
      RetentionEvents e, RetentionSettings settings, int customers, long population) {
    return "completed orders and touches before "
        + e.asOf()
        + ", "
        + customers
        + " of "
        + population
        + " customers, in "
        + settings.bgnbdTimeUnit().name().toLowerCase(Locale.ROOT)
        + "s";
  }

  /** A usable dropout fit's rows after its ratios: parameters, the LR test, ℓ, the population. */
  private static void fitRows(
      ModelRows model,
      String name,
      String[] params,
      double[] values,
      double[] errors,
      double likelihoodRatio,
      double likelihoodRatioP,
      double logLikelihood,
      long population,
      long n) {
    for (int k = 0; k < params.length; k++) {
      model.parameter(name, params[k], values[k], errors[k], n);
    }
    model.test(name, "likelihood_ratio", likelihoodRatio, likelihoodRatioP, n);
    model.value(name, "log_likelihood", logLikelihood, n);
    model.value(name, "customers_in_population", population, n);
  }
}
