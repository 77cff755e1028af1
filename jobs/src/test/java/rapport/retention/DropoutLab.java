package rapport.retention;

import static org.apache.spark.sql.functions.*;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import rapport.schema.Columns;
import rapport.schema.Touches;
import rapport.stats.ContinuousDropout;
import rapport.stats.Estimate;
import rapport.testing.TestSpark;

/**
 * A development entry point, not a test: fits the continuous-time dropout model on a committed
 * run's tables (tables/orders, tables/touches), the touch kinds either the classifier's or the
 * world's truth (truth/touch_labels.csv joined on interaction_id), and prints diagnostics of the
 * outreach exposure.
 *
 * <p>Arguments: RUN (the run's dated folder) WORLD (the generated world) KINDS (classifier or
 * truth) CUSTOMERS (a sample by stable hash; 0 for all) [fit|nofit].
 */
public final class DropoutLab {
  private DropoutLab() {}

  private static final String ZONE = "Europe/Berlin";
  private static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);

  public static void main(String[] args) {
    Path run = Paths.get(args[0]);
    Path world = Paths.get(args[1]);
    boolean truth = args[2].equals("truth");
    int sample = Integer.parseInt(args[3]);
    boolean fit = args.length < 5 || args[4].equals("fit");
    SparkSession spark = TestSpark.session();
    Dataset<Row> orders = spark.read().parquet(run.resolve("tables/orders").toString());
    Dataset<Row> classified = spark.read().parquet(run.resolve("tables/touches").toString());
    Dataset<Row> labels =
        spark
            .read()
            .option("header", "true")
            .csv(world.resolve("truth/touch_labels.csv").toString())
            .select(
                col(Columns.INTERACTION_ID),
                col(Touches.TOUCH_KIND).as("true_kind"),
                col(Touches.AUTOMATED_KIND).as("true_automated_kind"));
    Dataset<Row> joined = classified.join(labels, Columns.INTERACTION_ID, "left_outer");
    System.out.println("== classifier kind x true kind");
    joined
        .groupBy(
            col(Touches.TOUCH_KIND),
            col(Touches.AUTOMATED_KIND),
            col("true_kind"),
            col("true_automated_kind"))
        .count()
        .orderBy(desc("count"))
        .show(40, false);
    Dataset<Row> touches =
        truth
            ? joined
                .drop(Touches.TOUCH_KIND, Touches.AUTOMATED_KIND)
                .withColumnRenamed("true_kind", Touches.TOUCH_KIND)
                .withColumnRenamed("true_automated_kind", Touches.AUTOMATED_KIND)
            : classified;
    if (args.length > 5 && args[5].startsWith("drop:")) {
      // leave the automated touches of the given senders (campaign prefix or author) out
      List<String> drop = List.of(args[5].substring(5).split(","));
      Dataset<Row> who =
          spark
              .read()
              .parquet(run.resolve("tables/interactions").toString())
              .select(
                  col(Columns.INTERACTION_ID),
                  coalesce(
                          regexp_replace(col("campaign_id"), "[-_]?[0-9].*$", ""),
                          when(col("author_id").startsWith("R"), lit("rep"))
                              .otherwise(col("author_id")))
                      .as("who"));
      touches =
          touches
              .join(who, Columns.INTERACTION_ID)
              .filter(
                  not(
                      col(Touches.TOUCH_KIND)
                          .equalTo(Touches.AUTOMATED)
                          .and(col("who").isin(drop.toArray()))))
              .drop("who");
    }
    if (args.length > 5 && args[5].equals("allautomated")) {
      // every automated touch an exposure, as when the table has no automated_kind
      touches = touches.drop(Touches.AUTOMATED_KIND);
    }
    long t = AS_OF.toEpochDay();
    List<Row> rows =
        new ArrayList<>(
            DropoutOccasions.histories(
                    orders,
                    DayEvents.completedOrders(orders, ZONE),
                    DayEvents.personalTouches(touches, ZONE),
                    DropoutOccasions.outreachTouches(touches, ZONE),
                    t,
                    ZONE)
                .collectAsList());
    rows.sort(
        Comparator.comparingLong(
            (Row r) -> DropoutPaths.stableHash(r.getString(r.fieldIndex(Columns.CUSTOMER_ID)))));
    if (sample > 0 && rows.size() > sample) {
      rows = new ArrayList<>(rows.subList(0, sample));
    }
    rows.sort(Comparator.comparing((Row r) -> r.getString(r.fieldIndex(Columns.CUSTOMER_ID))));
    diagnose(spark, world, rows, t);
    donorSelection(spark, world, rows, t);
    if (List.of(touches.columns()).contains(Touches.AUTOMATED_KIND)) {
      byType(spark, run, touches, rows, world);
    }
    if (!fit) {
      return;
    }
    long t0 = System.nanoTime();
    DropoutPaths.Prepared prepared = DropoutPaths.prepare(rows, t, 7.0, DropoutPaths.DRAWS);
    ContinuousDropout.Fit f =
        ContinuousDropout.fit("lab", prepared.customers(), prepared.varying(), prepared.fixed());
    System.out.println(f.summaryText());
    System.out.printf(
        "outreach tail blocks: %d replayed from a donor, %d drawn (no donor)%n",
        prepared.replayedBlocks(), prepared.fallbackBlocks());
    for (Estimate e : f.estimates()) {
      System.out.printf(
          "RESULT %s %s n=%d %s %.3f (%.3f-%.3f)%n",
          run, args[2], rows.size(), e.term(), e.ratio(), e.ratioLower95(), e.ratioUpper95());
    }
    System.out.printf("fit seconds %.1f%n", (System.nanoTime() - t0) / 1e9);
  }

  /**
   * The donor tail's selection: per first-order channel and day, the outreach per customer among
   * those known alive over the day's 28-day block (the donors of the outreach tail), summed over
   * each customer's tail days, against the outreach she was observed to get on her tail, for
   * customers the truth says are alive at T and for those who left.
   */
  private static void donorSelection(SparkSession spark, Path world, List<Row> rows, long t) {
    Map<String, Boolean> alive = aliveAtAsOf(spark, world);
    long lo = Long.MAX_VALUE;
    for (Row r : rows) {
      lo = Math.min(lo, DropoutOccasions.days(r, DropoutOccasions.ORDER_DAYS)[0]);
    }
    int span = (int) (t - lo + 1);
    Map<String, double[][]> byChannel = new HashMap<>();
    for (Row r : rows) {
      long[] o = DropoutOccasions.days(r, DropoutOccasions.ORDER_DAYS);
      double[][] c =
          byChannel.computeIfAbsent(DropoutOccasions.channelOf(r), k -> new double[2][span]);
      long first = o[0];
      long last = o[o.length - 1];
      // eligible as donor for the block starting on day d: first <= d, last >= d + 27
      for (long d = first; d + 27 <= last; d++) {
        c[0][(int) (d - lo)]++;
      }
      long[] out = DropoutOccasions.days(r, DropoutOccasions.OUTREACH_DAYS);
      for (long d = first; d + 27 <= last; d++) {
        // her outreach over the block, per block day
        int n = 0;
        for (long v : out) {
          if (v >= d && v <= d + 27) {
            n++;
          }
        }
        c[1][(int) (d - lo)] += n / 28.0;
      }
    }
    double[][] sums = new double[2][3];
    for (Row r : rows) {
      long[] o = DropoutOccasions.days(r, DropoutOccasions.ORDER_DAYS);
      double[][] c = byChannel.get(DropoutOccasions.channelOf(r));
      long last = o[o.length - 1];
      int g =
          Boolean.TRUE.equals(alive.get(r.getString(r.fieldIndex(Columns.CUSTOMER_ID)))) ? 0 : 1;
      for (long d = last + 1; d < t; d++) {
        int k = (int) (d - lo);
        sums[g][0] += c[0][k] > 0 ? c[1][k] / c[0][k] : 0;
        sums[g][2]++;
      }
      for (long v : DropoutOccasions.days(r, DropoutOccasions.OUTREACH_DAYS)) {
        if (v > last && v < t) {
          sums[g][1]++;
        }
      }
    }
    String[] names = {"alive at T", "left by T"};
    for (int g = 0; g < 2; g++) {
      System.out.printf(
          "SELECTION %s: tail days %.0f, donors' outreach/day %.5f, observed on the tail %.5f%n",
          names[g], sums[g][2], sums[g][0] / sums[g][2], sums[g][1] / sums[g][2]);
    }
  }

  /** The truth's customers: true for those still alive at the as-of date. */
  private static Map<String, Boolean> aliveAtAsOf(SparkSession spark, Path world) {
    Map<String, Boolean> alive = new HashMap<>();
    for (Row r :
        spark
            .read()
            .option("header", "true")
            .csv(world.resolve("truth/customers.csv").toString())
            .select(Columns.CUSTOMER_ID, "churned_by_as_of")
            .collectAsList()) {
      alive.put(r.getString(0), "false".equals(r.getString(1)));
    }
    return alive;
  }

  /** Outreach per day on the known-alive span by author (the rule that sent it), alive vs left. */
  private static void byType(
      SparkSession spark, Path run, Dataset<Row> touches, List<Row> rows, Path world) {
    Map<String, Boolean> alive = aliveAtAsOf(spark, world);
    Map<String, long[]> span = new HashMap<>();
    double[] days = new double[2];
    for (Row r : rows) {
      long[] o = DropoutOccasions.days(r, DropoutOccasions.ORDER_DAYS);
      String id = r.getString(r.fieldIndex(Columns.CUSTOMER_ID));
      span.put(id, new long[] {o[0], o[o.length - 1]});
      days[Boolean.TRUE.equals(alive.get(id)) ? 0 : 1] += o[o.length - 1] - o[0] + 1;
    }
    Dataset<Row> interactions = spark.read().parquet(run.resolve("tables/interactions").toString());
    List<Row> out =
        touches
            .filter(col(Touches.TOUCH_KIND).equalTo(Touches.AUTOMATED))
            .filter(col(Touches.AUTOMATED_KIND).equalTo(Touches.OUTREACH))
            .select(Columns.INTERACTION_ID, Columns.CUSTOMER_ID, Columns.OCCURRED_AT)
            .join(
                interactions.select(Columns.INTERACTION_ID, "author_id", "campaign_id"),
                Columns.INTERACTION_ID)
            .select(
                col(Columns.CUSTOMER_ID),
                DayEvents.dayOf(col(Columns.OCCURRED_AT), ZONE).as("day"),
                coalesce(regexp_replace(col("campaign_id"), "[-_]?[0-9].*$", ""), col("author_id"))
                    .as("who"))
            .collectAsList();
    Map<String, double[]> counts = new java.util.TreeMap<>();
    for (Row r : out) {
      long[] s = span.get(r.getString(0));
      if (s == null) {
        continue;
      }
      long d = r.getInt(1);
      if (d < s[0] || d > s[1]) {
        continue;
      }
      String who = String.valueOf(r.get(2));
      who = who.startsWith("R") && who.length() < 8 ? "rep" : who;
      counts
              .computeIfAbsent(who, k -> new double[2])[
              Boolean.TRUE.equals(alive.get(r.getString(0))) ? 0 : 1] +=
          1;
    }
    counts.forEach(
        (k, v) ->
            System.out.printf(
                "TYPE %-30s alive %.6f left %.6f ratio %.3f (n %.0f, %.0f)%n",
                k,
                v[0] / days[0],
                v[1] / days[1],
                (v[1] / days[1]) / (v[0] / days[0]),
                v[0],
                v[1]));
  }

  /**
   * Outreach per day on the known-alive span (first to last purchase day), on the tail (after the
   * last purchase day to T) as observed, for customers the truth says are alive at T and for those
   * who left, and the count in the 90 days before the last purchase day.
   */
  private static void diagnose(SparkSession spark, Path world, List<Row> rows, long t) {
    Map<String, Boolean> alive = aliveAtAsOf(spark, world);
    double[][] sums = new double[2][6];
    long start = LocalDate.of(2020, 1, 1).toEpochDay();
    double[][] years = new double[2][14];
    int[] hist = new int[8];
    for (Row r : rows) {
      long[] o = DropoutOccasions.days(r, DropoutOccasions.ORDER_DAYS);
      long[] out = DropoutOccasions.days(r, DropoutOccasions.OUTREACH_DAYS);
      long first = o[0];
      long last = o[o.length - 1];
      int g =
          Boolean.TRUE.equals(alive.get(r.getString(r.fieldIndex(Columns.CUSTOMER_ID)))) ? 0 : 1;
      long known = 0;
      long tail = 0;
      long before = 0;
      long window = 0;
      for (long d = first; d <= last; d++) {
        years[1][(int) ((d - start) / 182.625)]++;
      }
      for (long d : out) {
        if (d >= first && d <= last) {
          years[0][(int) ((d - start) / 182.625)]++;
          known++;
        } else if (d > last) {
          tail++;
        } else {
          before++;
        }
        if (d > last - 90 && d <= last) {
          window++;
        }
      }
      sums[g][0] += 1;
      sums[g][1] += known;
      sums[g][2] += last - first + 1;
      sums[g][3] += tail;
      sums[g][4] += t - last - 1;
      sums[g][5] += window;
      hist[(int) Math.min(7, window / 3)]++;
    }
    String[] names = {"alive at T", "left by T"};
    for (int g = 0; g < 2; g++) {
      double[] s = sums[g];
      System.out.printf(
          "DIAG %s: n=%.0f outreach/day known %.5f (%.0f over %.0f days), tail observed %.5f (%.0f"
              + " over %.0f days), 90d before last purchase %.2f%n",
          names[g],
          s[0],
          s[1] / s[2],
          s[1],
          s[2],
          s[3] / Math.max(1, s[4]),
          s[3],
          s[4],
          s[5] / s[0]);
    }
    for (int y = 0; y < 14; y++) {
      System.out.printf(
          "DIAG half-year %d from 2020: outreach/day known %.5f over %.0f days%n",
          y, years[0][y] / Math.max(1, years[1][y]), years[1][y]);
    }
    System.out.println("DIAG outreach in the 90 days before the last purchase, by 3s: ");
    for (int k = 0; k < hist.length; k++) {
      System.out.printf("  %d-%d: %d%n", 3 * k, 3 * k + 2, hist[k]);
    }
  }
}
