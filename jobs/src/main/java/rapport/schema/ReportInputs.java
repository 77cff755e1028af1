package rapport.schema;

/**
 * What the report reads that no table's registry entry names: the holdout file (written by the
 * outreach stage), the backtest calibration rows and the model names, terms and segments of the
 * retention tables it quotes ({@link RetentionTables} has their columns, {@link Outreach} the
 * outreach table's). The report reads each only when it exists and says in its text which were not
 * available.
 */
public final class ReportInputs {
  private ReportInputs() {}

  public static final String HOLDOUT_FILE = "outreach/holdout.csv";

  /**
   * The backtest calibration table is kept in {@code tables/retention_model} under the logistic
   * model, two rows per bin: {@code calibration_bin_NN_predicted} (estimate = mean prediction, n)
   * and {@code calibration_bin_NN_observed} (estimate = observed rate, Wilson lower95/upper95).
   */
  public static final String CALIBRATION_BIN_PREFIX = "calibration_bin_";

  public static final String PREDICTED_SUFFIX = "_predicted";
  public static final String OBSERVED_SUFFIX = "_observed";

  /** Model names and terms of {@code tables/retention_model} that the report quotes. */
  public static final String COX_TIME_VARYING = "cox_time_varying";

  public static final String COX_BASELINE = "cox_baseline";
  public static final String LOGISTIC_BACKTEST = "logistic_backtest";
  public static final String AUC = "auc";
  public static final String BRIER = "brier";
  public static final String LIFT_TOP_DECILE = "lift_top_decile";

  /** Segment kinds and touch-mix segments of {@code tables/retention_segments}. */
  public static final String TOUCH_MIX = "touch_mix";

  public static final String PERSONAL_INDEX_BAND = "personal_index_band";
  public static final String MIX_NONE = "none";
  public static final String MIX_AUTOMATED_ONLY = "automated_only";
  public static final String MIX_PERSONAL_ONLY = "personal_only";
  public static final String MIX_BOTH = "both";
}
