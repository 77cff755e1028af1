package rapport.schema;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** {@code tables/touches}: every interaction with its class, written by the classify stage. */
public final class Touches {
  private Touches() {}

  public static final String TABLE = "touches";

  public static final String TOUCH_KIND = "touch_kind";
  public static final String PERSONAL_SCORE = "personal_score";
  public static final String TEMPLATE_ID = "template_id";
  public static final String TEMPLATE_FANOUT = "template_fanout";
  public static final String REASONS = "reasons";

  public static final String AUTOMATED = "automated";
  public static final String PERSONAL = "personal";
  public static final String INBOUND = "inbound";

  /**
   * Why an automated touch was sent: {@link #TRANSACTIONAL} (caused by an order or an inbound
   * request: receipts, confirmations, auto-replies, reminders of a booked visit) or {@link
   * #OUTREACH} (campaigns, rule-triggered sends, sequences); null for personal and inbound touches.
   * Only outreach is an exposure in the retention estimates.
   */
  public static final String AUTOMATED_KIND = "automated_kind";

  public static final String TRANSACTIONAL = "transactional";
  public static final String OUTREACH = "outreach";

  public static final StructType SCHEMA =
      new StructType()
          .add(Columns.INTERACTION_ID, DataTypes.StringType, false)
          .add(Columns.CUSTOMER_ID, DataTypes.StringType, false)
          .add(Columns.OCCURRED_AT, DataTypes.TimestampType, false)
          .add(Columns.CHANNEL, DataTypes.StringType, false)
          .add(Columns.DIRECTION, DataTypes.StringType, false)
          .add(Columns.AUTHOR_TYPE, DataTypes.StringType, true)
          .add(Columns.AUTHOR_ID, DataTypes.StringType, true)
          // automated | personal | inbound
          .add(TOUCH_KIND, DataTypes.StringType, false)
          // in [0, 1]: how sure we are that a person engaged with this customer
          .add(PERSONAL_SCORE, DataTypes.DoubleType, false)
          // the template this message was rendered from, null when it was written for one customer
          .add(TEMPLATE_ID, DataTypes.StringType, true)
          // how many customers received the template (0 without one)
          .add(TEMPLATE_FANOUT, DataTypes.LongType, false)
          // short reason codes, e.g. TEMPLATE_FANOUT_412, MENTIONS_HOUSEHOLD, ANSWERED_CALL_6MIN
          .add(REASONS, DataTypes.createArrayType(DataTypes.StringType, false), false)
          // transactional | outreach for automated touches; null for personal and inbound ones
          .add(AUTOMATED_KIND, DataTypes.StringType, true);

  /** The table's columns in {@link #SCHEMA}'s order: the classify stage's output {@code select}. */
  public static Column[] columns() {
    return Arrays.stream(SCHEMA.fieldNames()).map(functions::col).toArray(Column[]::new);
  }

  /** Some of {@link #SCHEMA}'s fields, typed as there, in the order given. */
  public static StructType fields(String... names) {
    return new StructType(Arrays.stream(names).map(SCHEMA::apply).toArray(StructField[]::new));
  }
}
