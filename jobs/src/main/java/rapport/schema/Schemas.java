package rapport.schema;

import static rapport.schema.Columns.*;
import static rapport.schema.Field.optional;
import static rapport.schema.Field.required;

import java.util.List;
import java.util.Optional;

/** The schema registry: every input contract of SPEC §5.1. */
public final class Schemas {
  private Schemas() {}

  public static final Contract CUSTOMERS =
      new Contract(
          "customers",
          CUSTOMER_ID,
          null,
          List.of(
              required(CUSTOMER_ID, FieldType.ID),
              optional(HOUSEHOLD_ID, FieldType.ID),
              optional(FIRST_NAME, FieldType.STRING),
              optional(LAST_NAME, FieldType.STRING),
              optional(EMAIL, FieldType.EMAIL),
              optional(PHONE, FieldType.STRING),
              optional(BIRTH_DATE, FieldType.DATE),
              optional(CITY, FieldType.STRING),
              optional(REGION, FieldType.STRING),
              optional(COUNTRY, FieldType.STRING),
              required(CUSTOMER_SINCE, FieldType.DATE),
              optional(OWNER_REP_ID, FieldType.ID),
              optional(DO_NOT_CONTACT, FieldType.BOOLEAN).withDefault("false"),
              optional(CLOSED_AT, FieldType.DATE)));

  public static final Contract REPS =
      new Contract(
          "reps",
          REP_ID,
          null,
          List.of(
              required(REP_ID, FieldType.ID),
              optional(NAME, FieldType.STRING),
              optional(EMAIL, FieldType.EMAIL),
              optional(TEAM, FieldType.STRING),
              optional(ACTIVE, FieldType.BOOLEAN).withDefault("true"),
              optional(WEEKLY_CAPACITY, FieldType.INTEGER)));

  public static final Contract ORDERS =
      new Contract(
          "orders",
          ORDER_ID,
          CUSTOMER_ID,
          List.of(
              required(ORDER_ID, FieldType.ID),
              required(CUSTOMER_ID, FieldType.ID),
              required(ORDERED_AT, FieldType.TIMESTAMP),
              required(AMOUNT, FieldType.DECIMAL),
              optional(CURRENCY, FieldType.CODE),
              optional(CHANNEL, FieldType.CODE),
              optional(STATUS, FieldType.CODE).allowing("completed", "cancelled", "returned"),
              optional(LOCATION_ID, FieldType.ID),
              optional(CATEGORY, FieldType.STRING)));

  public static final Contract INTERACTIONS =
      new Contract(
          "interactions",
          INTERACTION_ID,
          CUSTOMER_ID,
          List.of(
              required(INTERACTION_ID, FieldType.ID),
              required(CUSTOMER_ID, FieldType.ID),
              required(OCCURRED_AT, FieldType.TIMESTAMP),
              required(CHANNEL, FieldType.CODE),
              required(DIRECTION, FieldType.CODE).allowing("outbound", "inbound"),
              optional(AUTHOR_TYPE, FieldType.CODE)
                  .allowing("system", "rep", "customer", "unknown")
                  .withDefault("unknown"),
              optional(AUTHOR_ID, FieldType.ID),
              optional(CAMPAIGN_ID, FieldType.ID),
              optional(SUBJECT, FieldType.STRING),
              optional(BODY, FieldType.STRING),
              optional(DURATION_SECONDS, FieldType.INTEGER),
              optional(OUTCOME, FieldType.CODE)));

  /** The inputs in the order they are ingested: referenced tables before referring ones. */
  public static final List<Contract> INPUTS = List.of(REPS, CUSTOMERS, ORDERS, INTERACTIONS);

  public static Optional<Contract> input(String name) {
    return INPUTS.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
