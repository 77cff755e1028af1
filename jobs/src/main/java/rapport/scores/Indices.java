package rapport.scores;

import static org.apache.spark.sql.functions.*;
import static rapport.schema.Scores.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * The personal and the automated index, each 0–100, kept apart: a fixed-weight sum of components in
 * [0, 1], times 100.
 *
 * <p>A count-like feature becomes a component by its percentile among the customers that have any
 * (value &gt; 0) at the same cut-off: 0 for none, else the mid-rank of its value among the 99
 * percentiles of the positive values (so 0.005..0.995). "Days since" becomes one minus that
 * percentile. Shares already in [0, 1] (reciprocity, household reach, mean personal_score) are used
 * as they are. Percentiles are computed with Spark's approxQuantile (relative error 0.001), so the
 * index says where a customer stands among the customers of the same business at the same date.
 */
public final class Indices {
  private Indices() {}

  static final double[] PROBS = probs();

  private static double[] probs() {
    double[] p = new double[99];
    for (int i = 0; i < 99; i++) {
      p[i] = (i + 1) / 100.0;
    }
    return p;
  }

  /** One component: its name, weight, how it is built, and the formula in words. */
  public record Component(String name, double weight, String formula) {}

  public static final List<Component> PERSONAL =
      List.of(
          new Component(
              "personal_touches_365d", 0.25, "percentile of personal_touches_365d among > 0"),
          new Component(
              "personal_recency", 0.20, "1 - percentile of days_since_personal_touch; 0 if none"),
          new Component(
              "personal_touches_90d", 0.10, "percentile of personal_touches_90d among > 0"),
          new Component("reciprocity", 0.10, "reciprocity_365d (0 without outbound touches)"),
          new Component(
              "continuity", 0.10, "main_rep_share * min(main_rep_years, 3) / 3 (0 without)"),
          new Component("household_reach", 0.10, "household_reach_365d"),
          new Component(
              "depth",
              0.10,
              "0.5 * personal_score_mean_365d + 0.5 * percentile of note_chars_mean_365d"),
          new Component("microconnections", 0.05, "percentile of microconnections_365d among > 0"));

  public static final List<Component> AUTOMATED =
      List.of(
          new Component(
              "automated_touches_365d", 0.50, "percentile of automated_touches_365d among > 0"),
          new Component(
              "automated_touches_90d", 0.30, "percentile of automated_touches_90d among > 0"),
          new Component(
              "automated_since_personal",
              0.20,
              "percentile of automated_since_personal among > 0"));

  /** The features ranked by percentile. */
  static final List<String> RANKED =
      List.of(
          PERSONAL_TOUCHES_365D,
          DAYS_SINCE_PERSONAL_TOUCH,
          PERSONAL_TOUCHES_90D,
          NOTE_CHARS_MEAN_365D,
          MICROCONNECTIONS_365D,
          AUTOMATED_TOUCHES_365D,
          AUTOMATED_TOUCHES_90D,
          AUTOMATED_SINCE_PERSONAL);

  /** The 99 percentiles of the positive values of each ranked feature at one cut-off. */
  public record Cutpoints(Map<String, double[]> byFeature) {
    public double[] of(String feature) {
      return byFeature.get(feature);
    }
  }

  /** One pass over the features: approxQuantile ignores nulls, so non-positive become null. */
  public static Cutpoints cutpoints(Dataset<Row> features) {
    Column[] positive =
        RANKED.stream()
            .map(f -> when(col(f).gt(0), col(f).cast("double")).as(f))
            .toArray(Column[]::new);
    // approxQuantile's sketch depends on the order it sees the values in (partial sketches are
    // merged as the partitions come): one partition in a fixed order gives the same cutpoints on
    // every master and every rerun
    Column[] order = RANKED.stream().map(f -> col(f).asc_nulls_first()).toArray(Column[]::new);
    double[][] q =
        features
            .select(positive)
            .repartition(1)
            .sortWithinPartitions(order)
            .stat()
            .approxQuantile(RANKED.toArray(String[]::new), PROBS, 0.001);
    Map<String, double[]> out = new LinkedHashMap<>();
    for (int i = 0; i < RANKED.size(); i++) {
      out.put(RANKED.get(i), q[i]);
    }
    return new Cutpoints(out);
  }

  /** The mid-rank of v among the cutpoints, in (0, 1); 0 for null or v &lt;= 0. */
  static double percentile(double[] cutpoints, Double v) {
    if (v == null || !(v > 0) || cutpoints == null || cutpoints.length == 0) {
      return 0.0;
    }
    int below = 0;
    int atOrBelow = 0;
    for (double q : cutpoints) {
      if (q < v) {
        below++;
      }
      if (q <= v) {
        atOrBelow++;
      }
    }
    return (0.5 + (below + atOrBelow) / 2.0) / (cutpoints.length + 1);
  }

