package rapport.scores;

import java.util.List;
import rapport.config.ConfigNode;
import rapport.schema.Columns;
import rapport.stats.BgNbd;

/**
 * The {@code scores:} section of {@code rapport.yaml}: the windows of the features and the
 * thresholds of the flags. The defaults work without tuning.
 *
 * @param replyWindowDays an inbound touch within this many days after an outbound one answers it
 *     (reciprocity)
 * @param microconnectionMinutes an in-person personal touch this close to an order is a
 *     microconnection
 * @param maskedLapseDays personal contact has lapsed when the last personal touch is older than
 *     this (or there was none)
 * @param maskedAutomated90d the customer "looks engaged" with at least this many automated touches
 *     in the last 90 days
 * @param dependencyShare the relationship hangs on one person when that rep wrote at least this
 *     share of the personal touches
 * @param dependencyMinTouches ... and at least this many of them (fewer is no relationship yet)
 * @param repStoppedDays the main rep's personal touches stopped when the last is older than this
 * @param sampleCap at most about this many customers (a deterministic hash sample) reach the driver
 *     to fit the retention model and Gamma-Gamma
 * @param minTrainingRows the retention model needs at least this many labelled customers at T−H
 * @param penalizerCoef BG/NBD's and Gamma-Gamma's penalizer λ (lifetimes' {@code penalizer_coef}),
 *     used when the plain maximum-likelihood fit is degenerate; 0 never penalises
 * @param valueGroups the orders' column whose values are business lines (location_id or category):
 *     Gamma-Gamma is fitted per line when one population does not fit; null: never
 */
public record ScoreSettings(
    int replyWindowDays,
    int microconnectionMinutes,
    int maskedLapseDays,
    int maskedAutomated90d,
    double dependencyShare,
    int dependencyMinTouches,
    int repStoppedDays,
    int sampleCap,
    int minTrainingRows,
    double penalizerCoef,
    String valueGroups) {

  public static final String SECTION = "scores";

  public static ScoreSettings defaults() {
    return new ScoreSettings(
        7, 10, 180, 3, 0.8, 3, 270, 200_000, 100, BgNbd.DEFAULT_PENALIZER, Columns.LOCATION_ID);
  }

  public static ScoreSettings read(ConfigNode n) {
    ScoreSettings d = defaults();
    ScoreSettings s =
        new ScoreSettings(
            (int) n.integer("reply_window_days", d.replyWindowDays, 1, 365),
            (int) n.integer("microconnection_minutes", d.microconnectionMinutes, 1, 1440),
            (int) n.integer("masked_lapse_days", d.maskedLapseDays, 1, 3650),
            (int) n.integer("masked_automated_90d", d.maskedAutomated90d, 1, 10_000),
            n.number("dependency_share", d.dependencyShare, 0.0, 1.0),
            (int) n.integer("dependency_min_touches", d.dependencyMinTouches, 1, 10_000),
            (int) n.integer("rep_stopped_days", d.repStoppedDays, 1, 3650),
            (int) n.integer("sample_cap", d.sampleCap, 1_000, 10_000_000),
            (int) n.integer("min_training_rows", d.minTrainingRows, 10, 10_000_000),
            n.number("penalizer_coef", d.penalizerCoef, 0.0, 10.0),
            noneAsNull(
                n.oneOf(
                    "value_groups",
                    List.of(Columns.LOCATION_ID, Columns.CATEGORY, "none"),
                    d.valueGroups)));
    n.finish();
    return s;
  }

  private static String noneAsNull(String v) {
    return "none".equals(v) ? null : v;
  }
}
