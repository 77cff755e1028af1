package rapport.retention;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import rapport.schema.Columns;
import rapport.schema.RetentionTables;
import rapport.schema.Scores;
import rapport.schema.Touches;
import rapport.stats.DynamicBgNbd;

/**
 * The inputs of the purchase businesses' dropout model ({@link DynamicBgNbd}): per customer her
 * purchase days (distinct days with a completed order before T) and, at each repeat purchase day d,
 * the touches of the days d−90 … d−1 (the window of the Cox covariates, {@link
 * Covariates#TOUCH_WINDOW_DAYS}).
 *
 * <p>Exposures, per repeat purchase:
 *
 * <ul>
 *   <li>{@link Scores#PERSONAL_TOUCHES_90D}: personal touches, those that rode on an earlier order
 *       (the pickup chat) included. Read at a purchase, every customer in the comparison is buying
 *       at that moment, and the model's dropout chance per purchase does not depend on how often
 *       she buys, so buying cannot pose as the touch;
 *   <li>{@link RetentionTables#OUTREACH_AUTOMATED_TOUCHES_90D}: automated touches of kind outreach
 *       (campaigns, rules, sequences) when the touches table says the kind, else every automated
 *       touch. Transactional ones (receipts, confirmations, auto-replies) follow the orders: no
 *       exposure.
 * </ul>
 *
 * <p>A confounder, fixed before any touch: the channel of her first completed order (the business
 * line she came through: the dealership, the store, the app), one indicator per channel that holds
 * at least {@link #MIN_LEVEL_SHARE} of the customers fitted and {@link #MIN_LEVEL_CUSTOMERS}, the
 * most common channel the reference, the rarer ones pooled with it. Customers of different lines
 * get different amounts of personal contact and leave at different rates; without it, that
 * difference poses as an effect of the touches. No recency, frequency or spend enters: after the
 * first purchase they lie on the path from a touch to staying (a kept customer keeps buying).
 */
final class DropoutOccasions {
  private DropoutOccasions() {}

  static final String PERSONAL = Scores.PERSONAL_TOUCHES_90D;
  static final String OUTREACH = RetentionTables.OUTREACH_AUTOMATED_TOUCHES_90D;

  /** The prefix of the first-channel indicators' terms. */
  static final String FIRST_CHANNEL = "first_order_channel_";

  /** The name of a missing channel. */
  static final String UNKNOWN = "unknown";

  /** The fewest customers, as a share of those fitted, a channel needs for its own indicator. */
  static final double MIN_LEVEL_SHARE = 0.01;

  /** The fewest customers a channel needs for its own indicator. */
  static final int MIN_LEVEL_CUSTOMERS = 30;

  /** At most this many channel indicators (the most common channels). */
  static final int MAX_LEVELS = 6;

  static final String ORDER_DAYS = "order_days";
  static final String PERSONAL_DAYS = "personal_days";
  static final String OUTREACH_DAYS = "outreach_days";
  static final String CHANNEL = "first_channel";

  /** Whether the touches table says which automated touches are outreach. */
  static boolean hasAutomatedKind(Dataset<Row> touches) {
    return List.of(touches.columns()).contains(Touches.AUTOMATED_KIND);
  }

  /**
   * customer_id, day of the automated touches that are exposures: those of kind outreach when the
   * table has {@link Touches#AUTOMATED_KIND}, else all of them.
   */
  static Dataset<Row> outreachTouches(Dataset<Row> touches, String zone) {
    Dataset<Row> automated = touches.filter(col(Touches.TOUCH_KIND).equalTo(Touches.AUTOMATED));
    if (hasAutomatedKind(touches)) {
      automated = automated.filter(col(Touches.AUTOMATED_KIND).equalTo(Touches.OUTREACH));
    }
    return automated.select(
        col(Columns.CUSTOMER_ID),
        DayEvents.dayOf(col(Columns.OCCURRED_AT), zone).as(DayEvents.DAY));
  }

