package rapport.retention;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import rapport.stats.SurvivalData;

/**
 * Loads compressed person-periods for the time-varying Cox model. The rows stream to the driver
 * into flat arrays: 8·(p + 3) + 1 bytes per compressed row for the data, plus the fitter's two sort
 * orders (see {@link SurvivalData}); with the five covariates about 73 bytes a row. The arrays
 * double as the rows come, so while loading they hold up to twice that, three times at a copy.
 */
final class CoxModel {
  private CoxModel() {}

  /**
   * @param compressed start, stop, event, the covariates of {@link Covariates#WINDOWED}, weight;
   *     sorted (see {@link PersonPeriods#compress})
   * @return the rows as {@link SurvivalData} with the covariates of {@link Covariates#ALL}, read in
   *     one pass (the arrays grow as the rows come, so no count is taken first); none when there
   *     are no rows
   */
  static Optional<SurvivalData> load(Dataset<Row> compressed) {
    int p = Covariates.ALL.size();
    int capacity = 1024;
    double[] start = new double[capacity];
    double[] stop = new double[capacity];
    boolean[] event = new boolean[capacity];
    double[] weight = new double[capacity];
    double[] x = new double[capacity * p];
    var schema = compressed.schema();
    int startAt = schema.fieldIndex(PersonPeriods.START);
    int stopAt = schema.fieldIndex(PersonPeriods.STOP);
    int eventAt = schema.fieldIndex(PersonPeriods.EVENT);
    int weightAt = schema.fieldIndex(PersonPeriods.WEIGHT);
    int[] xAt = Covariates.ALL.stream().mapToInt(schema::fieldIndex).toArray();
    int n = 0;
    Iterator<Row> it = compressed.toLocalIterator();
    while (it.hasNext()) {
      Row r = it.next();
      if (n == capacity) {
        capacity = Math.multiplyExact(capacity, 2);
        start = Arrays.copyOf(start, capacity);
        stop = Arrays.copyOf(stop, capacity);
        event = Arrays.copyOf(event, capacity);
        weight = Arrays.copyOf(weight, capacity);
        x = Arrays.copyOf(x, Math.multiplyExact(capacity, p));
      }
      start[n] = r.getDouble(startAt);
      stop[n] = r.getDouble(stopAt);
      event[n] = r.getBoolean(eventAt);
      weight[n] = r.getDouble(weightAt);
      for (int k = 0; k < p; k++) {
        x[n * p + k] = r.getDouble(xAt[k]);
      }
      n++;
    }
    if (n == 0) {
      return Optional.empty();
    }
    return Optional.of(
        SurvivalData.ofRowMajor(
            Covariates.ALL,
            Arrays.copyOf(start, n),
            Arrays.copyOf(stop, n),
            Arrays.copyOf(event, n),
            Arrays.copyOf(weight, n),
            Arrays.copyOf(x, n * p)));
  }
}
