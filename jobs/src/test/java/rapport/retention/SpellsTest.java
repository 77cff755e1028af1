package rapport.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static rapport.retention.Fixtures.*;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Purchase-based spells: a lapse is H days after an order that no other order followed. */
class SpellsTest {
  private static final long T = day(S.plusDays(91));

  @Test
  void customersActiveAtEntryLeaveAtTheirFirstLapse() {
    var customers =
        customers(
            customer("P", LocalDate.of(2023, 1, 1), null),
            customer("Q", LocalDate.of(2023, 1, 1), null),
            customer("R", S.plusDays(70), null),
            customer("V", LocalDate.of(2023, 1, 1), null));
    var orders =
        orders(
            order("p1", "P", S.minusDays(10), "10", "completed"),
            order("p2", "P", S.plusDays(5), "10", "completed"),
            order("p3", "P", S.plusDays(50), "10", "completed"),
            // Q lapsed before the window: not at risk
            order("q1", "Q", S.minusDays(40), "10", "completed"),
            // poison: a cancelled order does not keep Q active
            order("q2", "Q", S.minusDays(5), "10", "cancelled"),
            order("r1", "R", S.plusDays(70), "10", "completed"),
            order("v1", "V", S.minusDays(5), "10", "completed"),
            order("v2", "V", S.plusDays(20), "10", "completed"),
            order("v3", "V", S.plusDays(45), "10", "completed"),
            order("v4", "V", S.plusDays(70), "10", "completed"));
    List<String> spells =
        Spells.purchase(customers, DayEvents.completedOrders(orders, ZONE), day(S), T, 30)
            .orderBy("customer_id")
            .collectAsList()
            .stream()
            .map(Row::toString)
            .toList();
    long s = day(S);
    long since = day(LocalDate.of(2023, 1, 1));
    assertEquals(
        List.of(
            // P: the order of day 5 is followed only 45 days later: lapse on day 35
            "[P," + since + "," + s + "," + (s + 35) + ",true]",
            // R: enters on its first order; its lapse (day 100) is after T: censored
            "[R," + (s + 70) + "," + (s + 70) + "," + (T - 1) + ",false]",
            "[V," + since + "," + s + "," + (T - 1) + ",false]"),
        spells);
  }
}
