package rapport.touches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rapport.schema.Touches;
import rapport.testing.TestSpark;

/**
 * The transactional / outreach split of automated touches, on a small world built here: a receipt
 * template without receipt words (its messages follow the recipients' own orders), a newsletter one
 * of whose messages lands minutes after an order, an auto-reply without the words, a booking
 * confirmation template by its wording, a lone system message hours after an order, a campaign
 * right after an order. Poison rows: a receipt whose only order was cancelled, an outbound row with
 * no text, no author and no outcome, and a receipt dated after the as-of date.
 */
class AutomatedKindTest {
  static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);

  static Map<String, Row> touches;

  private static final String RECEIPT =
      "Thanks for stopping by Kaffeebar Lindner today. Total EUR 4.20, paid by card at the"
          + " counter. Keep this message for your records.";
  private static final String NEWSLETTER =
      "Dear customers, this month: the summer street festival and our coffee cart. Read more on"
          + " our website and follow us on social media. Your Lindner team";

  @BeforeAll
  static void classify() {
    List<String[]> rows = new ArrayList<>();
    List<Row> orders = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      String c = String.format("C%02d", i);
      String day = String.format("2026-05-%02d", 10 + i);
      orders.add(order(c, day + "T07:00:00Z", i == 4 ? "cancelled" : "completed"));
      rows.add(row("R" + i, c, day + "T07:05:00Z", "email", "system", "pos", null, RECEIPT));
    }
    for (int i = 5; i <= 8; i++) {
      String c = String.format("C%02d", i);
      rows.add(
          row(
              "N" + i,
              c,
              "2026-05-20T08:00:0" + i + "Z",
              "email",
              "system",
              "news",
              null,
              NEWSLETTER));
    }
    orders.add(order("C05", "2026-05-20T07:57:00Z", null));
    rows.add(
        inbound(
            "A0",
            "C09",
            "2026-05-21T18:00:00Z",
            "Catering",
            "Could you do coffee for forty people on Friday?"));
    rows.add(
        row(
            "A1",
            "C09",
            "2026-05-21T18:01:00Z",
            "email",
            "system",
            "helpdesk",
            null,
            "Thanks, your message reached us; a colleague will answer soon."));
    for (int i = 1; i <= 3; i++) {
      // a booking confirmation: no order precedes it, its words say what it is
      rows.add(
          row(
              "W" + i,
              String.format("C%02d", 15 + i),
              "2026-05-22T09:0" + i + ":00Z",
              "email",
              "system",
              "scheduler",
              null,
              "Your booking for the winter check on Saturday is noted. Please bring the wheel"
                  + " lock key and the service booklet; see you at the workshop."));
    }
    orders.add(order("C11", "2026-05-23T09:00:00Z", "completed"));
    rows.add(
        row(
            "O1",
            "C11",
            "2026-05-23T12:00:00Z",
            "sms",
            "system",
            "workshop",
            null,
            "Your car is ready."));
    orders.add(order("C12", "2026-05-24T09:00:00Z", "completed"));
    rows.add(
        row(
            "K1",
            "C12",
            "2026-05-24T09:02:00Z",
            "email",
            "system",
            "campaign-engine",
            "SPRING-26",
            "Double loyalty points on every app order until Sunday."));
    String[] call =
        row(
            "P1",
            "C13",
            "2026-05-25T10:00:00Z",
            "phone",
            "rep",
            "R1",
            null,
            "Talked about the new kitchen and the trip to Norway.");
    call[10] = "420";
    call[11] = "answered";
    rows.add(call);
    // poison: an outbound row with nothing in it
    rows.add(row("X1", "C14", "2026-05-26T10:00:00Z", "phone", null, null, null, null));
    // poison: a receipt after the as-of date
    orders.add(order("C15", "2026-07-02T07:00:00Z", "completed"));
    rows.add(row("Z1", "C15", "2026-07-02T07:05:00Z", "email", "system", "pos", null, RECEIPT));

    Dataset<Row> customers = HandLabelledFixture.customers();
    ClassifyTouches.Inputs in =
        new ClassifyTouches.Inputs(
            ClassifyCounts.names(customers, null),
            java.util.Set.of("R1"),
            AS_OF.atStartOfDay(ZONE).toInstant(),
            ZONE,
            TouchSettings.DEFAULTS);
    StructType orderType =
        new StructType()
            .add("customer_id", DataTypes.StringType)
            .add("ordered_at", DataTypes.TimestampType)
            .add("status", DataTypes.StringType);
    Dataset<Row> orderRows = TestSpark.session().createDataFrame(orders, orderType);
    touches = new LinkedHashMap<>();
    for (Row r :
        ClassifyTouches.classify(AuthorsAndDatesTest.interactions(rows), customers, orderRows, in)
            .collectAsList()) {
      touches.put(r.getAs("interaction_id"), r);
    }
  }

  private static Row order(String customer, String at, String status) {
    return RowFactory.create(customer, Timestamp.from(Instant.parse(at)), status);
  }

  private static String[] row(
      String id,
      String customer,
      String at,
      String channel,
      String authorType,
      String authorId,
      String campaign,
      String body) {
    return new String[] {
      id,
      customer,
      at,
      channel,
      "outbound",
      authorType,
      authorId,
      campaign,
      null,
      body,
      null,
      body == null ? null : "delivered"
    };
  }

  private static String[] inbound(String id, String customer, String at, String subject, String b) {
    return new String[] {
      id, customer, at, "email", "inbound", "customer", null, null, subject, b, null, "received"
    };
  }

  private static String kind(String id) {
    return touches.get(id).getAs(Touches.AUTOMATED_KIND);
  }

  private static List<String> reasons(String id) {
    Row r = touches.get(id);
    return r.getList(r.fieldIndex(Touches.REASONS));
  }

  private static String last(String id) {
    List<String> r = reasons(id);
    return r.get(r.size() - 1);
  }

  private static void assertKind(String id, String kind, String reason) {
    assertEquals(Touches.AUTOMATED, touches.get(id).getAs(Touches.TOUCH_KIND), id + reasons(id));
    assertEquals(kind, kind(id), id + " " + reasons(id));
    assertEquals(reason, last(id), id + " " + reasons(id));
  }

  @Test
  void theRowsAfterTheAsOfDateAreLeftOut() {
    assertEquals(17, touches.size());
    assertFalse(touches.containsKey("Z1"));
  }

  @Test
  void aTemplateThatFollowsEachRecipientsOrderIsTransactional() {
    for (int i = 1; i <= 3; i++) {
      assertKind("R" + i, Touches.TRANSACTIONAL, "TRANSACTIONAL_AFTER_ORDER_5MIN");
    }
    // its only order was cancelled: the template still says what it is
    assertKind("R4", Touches.TRANSACTIONAL, "TRANSACTIONAL_TEMPLATE_75PCT");
  }

  @Test
  void aNewsletterMinutesAfterAnOrderIsStillOutreach() {
    for (int i = 5; i <= 8; i++) {
      assertKind("N" + i, Touches.OUTREACH, "OUTREACH_TEMPLATE");
    }
  }

  @Test
  void anAnswerMinutesAfterTheCustomersMessageIsAnAutoReply() {
    assertKind("A1", Touches.TRANSACTIONAL, "TRANSACTIONAL_AUTO_REPLY");
  }

  @Test
  void wordingAndTimingTellLoneMessages() {
    for (int i = 1; i <= 3; i++) {
      assertKind("W" + i, Touches.TRANSACTIONAL, "TRANSACTIONAL_WORDING");
    }
    assertKind("O1", Touches.TRANSACTIONAL, "TRANSACTIONAL_AFTER_ORDER_3H");
    assertKind("K1", Touches.OUTREACH, "OUTREACH_CAMPAIGN");
    assertKind("X1", Touches.OUTREACH, "OUTREACH_NO_TRIGGER");
  }

  @Test
  void personalAndInboundTouchesHaveNoKind() {
    assertEquals(Touches.PERSONAL, touches.get("P1").getAs(Touches.TOUCH_KIND));
    assertNull(kind("P1"));
    assertEquals(Touches.INBOUND, touches.get("A0").getAs(Touches.TOUCH_KIND));
    assertNull(kind("A0"));
    for (String id : List.of("P1", "A0")) {
      assertTrue(
          reasons(id).stream()
              .noneMatch(c -> c.startsWith("TRANSACTIONAL") || c.startsWith("OUTREACH")),
          id + " " + reasons(id));
    }
  }

  @Test
  void theFirstRuleThatAppliesDecides() {
    TouchSettings s = TouchSettings.DEFAULTS;
    // a campaign id outranks an order minutes before
    assertEquals(
        "OUTREACH_CAMPAIGN",
        AutomatedKind.of(new AutomatedKind.Evidence(true, false, false, 3.0, null, null), s)
            .reason());
    // an auto-reply outranks a campaign id
    assertEquals(
        Touches.TRANSACTIONAL,
        AutomatedKind.of(new AutomatedKind.Evidence(true, false, false, null, 2.0, null), s)
            .kind());
    // a template below the share decides against a lone order minutes before
    assertEquals(
        Touches.OUTREACH,
        AutomatedKind.of(new AutomatedKind.Evidence(false, false, false, 3.0, null, 0.1), s)
            .kind());
    // wording outranks a template below the share (a receipt whose orders were not exported)
    assertEquals(
        "TRANSACTIONAL_WORDING",
        AutomatedKind.of(new AutomatedKind.Evidence(false, false, true, null, null, 0.0), s)
            .reason());
    // beyond transactional_minutes an order is no trigger
    assertEquals(
        "OUTREACH_NO_TRIGGER",
        AutomatedKind.of(
                new AutomatedKind.Evidence(
                    false, false, false, s.transactionalMinutes() + 1.0, null, null),
                s)
            .reason());
    assertEquals("TRANSACTIONAL_AFTER_ORDER_24H", AutomatedKind.afterOrderCode(1_440));
    assertEquals("TRANSACTIONAL_AFTER_ORDER_0MIN", AutomatedKind.afterOrderCode(0.2));
  }
}
