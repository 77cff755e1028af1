package rapport.retention;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import rapport.schema.Columns;
import rapport.schema.Scores;

/**
 * The covariates of the retention models, all from events strictly before the day they describe.
 *
 * <p>Touches, as counts over a trailing window of whole days: on day d a window of w days holds the
 * touches of days d−w … d−1 (a touch counts from the day after it, for w days). The Cox model
 * follows them day by day as they change.
 *
 * <ul>
 *   <li>personal_touches_90d, automated_touches_90d.
 * </ul>
 *
 * RFM and tenure, as of a day, on a coarse grid so that customers with similar histories share rows
 * (the Cox model refreshes them every {@code cox_covariate_refresh_days}, see {@link
 * PersonPeriods}):
 *
 * <ul>
 *   <li>recency_months: whole 30-day months since the last completed order, 12 for a year or more
 *       or for no order;
 *   <li>log_orders_365d: log(1 + completed orders in the 365 days), rounded to 0.5;
 *   <li>log_monetary_365d: log(1 + their value), rounded to 0.5;
 *   <li>tenure_years: whole years since customer_since, at most 20.
 * </ul>
 */
final class Covariates {
  private Covariates() {}

  static final String PERSONAL_TOUCHES_90D = Scores.PERSONAL_TOUCHES_90D;
  static final String AUTOMATED_TOUCHES_90D = Scores.AUTOMATED_TOUCHES_90D;
  static final String RECENCY_MONTHS = "recency_months";
  static final String LOG_ORDERS_365D = "log_orders_365d";
  static final String LOG_MONETARY_365D = "log_monetary_365d";
  static final String TENURE_YEARS = "tenure_years";

  static final int TOUCH_WINDOW_DAYS = 90;

  static final List<String> TOUCHES = List.of(PERSONAL_TOUCHES_90D, AUTOMATED_TOUCHES_90D);
  static final List<String> RFM =
      List.of(RECENCY_MONTHS, LOG_ORDERS_365D, LOG_MONETARY_365D, TENURE_YEARS);

  /** Every covariate, in model order. */
  static final List<String> ALL = all();

  private static List<String> all() {
    List<String> a = new ArrayList<>(TOUCHES);
    a.addAll(RFM);
    return List.copyOf(a);
  }

  /**
   * RFM and tenure as of each of the days {@code first + k·step}, k = 0 … count − 1, for a
   * population, in one aggregation of the orders: each order is counted on the grid days after it,
   * so that the rows are the RFM of {@link #at} on each day with column {@code gridColumn} = k.
   *
   * @return customer_id, gridColumn (long) and the columns of {@link #RFM}: one row per customer
   *     and grid day
   */
  static Dataset<Row> rfmOnGrid(
      Dataset<Row> population, Dataset<Row> orders, long first, int step, long count, String grid) {
    Column day = col(DayEvents.DAY);
    // the first grid day after the order's day: first + k·step > day
    Column firstAfter = greatest(floor(day.minus(first).divide(step)).plus(1), lit(0L));
    Column gridDay = col(grid).multiply(step).plus(first);
    Dataset<Row> history =
        history(
            orders.select(
                col(Columns.CUSTOMER_ID),
                day,
                col(DayEvents.VALUE),
                explode(when(firstAfter.leq(count - 1), sequence(firstAfter, lit(count - 1))))
                    .as(grid)),
            gridDay,
            List.of(),
            Columns.CUSTOMER_ID,
            grid);
    return population
        .select(
            col(Columns.CUSTOMER_ID),
            col(Columns.CUSTOMER_SINCE),
            explode(sequence(lit(0L), lit(count - 1))).as(grid))
        .join(history, new String[] {Columns.CUSTOMER_ID, grid}, "left_outer")
        .select(rfm(gridDay, col(Columns.CUSTOMER_ID), col(grid)));
  }

