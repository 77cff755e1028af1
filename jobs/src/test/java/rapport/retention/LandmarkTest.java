package rapport.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rapport.retention.Fixtures.*;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import rapport.domain.RetentionLabels;
import rapport.schema.Columns;
import rapport.schema.RetentionTables;
import rapport.schema.Scores;
import rapport.schema.Touches;
import rapport.stats.WilsonInterval;
import rapport.testing.TestSpark;

/** Touch mix, outcomes and segments at a cut-off c, contract-based, horizon 30 days. */
class LandmarkTest {
  private static final LocalDate C = LocalDate.of(2025, 1, 1);
  private static final int H = 30;

  /** M1 closes within the horizon, M2 and M3 stay; M4 closed before c. */
  private static Dataset<Row> population() {
    return customers(
        customer("M1", C.minusDays(400), C.plusDays(10)),
        customer("M2", C.minusDays(400), null),
        customer("M3", C.minusDays(10), null),
        // poison: closed the day before c, not in the population
        customer("M4", C.minusDays(400), C.minusDays(1)));
  }

  @Test
  void segmentsCountRetentionByTouchMixWithWilsonIntervals() {
    Dataset<Row> customers = population();
    Dataset<Row> touches =
        touches(
            touch("M1", C.minusDays(30), Touches.PERSONAL),
            touch("M1", C.minusDays(20), Touches.AUTOMATED),
            // outside the 180 days: M2 counts as untouched
            touch("M2", C.minusDays(200), Touches.PERSONAL),
            touch("M3", C.minusDays(5), Touches.AUTOMATED),
            // on the cut-off day itself: not history yet
            touch("M2", C, Touches.PERSONAL),
            touch("M4", C.minusDays(3), Touches.PERSONAL));
    Dataset<Row> orders = orders(order("x", "M2", C.minusDays(3), "1", "completed"));
    Dataset<Row> labels = RetentionLabels.at(customers, orders, C, H, ZONE, true);
    long c = day(C);
    Dataset<Row> outcomes =
        Landmark.outcomes(
            labels, customers, DayEvents.completedOrders(orders, ZONE), c, c + H, true);
    assertEquals(
        List.of("[M1,false,11.0,true]", "[M2,true,30.0,false]", "[M3,true,30.0,false]"),
        outcomes.orderBy(Columns.CUSTOMER_ID).collectAsList().stream().map(Row::toString).toList());
    Dataset<Row> mix =
        Landmark.touchMix(
            labels,
            DayEvents.personalTouches(touches, ZONE),
            DayEvents.automatedTouches(touches, ZONE),
            c,
            180);
    Segments.Result r = RetentionSegments.byTouchMix(outcomes, mix);
    List<Row> rows = r.segmentRows();
    assertEquals(
        List.of("none", "automated_only", "personal_only", "both"),
        rows.stream().map(x -> x.getString(1)).toList());
    assertEquals(List.of(1L, 1L, 0L, 1L), rows.stream().map(x -> x.getLong(2)).toList());
    assertEquals(List.of(1L, 1L, 0L, 0L), rows.stream().map(x -> x.getLong(3)).toList());
    WilsonInterval none = WilsonInterval.of(1, 1);
    assertEquals(none.lower(), rows.get(0).getDouble(5), 1e-15);
    assertNull(rows.get(2).get(4), "no customers: no rate");
    // M1 churned on day 11 of the horizon: its curve drops to 0 there
    assertEquals(0.0, r.curves().get("both").survivalAt(11), 0);
    assertEquals(1.0, r.curves().get("none").survivalAt(30), 0);
  }

  @Test
  void theSegmentAnalysisWritesTouchMixThenIndexBandsAndSaysWhenScoresAreMissing() {
    Dataset<Row> customers = population(); // M4 is scored all the same
    Dataset<Row> touches =
        touches(
            touch("M1", C.minusDays(30), Touches.PERSONAL),
            touch("M3", C.minusDays(5), Touches.AUTOMATED));
    Dataset<Row> orders = orders(order("x", "M2", C.minusDays(3), "1", "completed"));
    Dataset<Row> scores =
        TestSpark.session()
            .createDataFrame(
                List.of(
                    RowFactory.create("M1", 80.0),
                    RowFactory.create("M2", 10.0),
                    RowFactory.create("M4", 30.0)),
                new StructType()
                    .add(Columns.CUSTOMER_ID, DataTypes.StringType, false)
                    .add(Scores.PERSONAL_INDEX, DataTypes.DoubleType, true));
    RetentionSettings settings = RetentionSettings.DEFAULTS;
    try (RetentionEvents e =
        RetentionEvents.of(customers, orders, touches, C.plusDays(H), H, ZONE)) {
      assertTrue(e.contracts(), "M1 has a closing date: contract basis");
      RetentionSummary withScores = new RetentionSummary(e.asOf(), H, true, settings);
      RetentionSegments.Tables both = RetentionSegments.of(e, scores, settings, withScores);
      assertEquals(
          List.of(
              "touch_mix/none=1",
              "touch_mix/automated_only=1",
              "touch_mix/personal_only=1",
              "touch_mix/both=0",
              "personal_index_band/0-25=1",
              "personal_index_band/25-50=0",
              "personal_index_band/50-75=0",
              "personal_index_band/75-100=1",
              "personal_index_band/unscored=1"),
          both.segments(TestSpark.session()).collectAsList().stream()
              .map(
                  x ->
                      x.getAs(RetentionTables.SEGMENT_KIND)
                          + "/"
                          + x.getAs(RetentionTables.SEGMENT)
                          + "="
                          + x.getAs(RetentionTables.N))
              .toList());
      assertEquals(RetentionTables.SEGMENTS_SCHEMA, both.segments(TestSpark.session()).schema());
      assertEquals(
          both.curveRows().size(), both.curves(TestSpark.session()).count(), "the curves' rows");
      assertTrue(withScores.text().contains("Retention by personal_index_band"));

      RetentionSummary without = new RetentionSummary(e.asOf(), H, true, settings);
      RetentionSegments.Tables mixOnly = RetentionSegments.of(e, null, settings, without);
      assertEquals(both.segmentRows().subList(0, 4), mixOnly.segmentRows());
      assertTrue(
          without.text().contains("personal-index bands: skipped, no tables/" + Scores.TABLE),
          without.text());
    }
  }
}
