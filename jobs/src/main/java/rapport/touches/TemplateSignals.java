package rapport.touches;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.hex;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import rapport.schema.Columns;
import rapport.schema.Touches;

/**
 * Groups outbound messages into templates and measures how widely each was sent.
 *
 * <p>Identical masked texts share a fingerprint. Near-duplicates are joined by MinHash banding:
 * every distinct text is put into one bucket per band key, and each text takes the smallest
 * fingerprint found in its buckets, repeated {@link #ROUNDS} times (a bounded min-label
 * propagation, so long chains of loosely similar notes do not merge). Only buckets holding two or
 * more texts are ever grouped, and never pairwise, so the cost grows with the number of messages.
 * The template id is the hex of the cluster's smallest fingerprint: stable across runs.
 *
 * <p>For every message: {@code template_fanout} (distinct customers who received its cluster),
 * {@code author_fanout} (distinct customers the same author sent it to; for a message without an
 * author id, which is its own author, the template's fan-out), {@code day_customers} (distinct
 * customers its author sent it to on the same channel and UTC day), {@code author_day_customers}
 * (distinct customers its author sent any templated message to on that channel and day) and {@code
 * usual_day_customers} (the author's median day on the channel in that year).
 */
final class TemplateSignals {
  private TemplateSignals() {}

  static final int ROUNDS = 3;

  static final String CLUSTER = "cluster";
  static final String AUTHOR_FANOUT = "author_fanout";
  static final String DAY_CUSTOMERS = "day_customers";
  static final String AUTHOR_DAY_CUSTOMERS = "author_day_customers";
  static final String USUAL_DAY_CUSTOMERS = "usual_day_customers";
  static final String NEAR_FANOUT = "near_fanout";
  static final String AUTHOR_KEY = "author_key";
  static final String DAY = "day";
  static final String YEAR = "year";

  /** Days an author must have sent on a channel in a year before its usual day is known. */
  static final int USUAL_MIN_DAYS = 10;

  private static final String FP = "fp";
  private static final String KEY = "band_key";
  private static final String LABEL = "label";

  /** The distinct customers an author sent any of these messages to on the channel that day. */
  private static final String SENT_CUSTOMERS = "sent_customers";

  static Dataset<Row> withTemplates(Dataset<Row> messages, TouchSettings s) {
    Column participates =
        col(Columns.DIRECTION).equalTo("outbound").and(col(TextSignals.FINGERPRINT).isNotNull());
    Dataset<Row> sent = messages.filter(participates).withColumn(FP, col(TextSignals.FINGERPRINT));
    Dataset<Row> clusters = clusters(sent);
    Dataset<Row> near = nearFanout(sent);
    Dataset<Row> withCluster =
        sent.join(clusters, seq(FP), "left")
            .join(near, seq(FP), "left")
            .withColumn(CLUSTER, coalesce(col(LABEL), col(FP)))
            .drop(LABEL, FP, TextSignals.BANDS)
            .withColumn(DAY, to_date(col(Columns.OCCURRED_AT)))
            .withColumn(YEAR, year(col(DAY)));

    // The fan-outs are windows over the clustered messages, all partitioned by the cluster first:
    // one shuffle, where an aggregate per fan-out joined back cost two or three each.
    Dataset<Row> measured =
        withCluster
            .withColumn(Touches.TEMPLATE_FANOUT, customersOver(CLUSTER))
            .withColumn(AUTHOR_FANOUT, customersOver(CLUSTER, AUTHOR_KEY))
            // Per author and channel: across authors, a short common phrase ("Get well soon!")
            // reaches a few customers on the same day by coincidence, and more often the larger
            // the business; and a rep's text messages of a day are not a bulk send because the
            // same rep e-mailed a sequence.
            .withColumn(DAY_CUSTOMERS, customersOver(CLUSTER, AUTHOR_KEY, Columns.CHANNEL, DAY))
            // Without an author id every message is its own author (a missing id is not one
            // author): how far its template spread is then the template's own fan-out.
            .withColumn(
                AUTHOR_FANOUT,
                when(col(Columns.AUTHOR_ID).isNull(), col(Touches.TEMPLATE_FANOUT))
                    .otherwise(col(AUTHOR_FANOUT)))
            .withColumn(
                Touches.TEMPLATE_ID,
                when(
                    col(Touches.TEMPLATE_FANOUT).geq(s.templateMinCustomers()),
                    concat(lit("T"), lpad(hex(col(CLUSTER)), 16, "0"))))
            .drop(CLUSTER);
    // An author's templated sends of one day on one channel, whichever template: a rep's sequence
    // step goes out in several versions (one per car model) that need not fall into one cluster.
    measured =
        measured
            .withColumn(
                AUTHOR_DAY_CUSTOMERS,
                size(collect_set(
                            when(col(Touches.TEMPLATE_ID).isNotNull(), col(Columns.CUSTOMER_ID)))
                        .over(Window.partitionBy(AUTHOR_KEY, Columns.CHANNEL, DAY)))
                    .cast(DataTypes.LongType))
            .withColumn(SENT_CUSTOMERS, customersOver(AUTHOR_KEY, Columns.CHANNEL, DAY));
    measured =
        measured
            .join(usualDay(measured), seq(AUTHOR_KEY, Columns.CHANNEL, YEAR), "left")
            .drop(DAY, YEAR, SENT_CUSTOMERS);
    Dataset<Row> rest =
        messages
            .filter(participates.isNull().or(participates.equalTo(false)))
            .withColumn(Touches.TEMPLATE_FANOUT, lit(0L))
            .withColumn(AUTHOR_FANOUT, lit(0L))
            .withColumn(DAY_CUSTOMERS, lit(0L))
            .withColumn(AUTHOR_DAY_CUSTOMERS, lit(0L))
            .withColumn(USUAL_DAY_CUSTOMERS, lit(0.0))
            .withColumn(NEAR_FANOUT, lit(0.0))
            .withColumn(Touches.TEMPLATE_ID, lit(null).cast(DataTypes.StringType));
    return measured.unionByName(rest.drop(TextSignals.BANDS));
  }

