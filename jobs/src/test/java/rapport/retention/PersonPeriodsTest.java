package rapport.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static rapport.retention.Fixtures.*;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import rapport.schema.Touches;

/**
 * Person-periods of a three-month window S = 2024-01-01 to T = 2024-04-01 (91 days), refreshed
 * every 30 days, worked out by hand.
 */
class PersonPeriodsTest {
  private static final long T = day(LocalDate.of(2024, 4, 1));

  private final Dataset<Row> customers =
      customers(
          // A: joins on S, one personal touch on day 9, closes on day 60
          customer("A", S, S.plusDays(60)),
          // B: a customer since 2023 with an automated touch 17 days before S and one order
          customer("B", LocalDate.of(2023, 6, 1), null),
          // D and E: never touched, never ordered: their rows are identical and compress
          customer("D", S, null),
          customer("E", S, null),
          // poison: closed before the window, never at risk
          customer("C", LocalDate.of(2022, 1, 1), LocalDate.of(2023, 11, 1)));
  private final Dataset<Row> touches =
      touches(
          touch("A", S.plusDays(9), Touches.PERSONAL),
          // poison: after A closed; an inbound touch; a touch of the excluded customer
          touch("A", S.plusDays(64), Touches.PERSONAL),
          touch("A", S.plusDays(20), Touches.INBOUND),
          touch("C", S.plusDays(5), Touches.PERSONAL),
          touch("B", S.minusDays(17), Touches.AUTOMATED));
  private final Dataset<Row> orders =
      orders(
          order("o1", "B", S.minusDays(12), "99.50", "completed"),
          // poison: a cancelled order is no purchase
          order("o2", "B", S.plusDays(14), "500.00", "cancelled"));

  private List<String> periods() {
    Dataset<Row> orderDays = DayEvents.completedOrders(orders, ZONE);
    Dataset<Row> spells = Spells.contract(customers, day(S), T);
    return PersonPeriods.split(
            spells,
            customers,
            DayEvents.personalTouches(touches, ZONE),
            DayEvents.automatedTouches(touches, ZONE),
            orderDays,
            day(S),
            T,
            30)
        .collectAsList()
        .stream()
        .map(Row::toString)
        .sorted()
        .collect(Collectors.toList());
  }

  @Test
  void spellsAreSplitAtTouchesTheirExpiryAndTheRefreshGrid() {
    // start, stop, event, personal_90d, automated_90d, recency_months, log_orders_365d,
    // log_monetary_365d, tenure_years
    List<String> expected =
        List.of(
            // A: no orders (recency 12), the touch counts from day 10; churn on day 60
            "[0.0,10.0,false,0.0,0.0,12.0,0.0,0.0,0.0]",
            "[10.0,30.0,false,1.0,0.0,12.0,0.0,0.0,0.0]",
            "[30.0,60.0,false,1.0,0.0,12.0,0.0,0.0,0.0]",
            "[60.0,61.0,true,1.0,0.0,12.0,0.0,0.0,0.0]",
            // B: the touch of S − 17 counts from the entry until day 74; recency grows by grid
            // day; log(1 + 1) = 0.69 → 0.5 and log(1 + 99.5) = 4.61 → 4.5
            "[0.0,30.0,false,0.0,1.0,0.0,0.5,4.5,0.0]",
            "[30.0,60.0,false,0.0,1.0,1.0,0.5,4.5,0.0]",
            "[60.0,74.0,false,0.0,1.0,2.0,0.5,4.5,0.0]",
            "[74.0,90.0,false,0.0,0.0,2.0,0.5,4.5,0.0]",
            "[90.0,91.0,false,0.0,0.0,3.0,0.5,4.5,0.0]",
            // D and E
            "[0.0,30.0,false,0.0,0.0,12.0,0.0,0.0,0.0]",
            "[0.0,30.0,false,0.0,0.0,12.0,0.0,0.0,0.0]",
            "[30.0,60.0,false,0.0,0.0,12.0,0.0,0.0,0.0]",
            "[30.0,60.0,false,0.0,0.0,12.0,0.0,0.0,0.0]",
            "[60.0,90.0,false,0.0,0.0,12.0,0.0,0.0,0.0]",
            "[60.0,90.0,false,0.0,0.0,12.0,0.0,0.0,0.0]",
            "[90.0,91.0,false,0.0,0.0,12.0,0.0,0.0,0.0]",
            "[90.0,91.0,false,0.0,0.0,12.0,0.0,0.0,0.0]");
    assertEquals(expected.stream().sorted().toList(), periods());
  }

  @Test
  void identicalPeriodsCompressIntoWeights() {
    Dataset<Row> spells = Spells.contract(customers, day(S), T);
    Dataset<Row> compressed =
        PersonPeriods.sorted(
            PersonPeriods.compress(
                PersonPeriods.split(
                    spells,
                    customers,
                    DayEvents.personalTouches(touches, ZONE),
                    DayEvents.automatedTouches(touches, ZONE),
                    DayEvents.completedOrders(orders, ZONE),
                    day(S),
                    T,
                    30)));
    List<Row> rows = compressed.collectAsList();
    assertEquals(13, rows.size());
    double total = rows.stream().mapToDouble(r -> r.getDouble(r.fieldIndex("weight"))).sum();
    assertEquals(17.0, total);
    assertEquals(
        4,
        rows.stream().filter(r -> r.getDouble(r.fieldIndex("weight")) == 2.0).count(),
        "D and E share all four rows");
  }
}
