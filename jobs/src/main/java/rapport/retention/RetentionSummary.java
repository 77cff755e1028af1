package rapport.retention;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import rapport.schema.ReportInputs;
import rapport.schema.RetentionTables;
import rapport.stats.ContinuousDropout;
import rapport.stats.CoxFit;
import rapport.stats.DynamicBgNbd;
import rapport.stats.Estimate;

/**
 * The stage's printed summary, in the manner of lifelines' {@code print_summary()}: each block says
 * what was fitted on what, with its n, then the numbers. Aggregates only.
 */
final class RetentionSummary {
  static final String COX = ReportInputs.COX_TIME_VARYING;

  private final StringBuilder s = new StringBuilder();
  private final List<String> notes = new ArrayList<>();
  private final boolean contracts;

  RetentionSummary(LocalDate asOf, int horizon, boolean contracts, RetentionSettings settings) {
    this.contracts = contracts;
    LocalDate cutoff = asOf.minusDays(horizon);
    s.append("rapport retention as of ").append(asOf).append('\n');
    s.append("  retention basis  = ")
        .append(
            contracts
                ? "contract (retained: contract not closed within the horizon)"
                : "purchase (retained: a completed order within the horizon)")
        .append('\n');
    s.append("  horizon H        = ").append(horizon).append(" days\n");
    s.append("  observed outcome = customers at ")
        .append(cutoff)
        .append(" (T - H), followed to ")
        .append(asOf.minusDays(1))
        .append('\n');
    s.append("  touch mix        = touches in the ")
        .append(settings.touchMixDays())
        .append(" days before ")
        .append(cutoff)
        .append('\n');
    s.append(
        "  caveat           = observational: associations, not the effect of a touch;"
            + " the outreach holdout measures that\n");
  }

  void note(String text) {
    notes.add(text);
  }

  void segments(Segments.Result r) {
    s.append('\n')
        .append("Retention by ")
        .append(r.kind())
        .append(" (Wilson 95%; Kaplan-Meier median days to ")
        .append(contracts ? "contract end" : "the next order")
        .append(", Greenwood log 95%)\n");
    s.append(
        String.format(
            Locale.ROOT,
            "%-16s %9s %9s %8s %17s %8s %17s%n",
            "segment",
            "n",
            "retained",
            "rate",
            "95% CI",
            "median",
            "95% CI"));
    for (Row row : r.segmentRows()) {
      s.append(
          String.format(
              Locale.ROOT,
              "%-16s %9d %9d %8s %17s %8s %17s%n",
              row.getString(segment(RetentionTables.SEGMENT)),
              row.getLong(segment(RetentionTables.N)),
              row.getLong(segment(RetentionTables.RETAINED)),
              num(row.get(segment(RetentionTables.RETENTION_RATE)), "%.3f"),
              interval(
                  row.get(segment(RetentionTables.LOWER95)),
                  row.get(segment(RetentionTables.UPPER95)),
                  "%.3f"),
              num(row.get(segment(RetentionTables.KM_MEDIAN_DAYS)), "%.0f"),
              interval(
                  row.get(segment(RetentionTables.KM_MEDIAN_LOWER95)),
                  row.get(segment(RetentionTables.KM_MEDIAN_UPPER95)),
                  "%.0f")));
    }
  }

  void cox(CoxFit fit, long subjects, long rows) {
    s.append('\n')
        .append("Cox proportional hazards, time-varying (counting process), model ")
        .append(COX)
        .append('\n');
    s.append("  event            = ")
        .append(contracts ? "contract end (closed_at)" : "lapse: H days without a completed order")
        .append("; time scale: calendar days since the window start\n");
    s.append("  customers        = ").append(subjects).append('\n');
    s.append(
        String.format(
            Locale.ROOT,
            "  compressed rows  = %d (%.0f person-periods, %.1fx)%n",
            rows,
            fit.n(),
            fit.n() / rows));
    s.append(fit.summaryText());
    s.append("  (exp(coef) is the hazard ratio of churn per unit: below 1 means fewer churn)\n");
  }

  void dropout(DynamicBgNbd.Fit fit, long population) {
    s.append('\n')
        .append("BG/NBD with dropout covariates at each purchase (latent attrition), model ")
        .append(rapport.schema.RetentionTables.DROPOUT_DYNAMIC)
        .append('\n');
    s.append(
        "  estimand         = the hazard ratio of leaving after a purchase per touch in the 90"
            + " days before it; no recency, frequency or spend adjustment (they are mediators);"
            + " confounder: the first order's channel\n");
    s.append("  customers        = ")
        .append(fit.customers())
        .append(" of ")
        .append(population)
        .append(" with a completed order (a deterministic sample when more)\n");
    s.append(fit.summaryText());
    s.append(
        "  (exp(coef) is the hazard ratio of leaving per touch: below 1 means fewer leave;"
            + " observational)\n");
  }

