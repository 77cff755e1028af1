package rapport.retention;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import rapport.schema.Columns;

/**
 * The covariates of {@link Covariates} as of one cut-off day c, from events strictly before c: the
 * few features the retention models need (the scores stage keeps the full feature set).
 */
final class PointInTime {
  private PointInTime() {}

  /**
   * @param population customer_id (unique), customer_since
   * @param windows the windowed sums
   * @param cutoffDay c as an epoch day
   * @return customer_id, the model columns of {@link Covariates} and tenure_years, one row per
   *     customer of the population
   */
  static Dataset<Row> features(
      Dataset<Row> population, List<Covariates.Window> windows, long cutoffDay) {
    Dataset<Row> tagged = null;
    for (int k = 0; k < windows.size(); k++) {
      Covariates.Window w = windows.get(k);
      List<Column> cols = new ArrayList<>();
      cols.add(col(Columns.CUSTOMER_ID));
      for (int j = 0; j < windows.size(); j++) {
        cols.add((j == k ? col(DayEvents.VALUE) : lit(0L)).as(windows.get(j).name()));
      }
      Dataset<Row> in =
          w.events()
              .filter(
                  col(DayEvents.DAY)
                      .geq(cutoffDay - w.days())
                      .and(col(DayEvents.DAY).lt(cutoffDay)))
              .select(cols.toArray(Column[]::new));
      tagged = tagged == null ? in : tagged.unionAll(in);
    }
    Column[] sums = windows.stream().map(w -> sum(w.name()).as(w.name())).toArray(Column[]::new);
    Dataset<Row> byCustomer =
        tagged
            .groupBy(Columns.CUSTOMER_ID)
            .agg(sums[0], java.util.Arrays.copyOfRange(sums, 1, sums.length));
    List<Column> filled = new ArrayList<>();
    filled.add(col(Columns.CUSTOMER_ID));
    filled.add(col(Columns.CUSTOMER_SINCE));
    for (Covariates.Window w : windows) {
      filled.add(coalesce(col(w.name()), lit(0L)).as(w.name()));
    }
    List<Column> model = new ArrayList<>();
    model.add(col(Columns.CUSTOMER_ID));
    model.addAll(List.of(Covariates.modelColumns()));
    // Rounded like the spend, so that customers compress into few distinct feature rows.
    model.add(
        round(
                lit(cutoffDay)
                    .minus(DayEvents.dayOfDate(col(Columns.CUSTOMER_SINCE)))
                    .divide(365.25),
                1)
            .as(Covariates.TENURE_YEARS));
    return population
        .select(Columns.CUSTOMER_ID, Columns.CUSTOMER_SINCE)
        .join(byCustomer, new String[] {Columns.CUSTOMER_ID}, "left_outer")
        .select(filled.toArray(Column[]::new))
        .select(model.toArray(Column[]::new));
  }
}
