package rapport.retention;

import java.util.Iterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import rapport.stats.SurvivalData;

/**
 * Loads compressed person-periods for the time-varying Cox model. The rows stream to the driver
 * into flat arrays: 8·(p + 3) + 1 bytes per compressed row for the data, plus the fitter's two sort
 * orders (see {@link SurvivalData}); with the five covariates about 73 bytes a row.
 */
final class CoxModel {
  private CoxModel() {}

  /**
   * @param compressed start, stop, event, the covariates of {@link Covariates#WINDOWED}, weight;
   *     sorted (see {@link PersonPeriods#compress})
   * @param rows the number of compressed rows
   * @return the rows as {@link SurvivalData} with the covariates of {@link Covariates#ALL}
   */
  static SurvivalData load(Dataset<Row> compressed, long rows) {
    int n = Math.toIntExact(rows);
    int p = Covariates.ALL.size();
    double[] start = new double[n];
    double[] stop = new double[n];
    boolean[] event = new boolean[n];
    double[] weight = new double[n];
    double[] x = new double[Math.multiplyExact(n, p)];
    var schema = compressed.schema();
    int startAt = schema.fieldIndex(PersonPeriods.START);
    int stopAt = schema.fieldIndex(PersonPeriods.STOP);
    int eventAt = schema.fieldIndex(PersonPeriods.EVENT);
    int weightAt = schema.fieldIndex(PersonPeriods.WEIGHT);
    int[] xAt = Covariates.ALL.stream().mapToInt(schema::fieldIndex).toArray();
    int i = 0;
    Iterator<Row> it = compressed.toLocalIterator();
    while (it.hasNext()) {
      Row r = it.next();
      if (i == n) {
        throw new IllegalStateException("more compressed person-periods than counted: " + n);
      }
      start[i] = r.getDouble(startAt);
      stop[i] = r.getDouble(stopAt);
      event[i] = r.getBoolean(eventAt);
      weight[i] = r.getDouble(weightAt);
      for (int k = 0; k < p; k++) {
        x[i * p + k] = r.getDouble(xAt[k]);
      }
      i++;
    }
    if (i != n) {
      throw new IllegalStateException("expected " + n + " compressed person-periods, read " + i);
    }
    return SurvivalData.ofRowMajor(Covariates.ALL, start, stop, event, weight, x);
  }
}