  /**
   * The author's usual day per channel and calendar year: the median number of distinct customers
   * it sent a message to on the days it sent any there (a busy rep's ordinary twenty texts, a
   * newsletter's monthly thousands). Per year, as a rep's book of customers grows; null (no usual
   * day) for an author with fewer than {@link #USUAL_MIN_DAYS} such days in the year.
   */
  private static Dataset<Row> usualDay(Dataset<Row> sent) {
    // one row per author, channel and day, with that day's customers (a window of the caller's)
    Dataset<Row> days =
        sent.select(AUTHOR_KEY, Columns.CHANNEL, YEAR, DAY, SENT_CUSTOMERS).distinct();
    return days.groupBy(AUTHOR_KEY, Columns.CHANNEL, YEAR)
        .agg(
            percentile(col(SENT_CUSTOMERS), lit(0.5)).as(USUAL_DAY_CUSTOMERS),
            count(lit(1)).as("days"))
        .filter(col("days").geq(USUAL_MIN_DAYS))
        .drop("days");
  }

  /** The distinct customers among the messages that share the keys. */
  private static Column customersOver(String... keys) {
    return size(collect_set(col(Columns.CUSTOMER_ID))
            .over(Window.partitionBy(Arrays.stream(keys).map(k -> col(k)).toArray(Column[]::new))))
        .cast(DataTypes.LongType);
  }

  /**
   * fp -> near_fanout: how many customers received a near-identical copy of the text, the median
   * over its band keys of the customers whose message carried that key. A template's renderings
   * share most band keys, so this is close to the template's fan-out; texts that only share a
   * phrase around different words (a rep's habit) share few keys each, so it stays near the number
   * of customers who got this very text, however far the propagation chained them.
   */
  private static Dataset<Row> nearFanout(Dataset<Row> sent) {
    // the customers of each band key are a window over the keyed messages: one shuffle, and the
    // (text, key) pairs then need none of their own, as they are partitioned by the key already
    return sent.select(col(FP), col(Columns.CUSTOMER_ID), explode(col(TextSignals.BANDS)).as(KEY))
        .withColumn("k", customersOver(KEY))
        .select(FP, KEY, "k")
        .distinct()
        .groupBy(FP)
        .agg(percentile(col("k"), lit(0.5)).as(NEAR_FANOUT));
  }

  /** fp -> label (the smallest fingerprint reachable through shared band keys). */
  private static Dataset<Row> clusters(Dataset<Row> sent) {
    Dataset<Row> texts = sent.groupBy(FP).agg(min(col(TextSignals.BANDS)).as("bands"));
    Dataset<Row> buckets = texts.select(col(FP), explode(col("bands")).as(KEY));
    Dataset<Row> shared =
        buckets.groupBy(KEY).agg(count(lit(1)).as("n")).filter(col("n").gt(1)).select(KEY);
    // read by every round of the propagation: computed once
    Dataset<Row> members = buckets.join(shared, seq(KEY), "left_semi").localCheckpoint();
    // Each round is two windows over the (text, band key) pairs, each one shuffle: the smallest
    // label in each bucket, then the smallest of its buckets' for each text.
    Dataset<Row> labelled = members.withColumn(LABEL, col(FP));
    for (int r = 0; r < ROUNDS; r++) {
      labelled =
          labelled
              .withColumn(LABEL, min(LABEL).over(Window.partitionBy(KEY)))
              .withColumn(LABEL, min(LABEL).over(Window.partitionBy(FP)));
    }
    Dataset<Row> label = labelled.select(FP, LABEL).distinct();
    return label;
  }

  static scala.collection.immutable.Seq<String> seq(String... names) {
    return scala.jdk.javaapi.CollectionConverters.asScala(java.util.List.of(names)).toSeq();
  }
}