  void continuousDropout(ContinuousDropout.Fit fit, long population) {
    s.append('\n')
        .append("Continuous-time dropout model (latent attrition, touches in time), model ")
        .append(RetentionTables.DROPOUT_CONTINUOUS)
        .append('\n');
    s.append(
        "  estimand         = the hazard ratio of leaving at any moment per touch in the 90 days"
            + " before it, read where she is known alive (to the end of her last purchase day),"
            + " her alive path drawn after it; no recency, frequency or spend adjustment (they are"
            + " mediators); confounder: the first order's channel\n");
    s.append("  customers        = ")
        .append(fit.customers())
        .append(" of ")
        .append(population)
        .append(" with a completed order (the sample of ")
        .append(RetentionTables.DROPOUT_DYNAMIC)
        .append(")\n");
    s.append(fit.summaryText());
    s.append(
        "  (exp(coef) is the hazard ratio of leaving per touch: below 1 means fewer leave;"
            + " observational)\n");
  }

  void backtest(Backtest.Result r) {
    s.append('\n')
        .append("Logistic retention model, out-of-time backtest, model ")
        .append(Backtest.MODEL)
        .append('\n');
    s.append("  fitted on        = ").append(r.trainN()).append(" customers (labels at T - 2H)\n");
    s.append("  evaluated on     = ").append(r.testN()).append(" customers (labels at T - H)\n");
    s.append(r.fit().summaryText());
    s.append(
        String.format(
            Locale.ROOT,
            "  AUC = %.3f   Brier = %.4f   top-decile lift = %.2f   observed retention = %.3f%n",
            r.auc(),
            r.brier(),
            r.topDecileLift(),
            r.observedRate()));
    s.append("  calibration (bin, n, mean predicted, observed [Wilson 95%]):\n");
    var cal = r.calibration();
    for (int i = 0; i < cal.rowCount(); i++) {
      s.append(
          String.format(
              Locale.ROOT,
              "    %2d %9d %8.3f %8.3f [%.3f, %.3f]%n",
              cal.intColumn("bin").get(i),
              cal.intColumn("n").get(i),
              cal.doubleColumn("mean_predicted").get(i),
              cal.doubleColumn("observed").get(i),
              cal.doubleColumn("observed_lower95").get(i),
              cal.doubleColumn("observed_upper95").get(i)));
    }
  }

  void customerValue(CustomerValue.Result r) {
    s.append('\n');
    s.append(r.bgnbd().summaryText());
    s.append("          source = ").append(r.source()).append('\n');
    if (r.bgnbdStatus().usable()) {
      s.append(
          String.format(
              Locale.ROOT,
              "  mean P(alive) = %.3f   mean expected purchases over the horizon = %.3f%n",
              r.meanProbabilityAlive(),
              r.meanExpectedPurchases()));
    } else {
      s.append("  ").append(r.bgnbdStatus().describe()).append('\n');
    }
    if (r.gammaGamma() != null) {
      s.append('\n').append(r.gammaGamma().summaryText());
      s.append(
          String.format(
              Locale.ROOT,
              "  mean expected spend per purchase of the repeat buyers = %.2f%n",
              r.meanExpectedSpend()));
    }
  }

  String text() {
    StringBuilder out = new StringBuilder(s);
    if (!notes.isEmpty()) {
      out.append('\n').append("Notes\n");
      notes.forEach(n -> out.append("  - ").append(n).append('\n'));
    }
    return out.toString();
  }

  /** Where a column of {@code tables/retention_segments} sits in a row {@link Segments} built. */
  private static int segment(String column) {
    return RetentionTables.SEGMENTS_SCHEMA.fieldIndex(column);
  }

  private static String num(Object v, String format) {
    return v == null ? "-" : String.format(Locale.ROOT, format, (Double) v);
  }

  private static String interval(Object lo, Object hi, String format) {
    return "[" + num(lo, format) + ", " + num(hi, format) + "]";
  }

  static String hazardRatio(Estimate e) {
    return String.format(
        Locale.ROOT, "%.3f (%.3f-%.3f)", e.ratio(), e.ratioLower95(), e.ratioUpper95());
  }
}
