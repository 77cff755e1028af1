package rapport.schema;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The tables of the retention stage. */
public final class RetentionTables {
  private RetentionTables() {}

  public static final String MODEL = "retention_model";
  public static final String SEGMENTS = "retention_segments";
  public static final String CURVES = "retention_curves";

  /**
   * The purchase businesses' dropout model in {@code tables/retention_model}: the BG/NBD whose
   * dropout chance at each purchase follows the touches before it, one hazard-ratio row per term.
   */
  public static final String DROPOUT_DYNAMIC = "dropout_dynamic";

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
          .add("model", DataTypes.StringType, false)
          // a covariate, a parameter (r, alpha, ...) or a quality metric (auc, brier,
          // lift_top_decile)
          .add("term", DataTypes.StringType, false)
          .add("estimate", DataTypes.DoubleType, true)
          .add("std_error", DataTypes.DoubleType, true)
          .add("lower95", DataTypes.DoubleType, true)
          .add("upper95", DataTypes.DoubleType, true)
          .add("p", DataTypes.DoubleType, true)
          .add("n", DataTypes.LongType, true);

  /** {@code tables/retention_segments}: retention over (T, T+H] by segment, with Wilson 95%. */
  public static final StructType SEGMENTS_SCHEMA =
      new StructType()
          // touch_mix | personal_index_band
          .add("segment_kind", DataTypes.StringType, false)
          // none, automated_only, personal_only, both; or an index band
          .add("segment", DataTypes.StringType, false)
          .add("n", DataTypes.LongType, false)
          .add("retained", DataTypes.LongType, false)
          .add("retention_rate", DataTypes.DoubleType, true)
          .add("lower95", DataTypes.DoubleType, true)
          .add("upper95", DataTypes.DoubleType, true)
          .add("km_median_days", DataTypes.DoubleType, true)
          .add("km_median_lower95", DataTypes.DoubleType, true)
          .add("km_median_upper95", DataTypes.DoubleType, true);

  /** {@code tables/retention_curves}: Kaplan–Meier curves by segment. */
  public static final StructType CURVES_SCHEMA =
      new StructType()
          .add("segment_kind", DataTypes.StringType, false)
          .add("segment", DataTypes.StringType, false)
          .add("time_days", DataTypes.DoubleType, false)
          .add("survival", DataTypes.DoubleType, false)
          .add("lower95", DataTypes.DoubleType, true)
          .add("upper95", DataTypes.DoubleType, true)
          .add("at_risk", DataTypes.LongType, false);
}