  /**
   * One row per customer with a completed order before T: customer_id, order_days (distinct days,
   * sorted), personal_days and outreach_days (one entry per touch before T, sorted; null when
   * none), first_channel (of her first completed order; null when the orders have no channel).
   *
   * @param orders tables/orders
   * @param orderDays completed orders: customer_id, day (see {@link DayEvents})
   * @param personal personal touches: customer_id, day
   * @param outreach the automated touches that are exposures: customer_id, day
   */
  static Dataset<Row> histories(
      Dataset<Row> orders,
      Dataset<Row> orderDays,
      Dataset<Row> personal,
      Dataset<Row> outreach,
      long asOfDay,
      String zone) {
    Dataset<Row> days =
        orderDays
            .filter(col(DayEvents.DAY).lt(asOfDay))
            .groupBy(Columns.CUSTOMER_ID)
            .agg(array_sort(collect_set(col(DayEvents.DAY))).as(ORDER_DAYS));
    Dataset<Row> out =
        days.join(daysOf(personal, asOfDay, PERSONAL_DAYS), Columns.CUSTOMER_ID, "left_outer")
            .join(daysOf(outreach, asOfDay, OUTREACH_DAYS), Columns.CUSTOMER_ID, "left_outer");
    Dataset<Row> completed =
        orders
            .filter(col(Columns.STATUS).equalTo("completed"))
            .filter(DayEvents.dayOf(col(Columns.ORDERED_AT), zone).lt(asOfDay));
    Column channel =
        List.of(orders.columns()).contains(Columns.CHANNEL)
            ? col(Columns.CHANNEL)
            : lit(null).cast("string");
    Dataset<Row> first =
        completed
            .groupBy(Columns.CUSTOMER_ID)
            .agg(
                min_by(channel, struct(col(Columns.ORDERED_AT), col(Columns.ORDER_ID)))
                    .as(CHANNEL));
    return out.join(first, Columns.CUSTOMER_ID, "left_outer");
  }

  private static Dataset<Row> daysOf(Dataset<Row> touches, long asOfDay, String name) {
    return touches
        .filter(col(DayEvents.DAY).lt(asOfDay))
        .groupBy(Columns.CUSTOMER_ID)
        .agg(array_sort(collect_list(col(DayEvents.DAY))).as(name));
  }

  /** The customers and the terms of the model, built on the driver from {@link #histories} rows. */
  record Prepared(List<String> terms, List<DynamicBgNbd.Customer> customers, List<String> notes) {}

