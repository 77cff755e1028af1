package rapport.retention;

import static org.apache.spark.sql.functions.*;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import rapport.schema.Scores;

/**
 * The covariates of the retention models, each a sum over a trailing window of whole days: on day d
 * a window of w days holds the events of days d−w … d−1 (an event counts from the day after it
 * happened, for w days). The Cox model follows them as they change; the logistic model reads them
 * at the cut-off.
 *
 * <ul>
 *   <li>personal_touches_90d, automated_touches_90d: touches of each kind;
 *   <li>orders_90d (recency), orders_365d (frequency): completed orders;
 *   <li>log_monetary_365d: log(1 + completed order value in the 365 days), rounded to 0.1 so that
 *       identical person-periods compress (a 5% step in spend, well below what it can explain).
 * </ul>
 *
 * Tenure is the Cox model's time scale; the logistic model takes it as tenure_years.
 */
final class Covariates {
  private Covariates() {}

  static final String PERSONAL_TOUCHES_90D = Scores.PERSONAL_TOUCHES_90D;
  static final String AUTOMATED_TOUCHES_90D = Scores.AUTOMATED_TOUCHES_90D;
  static final String ORDERS_90D = "orders_90d";
  static final String ORDERS_365D = "orders_365d";
  static final String LOG_MONETARY_365D = "log_monetary_365d";
  static final String TENURE_YEARS = "tenure_years";

  /** The running sum behind log_monetary_365d, in cents. */
  static final String SPEND_CENTS_365D = "spend_cents_365d";

  /** The windowed covariates, in model order. */
  static final List<String> WINDOWED =
      List.of(
          PERSONAL_TOUCHES_90D, AUTOMATED_TOUCHES_90D, ORDERS_90D, ORDERS_365D, LOG_MONETARY_365D);

  /**
   * A windowed sum: its events (customer_id, day, value) and its window.
   *
   * @param name the column it becomes
   * @param events customer_id, day, value
   * @param days the window length w
   */
  record Window(String name, Dataset<Row> events, int days) {}

  /** The windows behind {@link #WINDOWED}, from touches and completed orders (see DayEvents). */
  static List<Window> windows(Dataset<Row> personal, Dataset<Row> automated, Dataset<Row> orders) {
    return List.of(
        new Window(PERSONAL_TOUCHES_90D, personal, 90),
        new Window(AUTOMATED_TOUCHES_90D, automated, 90),
        new Window(ORDERS_90D, DayEvents.counted(orders), 90),
        new Window(ORDERS_365D, DayEvents.counted(orders), 365),
        new Window(SPEND_CENTS_365D, orders, 365));
  }

  /** log(1 + max(0, spend)) on a 0.1 grid, spend in currency units from cents. */
  static Column logMonetary(Column cents) {
    return round(log1p(greatest(cents.divide(100.0), lit(0.0))), 1);
  }

  /** The model columns from the raw window sums (the spend sum becomes its log). */
  static Column[] modelColumns() {
    return new Column[] {
      col(PERSONAL_TOUCHES_90D).cast("double").as(PERSONAL_TOUCHES_90D),
      col(AUTOMATED_TOUCHES_90D).cast("double").as(AUTOMATED_TOUCHES_90D),
      col(ORDERS_90D).cast("double").as(ORDERS_90D),
      col(ORDERS_365D).cast("double").as(ORDERS_365D),
      logMonetary(col(SPEND_CENTS_365D)).as(LOG_MONETARY_365D)
    };
  }
}
