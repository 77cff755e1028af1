package rapport.retention;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import rapport.schema.Columns;

/**
 * Counting-process rows (start, stop, event] for the Cox model with time-varying covariates, built
 * with Spark (Andersen &amp; Gill 1982; Therneau &amp; Grambsch 2000, §3.7).
 *
 * <p>The time scale is calendar days since the window start S, shared by every customer, so that
 * rows of different customers can coincide and compress; tenure enters as a covariate. Day d is the
 * interval (d−S, d−S+1], so a row covering days a … b is (a−S, b−S+1] and the event (churn on the
 * spell's last day) sits at the stop of its last row. Customers who join after S enter late (left
 * truncation), which the counting process handles.
 *
 * <p>A touch count over the trailing 90 days changes only on the day after a touch (+1) and on the
 * day the touch leaves the window, 91 days after it (−1). RFM and tenure (see {@link Covariates})
 * are refreshed on the grid S, S+R, S+2R, … (R = {@code cox_covariate_refresh_days}) with their
 * values as of each grid day. Each spell is split at every such change point between its entry and
 * its last day. Change points before the entry fold into the first row (a +1 and its −1 both before
 * the entry cancel; a +1 before and a −1 after it count from the entry); those after the last day
 * are dropped.
 *
 * <p>Identical (start, stop, event, covariates) are then compressed into one row whose weight is
 * their count, which the Cox fitter treats as that many rows (Efron included). What compresses is a
 * stretch without touches: it runs from grid day to grid day, shared by every customer with the
 * same RFM cell. A touch makes its rows the customer's own.
 */
final class PersonPeriods {
  private PersonPeriods() {}

  static final String START = "start";
  static final String STOP = "stop";
  static final String EVENT = "event";
  static final String WEIGHT = "weight";
  private static final String POINT = "_point";
  private static final String GRID = "_grid";

  /**
   * @param spells see {@link Spells}
   * @param customers customer_id (unique), customer_since
   * @param personal personal touches: customer_id, day (see {@link DayEvents})
   * @param automated automated touches: customer_id, day
   * @param orders completed orders: customer_id, day, value in cents
   * @param windowStart S
   * @param asOfDay T: spells end by T − 1
   * @param refreshDays R
   * @return start, stop, event, then {@link Covariates#ALL}: one row per person-period
   */
  static Dataset<Row> split(
      Dataset<Row> spells,
      Dataset<Row> customers,
      Dataset<Row> personal,
      Dataset<Row> automated,
      Dataset<Row> orders,
      long windowStart,
      long asOfDay,
      int refreshDays) {
    int w = Covariates.TOUCH_WINDOW_DAYS;
    Dataset<Row> points =
        changes(personal, w, windowStart, 1.0, 0.0)
            .unionAll(changes(automated, w, windowStart, 0.0, 1.0));
    // every spell gets a point at its entry (its first row) and at each grid day inside it
    Column lastGrid = floor(col(Spells.LAST).minus(windowStart).divide(refreshDays));
    Dataset<Row> gridPoints =
        spells
            .select(
                col(Columns.CUSTOMER_ID),
                col(Spells.ENTRY),
                explode(when(lastGrid.geq(1), sequence(lit(1L), lastGrid))).as("_k"))
            .select(
                col(Columns.CUSTOMER_ID),
                col("_k").multiply(refreshDays).plus(windowStart).as(POINT),
                lit(0.0).as(Covariates.PERSONAL_TOUCHES_90D),
                lit(0.0).as(Covariates.AUTOMATED_TOUCHES_90D))
            .unionAll(
                spells.select(
                    col(Columns.CUSTOMER_ID),
                    col(Spells.ENTRY).as(POINT),
                    lit(0.0).as(Covariates.PERSONAL_TOUCHES_90D),
                    lit(0.0).as(Covariates.AUTOMATED_TOUCHES_90D)));
    // spells are unique per customer, so the inner join keeps each change point at most once
    Dataset<Row> inSpell =
        points
            .unionAll(gridPoints)
            .join(
                spells.select(Columns.CUSTOMER_ID, Spells.ENTRY, Spells.LAST, Spells.IS_EVENT),
                new String[] {Columns.CUSTOMER_ID},
                "inner")
            .filter(col(POINT).leq(col(Spells.LAST)))
            .withColumn(POINT, greatest(col(POINT), col(Spells.ENTRY)));
    Dataset<Row> atPoints =
        inSpell
            .groupBy(col(Columns.CUSTOMER_ID), col(Spells.LAST), col(Spells.IS_EVENT), col(POINT))
            .agg(
                sum(Covariates.PERSONAL_TOUCHES_90D).as(Covariates.PERSONAL_TOUCHES_90D),
                sum(Covariates.AUTOMATED_TOUCHES_90D).as(Covariates.AUTOMATED_TOUCHES_90D));
    WindowSpec byPoint = Window.partitionBy(Columns.CUSTOMER_ID).orderBy(POINT);
    WindowSpec running = byPoint.rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    Column next = lead(col(POINT), 1).over(byPoint);
    Dataset<Row> rows =
        atPoints.select(
            col(Columns.CUSTOMER_ID),
            floor(col(POINT).minus(windowStart).divide(refreshDays)).as(GRID),
            col(POINT).minus(windowStart).cast("double").as(START),
            coalesce(next, col(Spells.LAST).plus(1)).minus(windowStart).cast("double").as(STOP),
            col(Spells.IS_EVENT).and(next.isNull()).as(EVENT),
            sum(Covariates.PERSONAL_TOUCHES_90D).over(running).as(Covariates.PERSONAL_TOUCHES_90D),
            sum(Covariates.AUTOMATED_TOUCHES_90D)
                .over(running)
                .as(Covariates.AUTOMATED_TOUCHES_90D));
    List<Column> out = new ArrayList<>(List.of(col(START), col(STOP), col(EVENT)));
    Covariates.ALL.forEach(c -> out.add(col(c)));
    return rows.join(
            rfmGrid(spells, customers, orders, windowStart, asOfDay, refreshDays),
            new String[] {Columns.CUSTOMER_ID, GRID},
            "inner")
        .select(out.toArray(Column[]::new));
  }

