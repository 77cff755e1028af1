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
}
