package rapport.retention;

import java.util.List;
import rapport.config.ConfigNode;
import rapport.stats.CoxPH;
import rapport.stats.Rfm;

/**
 * The {@code retention:} section of rapport.yaml. Every knob has a default that works untuned.
 *
 * @param touchMixDays the days before the cut-off whose touches decide the touch mix (180)
 * @param coxWindowDays the days before T in which the Cox model follows customers (1095); their
 *     windowed covariates look back up to 365 days further
 * @param coxRefreshDays how often the Cox model refreshes RFM and tenure (90)
 * @param ties how the Cox model handles tied churn days (efron)
 * @param bgnbdTimeUnit the unit of t_x and T in BG/NBD (week, as in the literature)
 * @param calibrationBins bins of the logistic backtest's calibration table (10)
 */
public record RetentionSettings(
    int touchMixDays,
    int coxWindowDays,
    int coxRefreshDays,
    CoxPH.Ties ties,
    Rfm.TimeUnit bgnbdTimeUnit,
    int calibrationBins) {

  public static final String SECTION = "retention";

  public static final RetentionSettings DEFAULTS =
      new RetentionSettings(180, 1095, 90, CoxPH.Ties.EFRON, Rfm.TimeUnit.WEEK, 10);

  public static RetentionSettings read(ConfigNode n) {
    RetentionSettings d = DEFAULTS;
    RetentionSettings s =
        new RetentionSettings(
            (int) n.integer("touch_mix_days", d.touchMixDays(), 1, 3650),
            (int) n.integer("cox_window_days", d.coxWindowDays(), 30, 36500),
            (int) n.integer("cox_covariate_refresh_days", d.coxRefreshDays(), 1, 3650),
            CoxPH.Ties.valueOf(
                n.oneOf("cox_ties", List.of("efron", "breslow"), "efron").toUpperCase()),
            Rfm.TimeUnit.valueOf(
                n.oneOf("bgnbd_time_unit", List.of("week", "day"), "week").toUpperCase()),
            (int) n.integer("calibration_bins", d.calibrationBins(), 2, 100));
    n.finish();
    return s;
  }
}
