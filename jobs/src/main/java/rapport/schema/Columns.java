package rapport.schema;

/** Column names shared across tables, so that a rename happens in one place. */
public final class Columns {
  private Columns() {}

  public static final String AS_OF = "as_of";
  public static final String CUSTOMER_ID = "customer_id";
  public static final String HOUSEHOLD_ID = "household_id";
  public static final String FIRST_NAME = "first_name";
  public static final String LAST_NAME = "last_name";
  public static final String EMAIL = "email";
  public static final String PHONE = "phone";
  public static final String BIRTH_DATE = "birth_date";
  public static final String CITY = "city";
  public static final String REGION = "region";
  public static final String COUNTRY = "country";
  public static final String CUSTOMER_SINCE = "customer_since";
  public static final String OWNER_REP_ID = "owner_rep_id";
  public static final String DO_NOT_CONTACT = "do_not_contact";
  public static final String CLOSED_AT = "closed_at";

  public static final String REP_ID = "rep_id";
  public static final String NAME = "name";
  public static final String TEAM = "team";
  public static final String ACTIVE = "active";
  public static final String WEEKLY_CAPACITY = "weekly_capacity";

  public static final String ORDER_ID = "order_id";
  public static final String ORDERED_AT = "ordered_at";
  public static final String AMOUNT = "amount";
  public static final String CURRENCY = "currency";
  public static final String CHANNEL = "channel";
  public static final String STATUS = "status";
  public static final String LOCATION_ID = "location_id";
  public static final String CATEGORY = "category";

  public static final String INTERACTION_ID = "interaction_id";
  public static final String OCCURRED_AT = "occurred_at";
  public static final String DIRECTION = "direction";
  public static final String AUTHOR_TYPE = "author_type";
  public static final String AUTHOR_ID = "author_id";
  public static final String CAMPAIGN_ID = "campaign_id";
  public static final String SUBJECT = "subject";
  public static final String BODY = "body";
  public static final String DURATION_SECONDS = "duration_seconds";
  public static final String OUTCOME = "outcome";

  /** Lineage columns carried from ingestion to the quarantine. */
  public static final String SOURCE_FILE = "source_file";

  public static final String LINE_NUMBER = "line_number";
  public static final String RAW_RECORD = "raw_record";
  public static final String REASON_CODE = "reason_code";
  public static final String REASON_DETAIL = "reason_detail";
}
