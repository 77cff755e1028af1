package rapport.schema;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code tables/outreach}: this week's candidates of every rep as of T (SPEC §6.4), the rows sent
 * to reps ({@code is_holdout} false, ranked) and the random holdout ({@code is_holdout} true,
 * unranked), so that {@code rapport measure} can compare the two later.
 */
public final class Outreach {
  private Outreach() {}

  public static final String TABLE = "outreach";

  public static final String RANK = "rank";
  public static final String REP_ID = Columns.REP_ID;
  public static final String IS_HANDOFF = "is_handoff";
  public static final String IS_HOLDOUT = "is_holdout";
  public static final String PRIORITY = "priority";
  public static final String EXPECTED_VALUE_AT_RISK = "expected_value_at_risk";
  public static final String TOUCH_EFFECT = "touch_effect";
  public static final String OCCASION = "occasion";
  public static final String TALKING_POINTS = "talking_points";
  public static final String DUE_DATE = "due_date";

  public static final StructType SCHEMA =
      new StructType()
          .add(Columns.AS_OF, DataTypes.DateType, false)
          // 1..n over the rows sent to reps, by priority; null for the holdout
          .add(RANK, DataTypes.IntegerType, true)
          .add(Columns.CUSTOMER_ID, DataTypes.StringType, false)
          // the rep who makes the touch: the owner, or the successor of a departed owner
          .add(REP_ID, DataTypes.StringType, false)
          .add(Columns.OWNER_REP_ID, DataTypes.StringType, true)
          .add(IS_HANDOFF, DataTypes.BooleanType, false)
          .add(IS_HOLDOUT, DataTypes.BooleanType, false)
          // expected value kept by one personal touch: expected_value · (S^HR − S)
          .add(PRIORITY, DataTypes.DoubleType, false)
          // (1 − S) · expected_value
          .add(EXPECTED_VALUE_AT_RISK, DataTypes.DoubleType, false)
          // the share of the churn risk one personal touch removes: (S^HR − S) / (1 − S)
          .add(TOUCH_EFFECT, DataTypes.DoubleType, false)
          .add(Scores.RETENTION_PROBABILITY, DataTypes.DoubleType, false)
          .add(Scores.EXPECTED_VALUE, DataTypes.DoubleType, false)
          .add(Scores.RELATIONSHIP_SCORE, DataTypes.DoubleType, true)
          // the scores' reason codes, plus HANDOFF when the customer changes rep
          .add(Scores.REASON_CODES, DataTypes.createArrayType(DataTypes.StringType, false), false)
          // e.g. "open concern: safety recall (2026-05-19); household birthday 2026-07-03"
          .add(OCCASION, DataTypes.StringType, true)
          // topics from a fixed vocabulary found in the customer's own personal notes
          .add(TALKING_POINTS, DataTypes.StringType, true)
          .add(DUE_DATE, DataTypes.DateType, false);
}
