package rapport.outreach;

import static org.apache.spark.sql.functions.*;

import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import rapport.domain.RetentionLabels;
import rapport.schema.Columns;
import rapport.schema.Outreach;
import rapport.stats.NewcombeInterval;

/**
 * Did the lists work? Retention over the horizon of the customers sent to reps against the random
 * holdout drawn from the same candidates, with the Newcombe interval of the difference. It is an
 * intention-to-treat estimate: a row sent is not a call made, so it measures the effect of the
 * list, diluted by rows the reps did not act on.
 *
 * @param contacted rows sent to reps whose outcome is known
 * @param contactedRetained of them, retained
 * @param holdout held-out rows whose outcome is known
 * @param holdoutRetained of them, retained
 * @param unmeasured candidates outside the labelled population (no purchase before T, closed)
 * @param interval the difference contacted − holdout (null when a group is empty)
 */
public record HoldoutReadout(
    long contacted,
    long contactedRetained,
    long holdout,
    long holdoutRetained,
    long unmeasured,
    NewcombeInterval interval) {

  /**
   * @param outreach {@code tables/outreach} of the run being measured
   * @param labels {@link RetentionLabels#at} from the later run's data at the earlier run's as-of
   */
  public static HoldoutReadout of(Dataset<Row> outreach, Dataset<Row> labels) {
    Dataset<Row> l =
        labels.select(col(Columns.CUSTOMER_ID).as("_lid"), col(RetentionLabels.IS_RETAINED));
    // labels are one row per customer (a population), outreach one row per candidate
    Row r =
        outreach
            .join(l, col(Columns.CUSTOMER_ID).equalTo(col("_lid")), "left_outer")
            .agg(
                sum(when(not(col(Outreach.IS_HOLDOUT)).and(col("_lid").isNotNull()), 1)
                        .otherwise(0))
                    .cast("long"),
                sum(when(not(col(Outreach.IS_HOLDOUT)).and(col(RetentionLabels.IS_RETAINED)), 1)
                        .otherwise(0))
                    .cast("long"),
                sum(when(col(Outreach.IS_HOLDOUT).and(col("_lid").isNotNull()), 1).otherwise(0))
                    .cast("long"),
                sum(when(col(Outreach.IS_HOLDOUT).and(col(RetentionLabels.IS_RETAINED)), 1)
                        .otherwise(0))
                    .cast("long"),
                sum(when(col("_lid").isNull(), 1).otherwise(0)).cast("long"))
            .first();
    long c = nz(r, 0);
    long cr = nz(r, 1);
    long h = nz(r, 2);
    long hr = nz(r, 3);
    NewcombeInterval i = c > 0 && h > 0 ? NewcombeInterval.of(cr, c, hr, h) : null;
    return new HoldoutReadout(c, cr, h, hr, nz(r, 4), i);
  }

  private static long nz(Row r, int i) {
    return r.isNullAt(i) ? 0 : r.getLong(i);
  }

  /** The readout as the command prints it. */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "%-10s %8s %9s %7s  %s%n",
            "group",
            "n",
            "retained",
            "rate",
            "95% CI (Wilson)"));
    sb.append(
        line(
            "contacted", contacted, contactedRetained, interval == null ? null : interval.first()));
    sb.append(
        line("holdout", holdout, holdoutRetained, interval == null ? null : interval.second()));
    if (interval == null) {
      sb.append("difference: not estimable, a group has no customer with a known outcome\n");
    } else {
      sb.append(
          String.format(
              Locale.ROOT,
              "difference contacted - holdout: %+.1f points, 95%% CI (Newcombe) %+.1f to %+.1f%n",
              100 * interval.difference(),
              100 * interval.lower(),
              100 * interval.upper()));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "not measurable (no purchase before the run, or closed): %d%n",
            unmeasured));
    sb.append("caveat: intention to treat; a row sent to a rep is not a touch made.\n");
    return sb.toString();
  }

  private static String line(String group, long n, long k, rapport.stats.WilsonInterval w) {
    return w == null
        ? String.format(Locale.ROOT, "%-10s %8d %9d %7s  %s%n", group, n, k, "-", "-")
        : String.format(
            Locale.ROOT,
            "%-10s %8d %9d %6.1f%%  %.1f%% to %.1f%%%n",
            group,
            n,
            k,
            100 * w.estimate(),
            100 * w.lower(),
            100 * w.upper());
  }
}
