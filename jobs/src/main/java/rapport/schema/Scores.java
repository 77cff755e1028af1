package rapport.schema;

/**
 * {@code tables/relationship_scores}: one row per customer as of T (SPEC §6.2). The column names
 * every consumer (outreach, report, notebooks) relies on.
 */
public final class Scores {
  private Scores() {}

  public static final String TABLE = "relationship_scores";
  public static final String HOUSEHOLDS_TABLE = "household_scores";

  public static final String PERSONAL_INDEX = "personal_index";
  public static final String AUTOMATED_INDEX = "automated_index";
  public static final String RELATIONSHIP_SCORE = "relationship_score";
  public static final String RETENTION_PROBABILITY = "retention_probability";
  public static final String P_ALIVE = "p_alive";
  public static final String EXPECTED_VALUE = "expected_value";
  public static final String REASON_CODES = "reason_codes";
  public static final String REASON_EVIDENCE = "reason_evidence";
  public static final String IS_MASKED = "is_masked";
  public static final String HAS_REP_DEPENDENCY = "has_rep_dependency";

  /**
   * Which model gave the customer's retention_probability: the first usable one of {@link
   * #MODEL_FULL}, {@link #MODEL_RFM}, {@link #MODEL_PURCHASE}, {@link #MODEL_EMPIRICAL}.
   */
  public static final String SCORE_MODEL = "score_model";

  /** The logistic model on every feature, fitted on the backtest. */
  public static final String MODEL_FULL = "full_model";

  /** The logistic model on recency, frequency and monetary value only. */
  public static final String MODEL_RFM = "rfm_baseline";

  /** BG/NBD alone: P(alive) × P(a purchase within the horizon | alive). */
  public static final String MODEL_PURCHASE = "purchase_model";

  /** The retained share of the backtest customers with as many purchase days (smoothed). */
  public static final String MODEL_EMPIRICAL = "empirical";

  /** BG/NBD's expected number of purchase days over the horizon. */
  public static final String EXPECTED_PURCHASES = "expected_purchases";

  /** Whether the main rep is active in reps; null without reps or without a main rep. */
  public static final String MAIN_REP_ACTIVE = "main_rep_active";

  // tables/household_scores: one row per household (a customer without household_id is one)
  public static final String MEMBERS = "members";
  public static final String MEMBERS_PERSONALLY_TOUCHED_365D = "members_personally_touched_365d";
  public static final String PERSONAL_INDEX_MAX = "personal_index_max";
  public static final String AUTOMATED_INDEX_MAX = "automated_index_max";
  public static final String RELATIONSHIP_SCORE_MEAN = "relationship_score_mean";
  public static final String RELATIONSHIP_SCORE_MIN = "relationship_score_min";
  public static final String RETENTION_PROBABILITY_MEAN = "retention_probability_mean";
  public static final String EXPECTED_VALUE_SUM = "expected_value_sum";
  public static final String MASKED_MEMBERS = "masked_members";
  public static final String REP_DEPENDENT_MEMBERS = "rep_dependent_members";

  // point-in-time features, strictly before T
  public static final String PERSONAL_TOUCHES_90D = "personal_touches_90d";
  public static final String PERSONAL_TOUCHES_365D = "personal_touches_365d";
  public static final String AUTOMATED_TOUCHES_90D = "automated_touches_90d";
  public static final String AUTOMATED_TOUCHES_365D = "automated_touches_365d";
  public static final String DAYS_SINCE_PERSONAL_TOUCH = "days_since_personal_touch";
  public static final String RECENCY_DAYS = "recency_days";
  public static final String FREQUENCY_365D = "frequency_365d";
  public static final String MONETARY_365D = "monetary_365d";
  public static final String TENURE_DAYS = "tenure_days";

  // further features the scores stage computes (all strictly before the cut-off)
  public static final String INBOUND_TOUCHES_365D = "inbound_touches_365d";

  /** Automated touches after the last personal one (all of them when there was none). */
  public static final String AUTOMATED_SINCE_PERSONAL = "automated_since_personal";

  /** Outbound touches in 365 days, and those the customer answered within the reply window. */
  public static final String OUTBOUND_TOUCHES_365D = "outbound_touches_365d";

  public static final String ANSWERED_TOUCHES_365D = "answered_touches_365d";

  /** answered / outbound over 365 days; null without outbound touches. */
  public static final String RECIPROCITY_365D = "reciprocity_365d";

  /** The rep who wrote the most personal touches, ever (ties: the most recent, then the id). */
  public static final String MAIN_REP_ID = "main_rep_id";

  /** That rep's share of the rep-written personal touches, ever; null without any. */
  public static final String MAIN_REP_SHARE = "main_rep_share";

  /** Rep-written personal touches, ever. */
  public static final String REP_PERSONAL_TOUCHES = "rep_personal_touches";

  /** The number of 365-day years back from the cut-off with a personal touch by the main rep. */
  public static final String MAIN_REP_YEARS = "main_rep_years";

  /** Days since the main rep's last personal touch. */
  public static final String DAYS_SINCE_MAIN_REP_TOUCH = "days_since_main_rep_touch";

  public static final String HOUSEHOLD_SIZE = "household_size";

  /** Share of the household's members (the customer included) personally touched in 365 days. */
  public static final String HOUSEHOLD_REACH_365D = "household_reach_365d";

  /** Means over the personal touches of 365 days; null without any. */
  public static final String PERSONAL_SCORE_MEAN_365D = "personal_score_mean_365d";

  public static final String PERSONAL_REASONS_MEAN_365D = "personal_reasons_mean_365d";
  public static final String NOTE_CHARS_MEAN_365D = "note_chars_mean_365d";

  /** In-person personal touches within minutes of an order, 365 days. */
  public static final String MICROCONNECTIONS_365D = "microconnections_365d";

  /** Distinct purchase days ever, and the ages (days before the cut-off) of the first. */
  public static final String PURCHASE_DAYS = "purchase_days";

  public static final String FIRST_PURCHASE_DAYS = "first_purchase_days";

  /** Mean value of the purchase days after the first (Gamma-Gamma's m_x); null when none. */
  public static final String REPEAT_MEAN_VALUE = "repeat_mean_value";
}