  /**
   * The last order day, the orders and their cents of the 365 days before {@code day}, and the
   * aggregates {@code more}. Rows whose day is null (other events) add nothing to the three.
   */
  private static Dataset<Row> history(
      Dataset<Row> before, Column day, List<Column> more, String... keys) {
    List<Column> aggs = new ArrayList<>(more);
    aggs.add(sum(when(col(DayEvents.DAY).geq(day.minus(365)), 1L).otherwise(0L)).as("_n"));
    aggs.add(
        sum(when(col(DayEvents.DAY).geq(day.minus(365)), col(DayEvents.VALUE)).otherwise(0L))
            .as("_cents"));
    return before
        .groupBy(keys[0], java.util.Arrays.copyOfRange(keys, 1, keys.length))
        .agg(max(DayEvents.DAY).as("_last"), aggs.toArray(Column[]::new));
  }

  /** The key columns, then those of {@link #RFM} as of {@code day} from a customer's history. */
  private static Column[] rfm(Column day, Column... keys) {
    Column since = DayEvents.dayOfDate(col(Columns.CUSTOMER_SINCE));
    List<Column> out = new ArrayList<>(List.of(keys));
    out.add(
        coalesce(least(floor(day.minus(1).minus(col("_last")).divide(30)), lit(12L)), lit(12L))
            .cast("double")
            .as(RECENCY_MONTHS));
    out.add(halves(log1p(coalesce(col("_n"), lit(0L)).cast("double"))).as(LOG_ORDERS_365D));
    out.add(
        halves(log1p(greatest(coalesce(col("_cents"), lit(0L)).divide(100.0), lit(0.0))))
            .as(LOG_MONETARY_365D));
    out.add(
        least(greatest(floor(day.minus(since).divide(365.25)), lit(0L)), lit(20L))
            .cast("double")
            .as(TENURE_YEARS));
    return out.toArray(Column[]::new);
  }

  /** Rounds to the nearest 0.5. */
  private static Column halves(Column v) {
    return round(v.multiply(2)).divide(2.0);
  }

  /**
   * Touches of the window as events: a touch enters with a null day and value, so that only the
   * orders make the RFM history, and with 1.0 in the column of its kind ({@code _p} or {@code _a}).
   */
  private static Dataset<Row> touchEvents(
      Dataset<Row> touches, Column inWindow, double personal, double automated) {
    return touches
        .filter(inWindow)
        .select(
            col(Columns.CUSTOMER_ID),
            lit(null).cast("int").as(DayEvents.DAY),
            lit(null).cast("long").as(DayEvents.VALUE),
            lit(personal).as("_p"),
            lit(automated).as("_a"));
  }

  /**
   * Touches and RFM as of one day, for a population, in one aggregation of its touches and orders.
   *
   * @param population customer_id (unique), customer_since, and any other columns, which are kept
   * @param personal customer_id, day of personal touches (see {@link DayEvents})
   * @param automated the same for automated touches
   * @param orders completed orders: customer_id, day, value in cents
   * @return customer_id, the population's other columns but customer_since, and {@link #ALL}
   *     (doubles)
   */
  static Dataset<Row> at(
      Dataset<Row> population,
      Dataset<Row> personal,
      Dataset<Row> automated,
      Dataset<Row> orders,
      long day) {
    Column eventDay = col(DayEvents.DAY);
    Column inWindow = eventDay.geq(day - TOUCH_WINDOW_DAYS).and(eventDay.lt(day));
    Dataset<Row> events =
        touchEvents(personal, inWindow, 1.0, 0.0)
            .unionAll(touchEvents(automated, inWindow, 0.0, 1.0))
            .unionAll(
                orders
                    .filter(eventDay.lt(day))
                    .select(
                        col(Columns.CUSTOMER_ID),
                        eventDay,
                        col(DayEvents.VALUE),
                        lit(0.0).as("_p"),
                        lit(0.0).as("_a")));
    Dataset<Row> history =
        history(
            events, lit(day), List.of(sum("_p").as("_p"), sum("_a").as("_a")), Columns.CUSTOMER_ID);
    List<Column> keys = new ArrayList<>();
    for (String c : population.columns()) {
      if (!c.equals(Columns.CUSTOMER_SINCE)) {
        keys.add(col(c));
      }
    }
    keys.add(coalesce(col("_p"), lit(0.0)).as(PERSONAL_TOUCHES_90D));
    keys.add(coalesce(col("_a"), lit(0.0)).as(AUTOMATED_TOUCHES_90D));
    return population
        .join(history, new String[] {Columns.CUSTOMER_ID}, "left_outer")
        .select(rfm(lit(day), keys.toArray(Column[]::new)));
  }
}
