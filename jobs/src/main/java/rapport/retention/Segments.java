package rapport.retention;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import rapport.domain.RetentionLabels;
import rapport.stats.KaplanMeier;
import rapport.stats.KaplanMeierFit;
import rapport.stats.WilsonInterval;

/**
 * Retention by segment with Wilson 95% intervals, and a Kaplan–Meier curve per segment with
 * Greenwood log-scale intervals, its median and the median's interval (see {@link KaplanMeier}).
 * Spark reduces the customers to counts per (segment, duration, event); the fits run on those
 * counts as case weights, which gives the same curve as one row per customer.
 */
final class Segments {
  private Segments() {}

  static final String SEGMENT = "segment";

  /** A segmentation's results. */
  record Result(
      String kind,
      List<Row> segmentRows,
      List<Row> curveRows,
      Map<String, KaplanMeierFit> curves) {}

  /**
   * A segmentation to compute.
   *
   * @param outcomes customer_id, segment, is_retained, duration_days, has_event
   * @param kind the segmentation's name (touch_mix, personal_index_band)
   * @param order the segments to report, in order (those without customers get n = 0)
   */
  record Segmentation(Dataset<Row> outcomes, String kind, List<String> order) {}

  /**
   * Several segmentations' results, in their order, from one aggregation of their outcomes (each
   * tagged with its index): a segment's counts are the sums of its durations' counts. The few rows
   * are sorted here, not by a Spark sort and its extra jobs.
   */
  static List<Result> of(List<Segmentation> segmentations) {
    Dataset<Row> tagged = null;
    for (int k = 0; k < segmentations.size(); k++) {
      Dataset<Row> one =
          segmentations
              .get(k)
              .outcomes()
              .select(
                  lit(k).as("_kind"),
                  col(SEGMENT),
                  col(Landmark.DURATION),
                  col(Landmark.HAS_EVENT),
                  col(RetentionLabels.IS_RETAINED));
      tagged = tagged == null ? one : tagged.unionAll(one);
    }
    List<List<Row>> rows = new ArrayList<>();
    segmentations.forEach(x -> rows.add(new ArrayList<>()));
    for (Row r :
        tagged
            .groupBy(col("_kind"), col(SEGMENT), col(Landmark.DURATION), col(Landmark.HAS_EVENT))
            .agg(count(lit(1)), sum(when(col(RetentionLabels.IS_RETAINED), 1L).otherwise(0L)))
            .collectAsList()) {
      rows.get(r.getInt(0)).add(r);
    }
    List<Result> results = new ArrayList<>();
    for (int k = 0; k < segmentations.size(); k++) {
      List<Row> mine = rows.get(k);
      mine.sort(
          Comparator.comparing((Row r) -> r.getString(1))
              .thenComparingDouble(r -> r.getDouble(2))
              .thenComparing(r -> r.getBoolean(3)));
      Segmentation s = segmentations.get(k);
      results.add(result(s.kind(), s.order(), mine));
    }
    return results;
  }

  /**
   * @param rows kind index, segment, duration_days, has_event, customers, retained; sorted
   */
  private static Result result(String kind, List<String> order, List<Row> rows) {
    Map<String, long[]> counts = new TreeMap<>();
    Map<String, List<double[]>> byDuration = new TreeMap<>();
    for (Row r : rows) {
      long[] c = counts.computeIfAbsent(r.getString(1), k -> new long[2]);
      c[0] += r.getLong(4);
      c[1] += r.getLong(5);
      byDuration
          .computeIfAbsent(r.getString(1), k -> new ArrayList<>())
          .add(new double[] {r.getDouble(2), r.getBoolean(3) ? 1 : 0, r.getLong(4)});
    }
    List<String> segments = new ArrayList<>(order);
    counts.keySet().stream().filter(s -> !segments.contains(s)).forEach(segments::add);
    List<Row> segmentRows = new ArrayList<>();
    List<Row> curveRows = new ArrayList<>();
    Map<String, KaplanMeierFit> curves = new LinkedHashMap<>();
    for (String s : segments) {
      long[] c = counts.getOrDefault(s, new long[2]);
      WilsonInterval w = c[0] > 0 ? WilsonInterval.of(c[1], c[0]) : null;
      KaplanMeierFit km = null;
      List<double[]> d = byDuration.get(s);
      if (d != null) {
        km = fit(kind + " " + s, d);
        curves.put(s, km);
        double[] times = km.times();
        double[] surv = km.survival();
        double[] lo = km.lower();
        double[] hi = km.upper();
        double[] risk = km.atRisk();
        for (int i = 0; i < times.length; i++) {
          curveRows.add(
              RowFactory.create(
                  kind, s, times[i], surv[i], finite(lo[i]), finite(hi[i]), Math.round(risk[i])));
        }
      }
      segmentRows.add(
          RowFactory.create(
              kind,
              s,
              c[0],
              c[1],
              w == null ? null : w.estimate(),
              w == null ? null : w.lower(),
              w == null ? null : w.upper(),
              km == null ? null : finite(km.median()),
              km == null ? null : finite(km.medianLower()),
              km == null ? null : finite(km.medianUpper())));
    }
    return new Result(kind, segmentRows, curveRows, curves);
  }

  private static KaplanMeierFit fit(String label, List<double[]> rows) {
    double[] t = new double[rows.size()];
    boolean[] e = new boolean[rows.size()];
    double[] w = new double[rows.size()];
    for (int i = 0; i < t.length; i++) {
      t[i] = rows.get(i)[0];
      e[i] = rows.get(i)[1] == 1;
      w[i] = rows.get(i)[2];
    }
    return KaplanMeier.fit(label, t, e, w, 0.95);
  }

  /** NaN (a median never reached, an interval where S is 0) is stored as null. */
  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
