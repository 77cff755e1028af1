package rapport.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static rapport.retention.Fixtures.*;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import rapport.stats.Rfm;

/** The Spark summaries equal {@link Rfm}'s, the tested definition, on the same orders. */
class CustomerValueTest {
  private static final LocalDate T = LocalDate.of(2025, 3, 1);

  @Test
  void sparkSummariesMatchTheRfmBuilder() {
    LocalDate d = LocalDate.of(2024, 10, 3);
    var orders =
        orders(
            order("1", "X", d, "10", "completed"),
            order("2", "X", d, "5", "completed"),
            order("3", "X", d.plusDays(7), "20", "completed"),
            order("4", "X", d.plusDays(21), "30", "completed"),
            order("5", "Y", d.plusDays(40), "12.34", "completed"),
            // poison: cancelled orders and an order on T itself are not in the summary
            order("6", "Y", d.plusDays(50), "99", "cancelled"),
            order("7", "Z", T, "99", "completed"));
    List<String> spark =
        CustomerValue.summaries(DayEvents.completedOrders(orders, ZONE), day(T), Rfm.TimeUnit.WEEK)
            .orderBy("customer_id")
            .collectAsList()
            .stream()
            .map(Row::toString)
            .toList();
    List<String> reference =
        Rfm.builder()
            .add("X", d, 10)
            .add("X", d, 5)
            .add("X", d.plusDays(7), 20)
            .add("X", d.plusDays(21), 30)
            .add("Y", d.plusDays(40), 12.34)
            .summarize(T.minusDays(1), Rfm.TimeUnit.WEEK)
            .stream()
            .map(
                c ->
                    "["
                        + c.id()
                        + ","
                        + c.frequency()
                        + ","
                        + c.recency()
                        + ","
                        + c.age()
                        + ","
                        + (Double.isNaN(c.monetaryValue()) ? "null" : c.monetaryValue())
                        + "]")
            .toList();
    assertEquals(reference, spark);
  }
}