  private static Column pct(Cutpoints c, String feature) {
    double[] q = c.of(feature);
    UserDefinedFunction f = udf((UDF1<Double, Double>) v -> percentile(q, v), DataTypes.DoubleType);
    return f.apply(col(feature).cast("double"));
  }

  private static Column orZero(String feature) {
    return coalesce(col(feature).cast("double"), lit(0.0));
  }

  /** The components as columns, named as in {@link #PERSONAL} and {@link #AUTOMATED}. */
  static Map<String, Column> components(Cutpoints c) {
    Map<String, Column> m = new LinkedHashMap<>();
    m.put("personal_touches_365d", pct(c, PERSONAL_TOUCHES_365D));
    m.put(
        "personal_recency",
        when(col(DAYS_SINCE_PERSONAL_TOUCH).isNull(), lit(0.0))
            .otherwise(lit(1.0).minus(pct(c, DAYS_SINCE_PERSONAL_TOUCH))));
    m.put("personal_touches_90d", pct(c, PERSONAL_TOUCHES_90D));
    m.put("reciprocity", orZero(RECIPROCITY_365D));
    m.put(
        "continuity",
        orZero(MAIN_REP_SHARE).multiply(least(col(MAIN_REP_YEARS), lit(3L)).divide(3.0)));
    m.put("household_reach", orZero(HOUSEHOLD_REACH_365D));
    m.put(
        "depth",
        orZero(PERSONAL_SCORE_MEAN_365D)
            .multiply(0.5)
            .plus(pct(c, NOTE_CHARS_MEAN_365D).multiply(0.5)));
    m.put("microconnections", pct(c, MICROCONNECTIONS_365D));
    m.put("automated_touches_365d", pct(c, AUTOMATED_TOUCHES_365D));
    m.put("automated_touches_90d", pct(c, AUTOMATED_TOUCHES_90D));
    m.put("automated_since_personal", pct(c, AUTOMATED_SINCE_PERSONAL));
    return m;
  }

  private static Column index(List<Component> parts, Map<String, Column> components) {
    Column sum = lit(0.0);
    for (Component p : parts) {
      sum = sum.plus(components.get(p.name()).multiply(p.weight()));
    }
    return round(sum.multiply(100.0), 1);
  }

  /** Adds personal_index and automated_index. */
  public static Dataset<Row> withIndices(Dataset<Row> features, Cutpoints c) {
    Map<String, Column> comps = components(c);
    return features
        .withColumn(PERSONAL_INDEX, index(PERSONAL, comps))
        .withColumn(AUTOMATED_INDEX, index(AUTOMATED, comps));
  }

  /** How each index is built, with the cutpoints' quartiles, for explain.txt. */
  public static String describe(Cutpoints c) {
    StringBuilder s = new StringBuilder();
    describe(s, PERSONAL_INDEX, PERSONAL);
    describe(s, AUTOMATED_INDEX, AUTOMATED);
    s.append(
        "percentiles are mid-ranks among the customers with a positive value at the cut-off;\n");
    s.append("quartiles of those values at T:\n");
    s.append(
        String.format(Locale.ROOT, "  %-28s %10s %10s %10s%n", "feature", "p25", "p50", "p75"));
    for (String f : RANKED) {
      double[] q = c.of(f);
      if (q == null || q.length < 99) {
        s.append(String.format(Locale.ROOT, "  %-28s %10s %10s %10s%n", f, "-", "-", "-"));
      } else {
        s.append(
            String.format(Locale.ROOT, "  %-28s %10.1f %10.1f %10.1f%n", f, q[24], q[49], q[74]));
      }
    }
    return s.toString();
  }

  private static void describe(StringBuilder s, String name, List<Component> parts) {
    s.append(name).append(" = 100 x (");
    List<String> terms = new ArrayList<>();
    for (Component p : parts) {
      terms.add(String.format(Locale.ROOT, "%.2f * %s", p.weight(), p.name()));
    }
    s.append(String.join(" + ", terms)).append(")\n");
    for (Component p : parts) {
      s.append(String.format(Locale.ROOT, "  %-26s %s%n", p.name(), p.formula()));
    }
    s.append('\n');
  }

  static double weightSum(List<Component> parts) {
    return Arrays.stream(parts.stream().mapToDouble(Component::weight).toArray()).sum();
  }
}