  /** customer_id, _grid, RFM as of each grid day S + k·R that any spell reaches. */
  private static Dataset<Row> rfmGrid(
      Dataset<Row> spells,
      Dataset<Row> customers,
      Dataset<Row> orders,
      long windowStart,
      long asOfDay,
      int refreshDays) {
    Dataset<Row> population =
        customers
            .select(Columns.CUSTOMER_ID, Columns.CUSTOMER_SINCE)
            .join(
                spells.select(Columns.CUSTOMER_ID),
                new String[] {Columns.CUSTOMER_ID},
                "left_semi");
    // the grid days S + k·R before T
    long count = (asOfDay - windowStart + refreshDays - 1) / refreshDays;
    return Covariates.rfmOnGrid(population, orders, windowStart, refreshDays, count, GRID);
  }

  /** The ±1 change points of touches whose window reaches S. */
  private static Dataset<Row> changes(
      Dataset<Row> touches, int window, long windowStart, double personal, double automated) {
    Dataset<Row> relevant = touches.filter(col(DayEvents.DAY).plus(window + 1).gt(windowStart));
    Dataset<Row> in =
        relevant.select(
            col(Columns.CUSTOMER_ID),
            col(DayEvents.DAY).plus(1).as(POINT),
            lit(personal).as(Covariates.PERSONAL_TOUCHES_90D),
            lit(automated).as(Covariates.AUTOMATED_TOUCHES_90D));
    Dataset<Row> out =
        relevant.select(
            col(Columns.CUSTOMER_ID),
            col(DayEvents.DAY).plus(window + 1).as(POINT),
            lit(-personal).as(Covariates.PERSONAL_TOUCHES_90D),
            lit(-automated).as(Covariates.AUTOMATED_TOUCHES_90D));
    return in.unionAll(out);
  }

  /** Identical person-periods as one row with their count as weight. */
  static Dataset<Row> compress(Dataset<Row> periods) {
    return periods.groupBy(keys()).agg(count(lit(1)).cast("double").as(WEIGHT));
  }

  /**
   * Sorted on every column, so that the fit sees the same rows in the same order on every run and
   * its sums are the same to the last bit.
   */
  static Dataset<Row> sorted(Dataset<Row> compressed) {
    return compressed.orderBy(keys());
  }

  private static Column[] keys() {
    List<Column> keys = new ArrayList<>(List.of(col(START), col(STOP), col(EVENT)));
    Covariates.ALL.forEach(n -> keys.add(col(n)));
    return keys.toArray(Column[]::new);
  }
}
