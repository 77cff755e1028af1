package rapport.retention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static rapport.retention.Fixtures.*;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import rapport.schema.Columns;
import rapport.schema.Touches;
import rapport.stats.DynamicBgNbd;

/** The dropout model's inputs: purchase days and the touches of the 90 days before each. */
class DropoutOccasionsTest {

  @Test
  void touchesAreCountedInTheNinetyDaysBeforeEachRepeatPurchase() {
    Dataset<Row> orders =
        orders(
            order("a1", "A", S, "10", "completed"),
            order("a2", "A", S.plusDays(10), "10", "completed"),
            // a second order the same day: one purchase day
            order("a3", "A", S.plusDays(10), "5", "completed"),
            // poison: a cancelled order is no purchase
            order("a4", "A", S.plusDays(50), "10", "cancelled"),
            order("a5", "A", S.plusDays(100), "10", "completed"),
            // after T: not seen
            order("a6", "A", S.plusDays(230), "10", "completed"),
            order("b1", "B", S.plusDays(20), "10", "completed"),
            // poison: a customer with only a cancelled order is not in the model
            order("c1", "C", S.plusDays(20), "10", "cancelled"));
    Dataset<Row> touches =
        touches(
            touch("A", S.plusDays(5), Touches.PERSONAL),
            // on a purchase day: not before that purchase, counts for the next one
            touch("A", S.plusDays(10), Touches.PERSONAL),
            touch("A", S.plusDays(40), Touches.PERSONAL),
            touch("A", S.plusDays(60), Touches.AUTOMATED),
            touch("A", S.plusDays(100), Touches.PERSONAL),
            // after T
            touch("A", S.plusDays(250), Touches.PERSONAL),
            touch("B", S.plusDays(30), Touches.PERSONAL),
            touch("C", S.plusDays(30), Touches.PERSONAL));
    long t = day(S.plusDays(200));
    Dataset<Row> histories =
        DropoutOccasions.histories(
            orders,
            DayEvents.completedOrders(orders, ZONE),
            DayEvents.personalTouches(touches, ZONE),
            DropoutOccasions.outreachTouches(touches, ZONE),
            t,
            ZONE);
    List<Row> rows = histories.orderBy(Columns.CUSTOMER_ID).collectAsList();
    assertEquals(List.of("A", "B"), rows.stream().map(r -> r.getString(0)).toList());
    DropoutOccasions.Prepared p = DropoutOccasions.prepare(rows, t, 7.0);
    assertEquals(
        List.of(DropoutOccasions.PERSONAL, DropoutOccasions.OUTREACH),
        p.terms(),
        p.notes().toString());
    DynamicBgNbd.Customer a = p.customers().get(0);
    assertEquals(2, a.frequency());
    assertArrayEquals(new double[] {1, 0}, a.occasions()[0]);
    // S+100: the personal touches of S+10 and S+40 (S+5 left the window), the automated of S+60
    assertArrayEquals(new double[] {2, 1}, a.occasions()[1]);
    assertEquals(100 / 7.0, a.recency(), 1e-12);
    assertEquals(200 / 7.0, a.age(), 1e-12);
    DynamicBgNbd.Customer b = p.customers().get(1);
    assertEquals(0, b.frequency());
    assertEquals(0, b.recency(), 0);
    assertEquals(180 / 7.0, b.age(), 1e-12);
    // no channel column: one level, no indicator
    assertEquals(List.of("first-order channel: reference unknown"), p.notes());
  }

  @Test
  void theWindowIsTheNinetyDaysBeforeTheDay() {
    long[] days = {10, 20, 20, 110, 111};
    // day 110 looks at days 20 ... 109: the two of day 20, not day 10 nor day 110 itself
    assertEquals(2, DropoutOccasions.inWindow(days, 110));
    assertEquals(0, DropoutOccasions.inWindow(days, 10));
    // day 112 looks at days 22 ... 111
    assertEquals(2, DropoutOccasions.inWindow(days, 112));
    assertEquals(0, DropoutOccasions.inWindow(new long[0], 5));
  }
}
