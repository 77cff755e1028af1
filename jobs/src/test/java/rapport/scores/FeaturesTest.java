package rapport.scores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static rapport.schema.Scores.*;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import rapport.testing.TestSpark;

/**
 * Every feature on a tiny world whose values are worked out by hand, with poison rows on the
 * cut-off day (events that are on t in Berlin but on t−1 in UTC, a cancelled order, a customer who
 * joins on t); and the leakage test: adding any event on or after t changes nothing.
 */
class FeaturesTest {
  static final LocalDate T = LocalDate.of(2026, 6, 30);
  static final String ZONE = "Europe/Berlin";

  static Fixture base() {
    Fixture f = new Fixture();
    f.customer("C1", "H1", "R1", "2020-01-01");
    f.customer("C2", "H1", "R1", "2021-01-01");
    f.customer("C3", null, "R2", "2022-01-01");
    // poison: joins on t, so is not yet a customer at t
    f.customer("C4", null, "R2", "2026-06-30");

    f.touch("T1", "C1", "2026-06-20T10:00:00Z", "phone", "rep", "R1", "personal", 0.9, 2);
    f.body("T1", "Called about the recall");
    f.touch("T2", "C1", "2026-06-21T10:00:00Z", "email", "system", "news", "automated", 0.1, 1);
    f.touch("T4", "C1", "2026-06-22T10:00:00Z", "email", "customer", null, "inbound", 0.0, 0);
    f.touch("T3", "C1", "2026-06-25T10:00:00Z", "email", "system", "news", "automated", 0.1, 1);
    f.touch("T5", "C1", "2025-12-01T10:05:00Z", "in_person", "rep", "R1", "personal", 0.8, 1);
    f.body("T5", "Chat at pickup");
    f.touch("T6", "C1", "2024-03-01T10:00:00Z", "phone", "rep", "R2", "personal", 0.9, 1);
    // 23:55 in Berlin on t−1: a minute before midnight, in time
    f.touch("T8", "C1", "2026-06-29T21:55:00Z", "in_person", "rep", "R1", "personal", 0.7, 0);
    f.body("T8", null);
    f.touch("T9", "C1", "2025-01-15T10:00:00Z", "phone", "rep", "R1", "personal", 0.9, 1);
    // poison: 00:30 on t in Berlin (t−1 in UTC)
    f.touch("T7", "C1", "2026-06-29T22:30:00Z", "phone", "rep", "R1", "personal", 0.9, 1);
    f.touch("T10", "C3", "2026-05-01T10:00:00Z", "email", "system", "camp", "automated", 0.1, 1);
    f.touch("T11", "C3", "2026-06-01T10:00:00Z", "sms", "system", "camp", "automated", 0.1, 1);
    f.touch("T12", "C4", "2026-06-01T10:00:00Z", "sms", "system", "camp", "automated", 0.1, 1);

    f.order("O1", "C1", "2025-12-01T10:00:00Z", "50.00", "completed");
    f.order("O2", "C1", "2026-03-01T10:00:00Z", "100.00", "completed");
    // poison: cancelled orders are no purchase
    f.order("O3", "C1", "2026-04-01T10:00:00Z", "999.00", "cancelled");
    // poison: 01:00 on t in Berlin
    f.order("O4", "C1", "2026-06-29T23:00:00Z", "10.00", "completed");
    return f;
  }

  /** Events on and after t of every kind, each of which would change a feature if it leaked. */
  static Fixture withFuture(Fixture f) {
    f.customer("C5", "H1", "R1", "2026-06-30");
    f.customer("C6", "H1", "R1", "2026-07-15");
    f.touch("F1", "C1", "2026-06-30T10:00:00Z", "phone", "rep", "R2", "personal", 0.9, 3);
    f.body("F1", "A long note about everything that happened after the cut-off date");
    // would answer T3 and T8 within the reply window
    f.touch("F2", "C1", "2026-06-30T06:00:00Z", "email", "customer", null, "inbound", 0.0, 0);
    f.touch("F3", "C3", "2026-07-05T10:00:00Z", "email", "system", "camp", "automated", 0.1, 1);
    f.touch("F4", "C2", "2026-07-05T10:00:00Z", "in_person", "rep", "R1", "personal", 0.9, 1);
    f.touch("F5", "C5", "2026-07-01T10:00:00Z", "phone", "rep", "R1", "personal", 0.9, 1);
    // midnight on t in Berlin, five minutes after the in-person touch T8
    f.order("F6", "C1", "2026-06-29T22:00:00Z", "77.00", "completed");
    f.order("F7", "C3", "2026-08-01T10:00:00Z", "20.00", "completed");
    f.order("F8", "C2", "2026-07-01T10:00:00Z", "20.00", "completed");
    return f;
  }

  static Map<String, Row> features(Fixture f) {
    Dataset<Row> df =
        Features.at(
            f.customers(),
            f.orders(),
            f.touches(),
            f.interactions(),
            T,
            ZONE,
            ScoreSettings.defaults());
    Map<String, Row> out = new TreeMap<>();
    for (Row r : df.collectAsList()) {
      out.put(r.getAs("customer_id"), r);
    }
    return out;
  }

