package rapport.schema;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The tables of the retention stage. */
public final class RetentionTables {
  private RetentionTables() {}

  public static final String MODEL = "retention_model";
  public static final String SEGMENTS = "retention_segments";
  public static final String CURVES = "retention_curves";

  // the columns of the three tables (lower95, upper95 and n are in more than one)
  public static final String FITTED_MODEL = "model";
  public static final String TERM = "term";
  public static final String ESTIMATE = "estimate";
  public static final String STD_ERROR = "std_error";
  public static final String LOWER95 = "lower95";
  public static final String UPPER95 = "upper95";
  public static final String P = "p";
  public static final String N = "n";
  public static final String SEGMENT_KIND = "segment_kind";
  public static final String SEGMENT = "segment";
  public static final String RETAINED = "retained";
  public static final String RETENTION_RATE = "retention_rate";
  public static final String KM_MEDIAN_DAYS = "km_median_days";
  public static final String KM_MEDIAN_LOWER95 = "km_median_lower95";
  public static final String KM_MEDIAN_UPPER95 = "km_median_upper95";
  public static final String TIME_DAYS = "time_days";
  public static final String SURVIVAL = "survival";
  public static final String AT_RISK = "at_risk";

  /**
   * The purchase businesses' dropout model in {@code tables/retention_model}: the BG/NBD whose
   * dropout chance at each purchase follows the touches before it, one hazard-ratio row per term.
   */
  public static final String DROPOUT_DYNAMIC = "dropout_dynamic";

  /**
   * The purchase businesses' continuous-time dropout model in {@code tables/retention_model}: the
   * dropout hazard follows the touches of the trailing 90 days at every moment she is known alive,
   * her alive path drawn after her last purchase; one hazard-ratio row per term. The report quotes
   * it when its fit is usable, else {@link #DROPOUT_DYNAMIC}.
   */
  public static final String DROPOUT_CONTINUOUS = "dropout_continuous";

  /** Outreach-automated touches in the 90 days before a purchase. */
  public static final String OUTREACH_AUTOMATED_TOUCHES_90D = "outreach_automated_touches_90d";

  /**
   * {@code tables/retention_model}: one row per estimate of every fitted model. Cox and logistic
   * coefficients are stored as ratios (hazard ratio, odds ratio) with their 95% interval on the
   * same scale; std_error is the coefficient's, on the log scale.
   */
  public static final StructType MODEL_SCHEMA =
      new StructType()
          // cox_time_varying, cox_baseline, logistic_backtest, bgnbd, gamma_gamma, ...
          .add(FITTED_MODEL, DataTypes.StringType, false)
          // a covariate, a parameter (r, alpha, ...) or a quality metric (auc, brier,
          // lift_top_decile)
          .add(TERM, DataTypes.StringType, false)
          .add(ESTIMATE, DataTypes.DoubleType, true)
          .add(STD_ERROR, DataTypes.DoubleType, true)
          .add(LOWER95, DataTypes.DoubleType, true)
          .add(UPPER95, DataTypes.DoubleType, true)
          .add(P, DataTypes.DoubleType, true)
          .add(N, DataTypes.LongType, true);

  /** {@code tables/retention_segments}: retention over (T, T+H] by segment, with Wilson 95%. */
  public static final StructType SEGMENTS_SCHEMA =
      new StructType()
          // touch_mix | personal_index_band
          .add(SEGMENT_KIND, DataTypes.StringType, false)
          // none, automated_only, personal_only, both; or an index band
          .add(SEGMENT, DataTypes.StringType, false)
          .add(N, DataTypes.LongType, false)
          .add(RETAINED, DataTypes.LongType, false)
          .add(RETENTION_RATE, DataTypes.DoubleType, true)
          .add(LOWER95, DataTypes.DoubleType, true)
          .add(UPPER95, DataTypes.DoubleType, true)
          .add(KM_MEDIAN_DAYS, DataTypes.DoubleType, true)
          .add(KM_MEDIAN_LOWER95, DataTypes.DoubleType, true)
          .add(KM_MEDIAN_UPPER95, DataTypes.DoubleType, true);

  /** {@code tables/retention_curves}: Kaplan–Meier curves by segment. */
  public static final StructType CURVES_SCHEMA =
      new StructType()
          .add(SEGMENT_KIND, DataTypes.StringType, false)
          .add(SEGMENT, DataTypes.StringType, false)
          .add(TIME_DAYS, DataTypes.DoubleType, false)
          .add(SURVIVAL, DataTypes.DoubleType, false)
          .add(LOWER95, DataTypes.DoubleType, true)
          .add(UPPER95, DataTypes.DoubleType, true)
          .add(AT_RISK, DataTypes.LongType, false);
}
