package rapport.outreach;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import rapport.errors.RapportException;
import rapport.schema.RetentionTables;
import rapport.schema.Rows;
import rapport.schema.Scores;

/**
 * The estimated effect of one personal touch on the hazard of leaving: the hazard ratio HR of one
 * more personal touch in the trailing 90 days, from the retention stage's time-varying Cox model
 * ({@code model = cox_time_varying, term = personal_touches_90d}; the table stores the hazard ratio
 * itself with its interval, see {@link RetentionTables#MODEL_SCHEMA}), or the configured
 * conservative default when that row is missing.
 *
 * <p>Under proportional hazards a customer whose retention probability over the horizon is S keeps
 * the customer with probability S^HR after the touch, so one touch keeps {@code S^HR − S} of the
 * expected value; {@link #keptShare} is that, as a share of the churn risk 1 − S. For a small risk
 * it is close to 1 − HR; for a customer almost surely lost (S → 0) or almost surely kept (S → 1) it
 * goes to 0, which is why ranking by effect differs from ranking by risk (Ascarza 2018, "Retention
 * futility: targeting high-risk customers might be ineffective", JMR 55(1)).
 *
 * @param hazardRatio HR of one personal touch
 * @param lower95 lower 95% limit of HR, when estimated
 * @param upper95 upper 95% limit of HR, when estimated
 * @param n the number of subjects the model was fitted on, when known
 * @param source {@code cox_time_varying} or {@code config_default}
 */
public record TouchEffect(
    double hazardRatio, Double lower95, Double upper95, Long n, String source) {
  public static final String MODEL = "cox_time_varying";
  public static final String TERM = Scores.PERSONAL_TOUCHES_90D;
  public static final String DEFAULT = "config_default";

  /** The effect from {@code tables/retention_model} when it holds the row, else the default. */
  public static TouchEffect from(Optional<Dataset<Row>> model, double defaultHazardRatio) {
    if (model.isEmpty()) {
      return byDefault(defaultHazardRatio);
    }
    List<Row> rows =
        model
            .get()
            .filter(
                col(RetentionTables.FITTED_MODEL)
                    .equalTo(MODEL)
                    .and(col(RetentionTables.TERM).equalTo(TERM)))
            .select(
                RetentionTables.ESTIMATE,
                RetentionTables.LOWER95,
                RetentionTables.UPPER95,
                RetentionTables.N)
            .collectAsList();
    if (rows.size() > 1) {
      throw RapportException.input(
          "tables/%s has %d rows for model %s, term %s; expected one: rerun ./rapport retention",
          RetentionTables.MODEL, rows.size(), MODEL, TERM);
    }
    Double estimate =
        rows.isEmpty() ? null : Rows.optionalNumber(rows.get(0), RetentionTables.ESTIMATE);
    if (estimate == null || !Double.isFinite(estimate)) {
      return byDefault(defaultHazardRatio);
    }
    Row r = rows.get(0);
    return new TouchEffect(
        estimate,
        Rows.optionalNumber(r, RetentionTables.LOWER95),
        Rows.optionalNumber(r, RetentionTables.UPPER95),
        Rows.optionalLong(r, RetentionTables.N),
        MODEL);
  }

  public static TouchEffect byDefault(double hazardRatio) {
    return new TouchEffect(hazardRatio, null, null, null, DEFAULT);
  }

  /** {@code S^HR − S}: the probability of keeping the customer that one touch adds. */
  public double keptProbability(double s) {
    double p = clamp(s);
    return Math.max(0, Math.pow(p, hazardRatio) - p);
  }

  /** {@code (S^HR − S) / (1 − S)}: the share of the churn risk one touch removes (0 when S = 1). */
  public double keptShare(double s) {
    double p = clamp(s);
    return p >= 1 ? 0 : keptProbability(p) / (1 - p);
  }

  /** Whether the model says a personal touch does not lower the hazard at all. */
  public boolean isNoBenefit() {
    return !(hazardRatio < 1);
  }

  /** What the outreach manifest and the run say about where the effect came from. */
  public String describe() {
    return source.equals(MODEL)
        ? String.format(
            java.util.Locale.ROOT,
            "hazard ratio %.3f per personal touch in 90 days (%s, 95%% CI %s to %s)",
            hazardRatio,
            MODEL,
            lower95 == null ? "n/a" : String.format(java.util.Locale.ROOT, "%.3f", lower95),
            upper95 == null ? "n/a" : String.format(java.util.Locale.ROOT, "%.3f", upper95))
        : String.format(
            java.util.Locale.ROOT,
            "hazard ratio %.3f per personal touch: the configured default"
                + " (outreach.default_hazard_ratio), since tables/%s has no %s row for %s",
            hazardRatio,
            RetentionTables.MODEL,
            MODEL,
            TERM);
  }

  private static double clamp(double s) {
    return Double.isNaN(s) ? 0 : Math.min(1, Math.max(0, s));
  }
}
