package rapport.outreach;

import static org.apache.spark.sql.functions.*;

import java.time.Instant;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import rapport.schema.Columns;
import rapport.schema.Outreach;
import rapport.schema.Touches;

/**
 * Talking points: the {@link Vocabulary#TOPICS} found in the customer's own personal and inbound
 * notes of the last {@code notesDays} days, most recent first, at most {@code max} of them, joined
 * with "; " and cut to whole phrases within {@code maxChars}. Only phrases of the vocabulary leave
 * this class, and only from notes of the same customer_id.
 */
final class TalkingPoints {
  private TalkingPoints() {}

  /**
   * @param notes from {@link Notes#of}
   * @param before T as an instant
   * @return customer_id, talking_points (customers without any topic are absent)
   */
  static Dataset<Row> of(Dataset<Row> notes, Instant before, int notesDays, int max, int maxChars) {
    Column from = lit(java.sql.Timestamp.from(before.minusSeconds(86_400L * notesDays)));
    Dataset<Row> topical =
        notes
            .filter(col(Notes.KIND).isin(Touches.PERSONAL, Touches.INBOUND))
            .filter(col(Columns.OCCURRED_AT).geq(from))
            .withColumn("_topics", Notes.matches(col(Notes.TEXT), Vocabulary.TOPICS))
            .filter(size(col("_topics")).gt(0));
    Column newestFirst =
        sort_array(
            collect_list(
                struct(col(Columns.OCCURRED_AT), col(Columns.INTERACTION_ID), col("_topics"))),
            false);
    Column phrases =
        slice(array_distinct(flatten(transform(newestFirst, n -> n.getField("_topics")))), 1, max);
    Column capped =
        aggregate(
            phrases,
            lit(""),
            (acc, p) ->
                when(acc.equalTo("").and(length(p).leq(maxChars)), p)
                    .when(
                        acc.notEqual("").and(length(acc).plus(2).plus(length(p)).leq(maxChars)),
                        concat(acc, lit("; "), p))
                    .otherwise(acc));
    return topical
        .groupBy(col(Columns.CUSTOMER_ID))
        .agg(capped.as(Outreach.TALKING_POINTS))
        .filter(col(Outreach.TALKING_POINTS).notEqual(""));
  }
}