  /**
   * The model's customers: times in {@code unitDays} from the first purchase day; at each repeat
   * purchase day d the counts of the touches on days d−90 … d−1, then the channel indicators. Terms
   * without any variation among the occasions are left out and named in the notes.
   */
  static Prepared prepare(List<Row> rows, long asOfDay, double unitDays) {
    List<String> notes = new ArrayList<>();
    Map<String, Integer> byChannel = new HashMap<>();
    for (Row r : rows) {
      byChannel.merge(channelOf(r), 1, Integer::sum);
    }
    List<String> levels = levels(byChannel, rows.size(), notes);
    List<String> candidates = new ArrayList<>(List.of(PERSONAL, OUTREACH));
    for (String level : levels) {
      candidates.add(FIRST_CHANNEL + level);
    }
    int k = candidates.size();
    List<long[]> days = new ArrayList<>();
    List<double[][]> occasions = new ArrayList<>();
    double[] min = new double[k];
    double[] max = new double[k];
    java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
    for (Row r : rows) {
      long[] orderDays = days(r, ORDER_DAYS);
      long[] personal = days(r, PERSONAL_DAYS);
      long[] outreach = days(r, OUTREACH_DAYS);
      String channel = channelOf(r);
      double[][] z = new double[orderDays.length - 1][k];
      for (int j = 1; j < orderDays.length; j++) {
        long d = orderDays[j];
        z[j - 1][0] = inWindow(personal, d);
        z[j - 1][1] = inWindow(outreach, d);
        for (int l = 0; l < levels.size(); l++) {
          z[j - 1][2 + l] = levels.get(l).equals(channel) ? 1 : 0;
        }
        for (int c = 0; c < k; c++) {
          min[c] = Math.min(min[c], z[j - 1][c]);
          max[c] = Math.max(max[c], z[j - 1][c]);
        }
      }
      days.add(orderDays);
      occasions.add(z);
    }
    List<Integer> kept = new ArrayList<>();
    List<String> terms = new ArrayList<>();
    List<String> constant = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      if (max[c] > min[c]) {
        kept.add(c);
        terms.add(candidates.get(c));
      } else if (c < 2) {
        constant.add(candidates.get(c));
      }
    }
    if (!constant.isEmpty()) {
      notes.add(
          "left out before fitting: "
              + String.join(", ", constant)
              + " (the same at every repeat purchase: no such touches before one)");
    }
    List<DynamicBgNbd.Customer> customers = new ArrayList<>();
    for (int i = 0; i < days.size(); i++) {
      long[] d = days.get(i);
      double[][] all = occasions.get(i);
      double[][] z = new double[all.length][kept.size()];
      for (int j = 0; j < all.length; j++) {
        for (int c = 0; c < kept.size(); c++) {
          z[j][c] = all[j][kept.get(c)];
        }
      }
      double recency = (d[d.length - 1] - d[0]) / unitDays;
      double age = (asOfDay - d[0]) / unitDays;
      customers.add(new DynamicBgNbd.Customer(recency, age, z));
    }
    return new Prepared(List.copyOf(terms), customers, notes);
  }

  /** The days of a {@link #histories} row's list field (empty when null). */
  static long[] days(Row r, String field) {
    return longs(r.isNullAt(r.fieldIndex(field)) ? null : r.<Object>getList(r.fieldIndex(field)));
  }

  static String channelOf(Row r) {
    Object c = r.get(r.fieldIndex(CHANNEL));
    return c == null ? UNKNOWN : c.toString();
  }

  /** The channels that get an indicator: all but the most common, each frequent enough. */
  static List<String> levels(Map<String, Integer> byChannel, int n, List<String> notes) {
    List<Map.Entry<String, Integer>> sorted = new ArrayList<>(byChannel.entrySet());
    sorted.sort(
        Comparator.comparing((Map.Entry<String, Integer> e) -> -e.getValue())
            .thenComparing(Map.Entry::getKey));
    List<String> levels = new ArrayList<>();
    int pooled = 0;
    for (int i = 1; i < sorted.size(); i++) {
      Map.Entry<String, Integer> e = sorted.get(i);
      if (levels.size() < MAX_LEVELS
          && e.getValue() >= MIN_LEVEL_CUSTOMERS
          && e.getValue() >= MIN_LEVEL_SHARE * n) {
        levels.add(e.getKey());
      } else {
        pooled += e.getValue();
      }
    }
    if (!sorted.isEmpty()) {
      notes.add(
          "first-order channel: reference "
              + sorted.get(0).getKey()
              + (levels.isEmpty() ? "" : ", indicators for " + String.join(", ", levels))
              + (pooled == 0 ? "" : ", " + pooled + " customers of rarer channels pooled with it"));
    }
    return levels;
  }

  /** How many of the sorted days fall in d−90 … d−1. */
  static int inWindow(long[] sortedDays, long d) {
    if (sortedDays.length == 0) {
      return 0;
    }
    return lowerBound(sortedDays, d) - lowerBound(sortedDays, d - Covariates.TOUCH_WINDOW_DAYS);
  }

  private static int lowerBound(long[] a, long v) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static long[] longs(List<Object> values) {
    if (values == null) {
      return new long[0];
    }
    long[] out = new long[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Number) values.get(i)).longValue();
    }
    return out;
  }
}
