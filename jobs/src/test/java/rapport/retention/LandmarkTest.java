package rapport.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static rapport.retention.Fixtures.*;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import rapport.domain.RetentionLabels;
import rapport.schema.Columns;
import rapport.schema.Touches;
import rapport.stats.WilsonInterval;

/** Touch mix, outcomes and segments at a cut-off c, contract-based, horizon 30 days. */
class LandmarkTest {
  private static final LocalDate C = LocalDate.of(2025, 1, 1);
  private static final int H = 30;

  @Test
  void segmentsCountRetentionByTouchMixWithWilsonIntervals() {
    Dataset<Row> customers =
        customers(
            customer("M1", C.minusDays(400), C.plusDays(10)),
            customer("M2", C.minusDays(400), null),
            customer("M3", C.minusDays(10), null),
            // poison: closed the day before c, not in the population
            customer("M4", C.minusDays(400), C.minusDays(1)));
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
    Segments.Result r =
        Segments.of(
            outcomes
                .join(mix, new String[] {Columns.CUSTOMER_ID}, "inner")
                .withColumnRenamed(Landmark.TOUCH_MIX, Segments.SEGMENT),
            Landmark.TOUCH_MIX,
            Landmark.MIXES);
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
}
