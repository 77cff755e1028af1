package rapport.outreach;

import static org.apache.spark.sql.functions.*;

import java.time.Instant;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import rapport.schema.Columns;
import rapport.schema.Touches;

/**
 * The interactions of the customers on the list, strictly before T, each with its kind (personal,
 * automated or inbound) and its text. The kind comes from the classify stage when {@code
 * tables/touches} exists; without it, from the author type and direction (a rep's outbound note
 * counts as personal, a system's as automated), which is only a hint and is said so in the output.
 */
final class Notes {
  private Notes() {}

  static final String KIND = "note_kind";
  static final String TEXT = "note_text";

  /**
   * @param interactions the interactions table
   * @param touches the touches table, when the classify stage ran
   * @param customers the customers whose notes are wanted (customer_id)
   * @param before T as an instant: notes at or after it are not history yet
   * @return customer_id, interaction_id, occurred_at, note_kind, note_text
   */
  static Dataset<Row> of(
      Dataset<Row> interactions,
      Optional<Dataset<Row>> touches,
      Dataset<Row> customers,
      Instant before) {
    Column t = lit(java.sql.Timestamp.from(before));
    Dataset<Row> mine =
        interactions
            .filter(col(Columns.OCCURRED_AT).lt(t))
            .join(
                broadcast(customers.select(Columns.CUSTOMER_ID)), Columns.CUSTOMER_ID, "left_semi")
            .select(
                col(Columns.INTERACTION_ID),
                col(Columns.CUSTOMER_ID),
                col(Columns.OCCURRED_AT),
                col(Columns.DIRECTION),
                col(Columns.AUTHOR_TYPE),
                concat_ws(" ", col(Columns.SUBJECT), col(Columns.BODY)).as(TEXT));
    Dataset<Row> kinds;
    if (touches.isPresent()) {
      // touches and interactions share interaction_id, unique in both (ingest and classify keys)
      Dataset<Row> k =
          touches
              .get()
              .select(col(Columns.INTERACTION_ID).as("_tid"), col(Touches.TOUCH_KIND).as(KIND));
      kinds =
          mine.join(k, mine.col(Columns.INTERACTION_ID).equalTo(k.col("_tid")), "inner")
              .drop("_tid");
    } else {
      kinds =
          mine.withColumn(
              KIND,
              when(col(Columns.DIRECTION).equalTo("inbound"), lit(Touches.INBOUND))
                  .when(col(Columns.AUTHOR_TYPE).equalTo("rep"), lit(Touches.PERSONAL))
                  .otherwise(lit(Touches.AUTOMATED)));
    }
    return kinds.select(
        col(Columns.CUSTOMER_ID),
        col(Columns.INTERACTION_ID),
        col(Columns.OCCURRED_AT),
        col(KIND),
        col(TEXT));
  }

  /** The phrases of {@code terms} the text matches, in vocabulary order. */
  static Column matches(Column text, java.util.List<Vocabulary.Term> terms) {
    Column[] hits =
        terms.stream()
            .map(term -> when(text.rlike(term.regex()), lit(term.phrase())))
            .toArray(Column[]::new);
    return array_compact(array(hits));
  }
}
