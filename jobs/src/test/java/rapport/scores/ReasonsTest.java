package rapport.scores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static rapport.schema.Scores.*;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import rapport.testing.TestSpark;

/** The flags, the order of the reasons and their evidence, on hand-made feature rows. */
class ReasonsTest {
  static final String COLUMNS =
      "customer_id, days_since_personal_touch, automated_touches_90d, automated_since_personal,"
          + " main_rep_id, main_rep_share, rep_personal_touches, main_rep_active,"
          + " days_since_main_rep_touch, main_rep_years, purchase_days, first_purchase_days,"
          + " recency_days, p_alive, outbound_touches_365d, answered_touches_365d,"
          + " reciprocity_365d, household_size, household_reach_365d, personal_touches_365d,"
          + " personal_index, microconnections_365d, frequency_365d, tenure_days";

  static Dataset<Row> rows() {
    return TestSpark.session()
        .sql(
            "select * from values"
                // masked: automated touches go on while personal contact lapsed
                + " ('A', 212, 9L, 9L, 'R1', 0.5d, 4L, true, 212, 1L, 5L, 700, 100, 0.8d, 20L, 1L,"
                + " 0.05d, 2L, 0.0d, 0L, 10.0d, 0L, 1L, 900),"
                // rep dependency: 90% of the personal touches by a rep who left
                + " ('B', 300, 0L, 0L, 'R7', 0.9d, 10L, false, 300, 2L, 1L, 400, 400, 1.0d, 2L, 0L,"
                + " 0.0d, 1L, 0.0d, 0L, 5.0d, 0L, 0L, 1000),"
                // strengths only
                + " ('C', 10, 1L, 0L, 'R2', 0.7d, 20L, true, 10, 3L, 30L, 1500, 5, 0.95d, 10L, 5L,"
                + " 0.5d, 1L, 1.0d, 6L, 70.0d, 4L, 12L, 2000),"
                // poison: nothing known at all (no touches, no purchases, a new customer)
                + " ('D', null, 0L, 0L, null, null, 0L, null, null, 0L, 0L, null, null, null, 0L,"
                + " 0L, null, 1L, 0.0d, 0L, 0.0d, 0L, 0L, 20)"
                + " as t("
                + COLUMNS
                + ")");
  }

  @Test
  void reasonsComeRisksFirstWithTheCustomersOwnNumbers() {
    Map<String, Row> out = new TreeMap<>();
    for (Row r : Reasons.withReasons(rows(), ScoreSettings.defaults()).collectAsList()) {
      out.put(r.getAs("customer_id"), r);
    }
    Row a = out.get("A");
    assertEquals(true, a.getAs(IS_MASKED));
    assertEquals(false, a.getAs(HAS_REP_DEPENDENCY));
    assertEquals(
        List.of("MASKED_BY_AUTOMATION", "NO_REPLY", "HOUSEHOLD_UNREACHED"),
        a.getList(a.fieldIndex(REASON_CODES)));
    assertEquals(
        List.of(
            "no personal touch in 212 days; 9 automated touches since",
            "answered 1 of 20 outbound touches in 365 days",
            "0 of 2 household members personally touched in 365 days"),
        a.getList(a.fieldIndex(REASON_EVIDENCE)));

    Row b = out.get("B");
    assertEquals(false, b.getAs(IS_MASKED));
    assertEquals(true, b.getAs(HAS_REP_DEPENDENCY));
    assertEquals(
        List.of("REP_DEPENDENCY", "NO_PERSONAL_TOUCH", "PURCHASES_LAPSING"),
        b.getList(b.fieldIndex(REASON_CODES)));
    assertEquals(
        List.of(
            "90% of personal touches by rep R7, who is no longer active",
            "no personal touch in 300 days", "a single purchase, 400 days ago"),
        b.getList(b.fieldIndex(REASON_EVIDENCE)));

    Row c = out.get("C");
    assertEquals(
        List.of("PERSONAL_CONTACT", "LONG_RELATIONSHIP", "MICROCONNECTIONS"),
        c.getList(c.fieldIndex(REASON_CODES)));
    assertEquals(
        List.of(
            "6 personal touches in 365 days, the last 10 days ago",
            "personal touches by rep R2 in 3 different years",
            "4 short in-person moments at orders in 365 days"),
        c.getList(c.fieldIndex(REASON_EVIDENCE)));

    Row d = out.get("D");
    assertEquals(false, d.getAs(IS_MASKED));
    assertEquals(false, d.getAs(HAS_REP_DEPENDENCY));
    assertEquals(
        List.of("NO_PERSONAL_TOUCH", "NEW_CUSTOMER"), d.getList(d.fieldIndex(REASON_CODES)));
    assertEquals(
        List.of("no personal touch on record", "customer for 20 days"),
        d.getList(d.fieldIndex(REASON_EVIDENCE)));
  }

  @Test
  void percentilesAreMidRanksAmongPositiveValues() {
    double[] q = new double[99];
    for (int i = 0; i < 99; i++) {
      q[i] = i + 1;
    }
    assertEquals(0.0, Indices.percentile(q, 0.0));
    assertEquals(0.0, Indices.percentile(q, null));
    assertEquals(0.5 / 100, Indices.percentile(q, 0.5), 1e-12);
    assertEquals(50.0 / 100, Indices.percentile(q, 50.0), 1e-12);
    assertEquals(99.5 / 100, Indices.percentile(q, 1000.0), 1e-12);
    assertEquals(1.0, Indices.weightSum(Indices.PERSONAL), 1e-12);
    assertEquals(1.0, Indices.weightSum(Indices.AUTOMATED), 1e-12);
  }
}