  @Test
  void everyFeatureMatchesTheHandCount() {
    Map<String, Row> f = features(base());
    assertEquals(List.of("C1", "C2", "C3"), new ArrayList<>(f.keySet()));

    Row c1 = f.get("C1");
    assertEquals(2L, (long) c1.getAs(PERSONAL_TOUCHES_90D));
    assertEquals(3L, (long) c1.getAs(PERSONAL_TOUCHES_365D));
    assertEquals(2L, (long) c1.getAs(AUTOMATED_TOUCHES_90D));
    assertEquals(2L, (long) c1.getAs(AUTOMATED_TOUCHES_365D));
    assertEquals(1L, (long) c1.getAs(INBOUND_TOUCHES_365D));
    assertEquals(1, (int) c1.getAs(DAYS_SINCE_PERSONAL_TOUCH));
    assertEquals(0L, (long) c1.getAs(AUTOMATED_SINCE_PERSONAL));
    // T1 and T2 answered by T4; T3, T5, T8 not
    assertEquals(5L, (long) c1.getAs(OUTBOUND_TOUCHES_365D));
    assertEquals(2L, (long) c1.getAs(ANSWERED_TOUCHES_365D));
    assertEquals(0.4, (double) c1.getAs(RECIPROCITY_365D), 1e-12);
    // R1: T1, T5, T8, T9; R2: T6
    assertEquals("R1", c1.getAs(MAIN_REP_ID));
    assertEquals(0.8, (double) c1.getAs(MAIN_REP_SHARE), 1e-12);
    assertEquals(5L, (long) c1.getAs(REP_PERSONAL_TOUCHES));
    assertEquals(2L, (long) c1.getAs(MAIN_REP_YEARS));
    assertEquals(1, (int) c1.getAs(DAYS_SINCE_MAIN_REP_TOUCH));
    assertEquals(2L, (long) c1.getAs(HOUSEHOLD_SIZE));
    assertEquals(0.5, (double) c1.getAs(HOUSEHOLD_REACH_365D), 1e-12);
    assertEquals(0.8, (double) c1.getAs(PERSONAL_SCORE_MEAN_365D), 1e-12);
    assertEquals(1.0, (double) c1.getAs(PERSONAL_REASONS_MEAN_365D), 1e-12);
    assertEquals((23 + 14 + 0) / 3.0, (double) c1.getAs(NOTE_CHARS_MEAN_365D), 1e-12);
    // T5, five minutes after O1
    assertEquals(1L, (long) c1.getAs(MICROCONNECTIONS_365D));
    assertEquals(121, (int) c1.getAs(RECENCY_DAYS));
    assertEquals(2L, (long) c1.getAs(FREQUENCY_365D));
    assertEquals(150.0, (double) c1.getAs(MONETARY_365D), 1e-9);
    assertEquals(2L, (long) c1.getAs(PURCHASE_DAYS));
    assertEquals(211, (int) c1.getAs(FIRST_PURCHASE_DAYS));
    assertEquals(100.0, (double) c1.getAs(REPEAT_MEAN_VALUE), 1e-9);
    assertEquals(
        (int) ChronoUnit.DAYS.between(LocalDate.of(2020, 1, 1), T), (int) c1.getAs(TENURE_DAYS));

    Row c2 = f.get("C2");
    assertEquals(0L, (long) c2.getAs(PERSONAL_TOUCHES_365D));
    assertNull(c2.getAs(DAYS_SINCE_PERSONAL_TOUCH));
    assertNull(c2.getAs(RECIPROCITY_365D));
    assertNull(c2.getAs(RECENCY_DAYS));
    assertEquals(0.5, (double) c2.getAs(HOUSEHOLD_REACH_365D), 1e-12);

    Row c3 = f.get("C3");
    assertEquals(2L, (long) c3.getAs(AUTOMATED_TOUCHES_90D));
    assertEquals(2L, (long) c3.getAs(AUTOMATED_SINCE_PERSONAL));
    assertEquals(0.0, (double) c3.getAs(RECIPROCITY_365D), 1e-12);
    assertNull(c3.getAs(MAIN_REP_ID));
    assertEquals(0L, (long) c3.getAs(MAIN_REP_YEARS));
    assertEquals(1L, (long) c3.getAs(HOUSEHOLD_SIZE));
    assertEquals(0.0, (double) c3.getAs(HOUSEHOLD_REACH_365D), 1e-12);
    assertEquals(0L, (long) c3.getAs(PURCHASE_DAYS));
    assertEquals(0.0, (double) c3.getAs(MONETARY_365D), 1e-12);
    assertNull(c3.getAs(REPEAT_MEAN_VALUE));
  }

  @Test
  void nothingOnOrAfterTheCutoffLeaksIn() {
    Map<String, Row> before = features(base());
    Map<String, Row> after = features(withFuture(base()));
    assertEquals(before.keySet(), after.keySet());
    for (String id : before.keySet()) {
      assertEquals(before.get(id), after.get(id), "features of " + id);
    }
    // the future events do count once the cut-off moves past them: the test can fail
    Map<String, Row> later =
        toMap(
            Features.at(
                withFuture(base()).customers(),
                withFuture(base()).orders(),
                withFuture(base()).touches(),
                withFuture(base()).interactions(),
                LocalDate.of(2026, 9, 1),
                ZONE,
                ScoreSettings.defaults()));
    assertFalse(
        later
            .get("C1")
            .getAs(PERSONAL_TOUCHES_90D)
            .equals(before.get("C1").getAs(PERSONAL_TOUCHES_90D)));
    assertEquals(4L, (long) later.get("C2").getAs(HOUSEHOLD_SIZE));
  }

  private static Map<String, Row> toMap(Dataset<Row> df) {
    Map<String, Row> out = new TreeMap<>();
    for (Row r : df.collectAsList()) {
      out.put(r.getAs("customer_id"), r);
    }
    return out;
  }

  static {
    TestSpark.session();
  }
}
