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
 * <p>Every windowed covariate (see {@link Covariates}) is a sum over the trailing w days, so it
 * changes only on the day after an event (+value) and on the day the event leaves the window, w + 1
 * days after it (−value). Each spell is split at every such change point between its entry and its
 * last day: on day d the row carries the sums of days d−w … d−1, which is what the customer's
 * hazard on day d may depend on. Day d of a customer with origin o is the interval (d−o, d−o+1] on
 * the tenure scale, so a row covering days a … b is (a−o, b−o+1], and the event (churn on the last
 * day) sits at the stop of the spell's last row.
 *
 * <p>Change points before the entry are folded into the first row (a +1 and its −1 both before the
 * entry cancel; a +1 before and a −1 after it count from the entry); points after the last day are
 * dropped. The rows are then compressed: identical (start, stop, event, covariates) become one row
 * whose weight is their count, which the Cox fitter treats as that many rows (Efron included).
 */
final class PersonPeriods {
  private PersonPeriods() {}

  static final String START = "start";
  static final String STOP = "stop";
  static final String EVENT = "event";
  static final String WEIGHT = "weight";
  private static final String POINT = "_point";

  /**
   * @param spells see {@link Spells}
   * @param windows the windowed covariates
   * @param windowStart S: events that left their window before it only cancel out, and are skipped
   * @return start, stop, event, then the model columns of {@link Covariates#WINDOWED}, one row per
   *     person-period
   */
  static Dataset<Row> split(
      Dataset<Row> spells, List<Covariates.Window> windows, long windowStart) {
    List<String> names = windows.stream().map(Covariates.Window::name).toList();
    Dataset<Row> points = null;
    for (int k = 0; k < windows.size(); k++) {
      Covariates.Window w = windows.get(k);
      Dataset<Row> events =
          w.events().filter(col(DayEvents.DAY).plus(w.days() + 1).gt(windowStart));
      Dataset<Row> in = changes(events, names, k, col(DayEvents.DAY).plus(1), 1);
      Dataset<Row> out = changes(events, names, k, col(DayEvents.DAY).plus(w.days() + 1), -1);
      points = points == null ? in.unionAll(out) : points.unionAll(in).unionAll(out);
    }
    // every spell gets a point at its entry, so that its first row exists without any change
    List<Column> zero = new ArrayList<>();
    zero.add(col(Columns.CUSTOMER_ID));
    zero.add(col(Spells.ENTRY).as(POINT));
    names.forEach(n -> zero.add(lit(0L).as(n)));
    points = points.unionAll(spells.select(zero.toArray(Column[]::new)));
    // spells are unique per customer, so the inner join keeps each change point at most once
    Dataset<Row> inSpell =
        points
            .join(
                spells.select(
                    Columns.CUSTOMER_ID, Spells.ORIGIN, Spells.ENTRY, Spells.LAST, Spells.IS_EVENT),
                new String[] {Columns.CUSTOMER_ID},
                "inner")
            .filter(col(POINT).leq(col(Spells.LAST)))
            .withColumn(POINT, greatest(col(POINT), col(Spells.ENTRY)));
    Column[] sums = names.stream().map(n -> sum(n).as(n)).toArray(Column[]::new);
    Dataset<Row> atPoints =
        inSpell
            .groupBy(
                col(Columns.CUSTOMER_ID),
                col(Spells.ORIGIN),
                col(Spells.LAST),
                col(Spells.IS_EVENT),
                col(POINT))
            .agg(sums[0], java.util.Arrays.copyOfRange(sums, 1, sums.length));
    WindowSpec byPoint = Window.partitionBy(Columns.CUSTOMER_ID).orderBy(POINT);
    WindowSpec running = byPoint.rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    List<Column> rows = new ArrayList<>();
    Column next = lead(col(POINT), 1).over(byPoint);
    rows.add(col(POINT).minus(col(Spells.ORIGIN)).cast("double").as(START));
    rows.add(
        coalesce(next, col(Spells.LAST).plus(1)).minus(col(Spells.ORIGIN)).cast("double").as(STOP));
    rows.add(col(Spells.IS_EVENT).and(next.isNull()).as(EVENT));
    names.forEach(n -> rows.add(sum(n).over(running).as(n)));
    List<Column> model = new ArrayList<>(List.of(col(START), col(STOP), col(EVENT)));
    model.addAll(List.of(Covariates.modelColumns()));
    return atPoints.select(rows.toArray(Column[]::new)).select(model.toArray(Column[]::new));
  }

  private static Dataset<Row> changes(
      Dataset<Row> events, List<String> names, int k, Column point, int sign) {
    List<Column> cols = new ArrayList<>();
    cols.add(col(Columns.CUSTOMER_ID));
    cols.add(point.as(POINT));
    for (int j = 0; j < names.size(); j++) {
      cols.add((j == k ? col(DayEvents.VALUE).multiply(sign) : lit(0L)).as(names.get(j)));
    }
    return events.select(cols.toArray(Column[]::new));
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
    Covariates.WINDOWED.forEach(n -> keys.add(col(n)));
    return keys.toArray(Column[]::new);
  }
}
