package rapport.touches;

import static org.apache.spark.sql.functions.array_intersect;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import rapport.schema.Columns;
import rapport.spark.ExactSums;

/**
 * How specific a message is to its customer: does it name another member of the customer's
 * household; does it share rare words with the customer's own earlier conversations (notes of calls
 * and visits, the customer's own messages, messages written for this customer alone), weighted by
 * inverse document frequency across customers, ln(N / df); does it use words that no other
 * customer's messages use.
 */
final class SpecificitySignals {
  private SpecificitySignals() {}

  static final String MENTIONS_HOUSEHOLD = "mentions_household";
  static final String EARLIER_IDF = "earlier_idf";
  static final String UNIQUE_WORDS = "unique_words";

  private static final String HOUSEHOLD_NAMES = "household_names";
  private static final String WORD = "word";
  private static final String DF = "df";
  private static final String FIRST_AT = "first_at";

  /** Adds mentions_household: the text names another member of the customer's household. */
  static Dataset<Row> withHousehold(Dataset<Row> m, Dataset<Row> customers) {
    Dataset<Row> people =
        customers
            .filter(col(Columns.HOUSEHOLD_ID).isNotNull().and(col(Columns.FIRST_NAME).isNotNull()))
            .select(
                col(Columns.CUSTOMER_ID),
                col(Columns.HOUSEHOLD_ID),
                lower(trim(col(Columns.FIRST_NAME))).as("own"));
    Dataset<Row> others =
        people
            .as("a")
            .join(
                people.as("b"),
                col("a." + Columns.HOUSEHOLD_ID)
                    .equalTo(col("b." + Columns.HOUSEHOLD_ID))
                    .and(col("a." + Columns.CUSTOMER_ID).notEqual(col("b." + Columns.CUSTOMER_ID)))
                    .and(col("a.own").notEqual(col("b.own"))),
                "inner")
            .groupBy(col("a." + Columns.CUSTOMER_ID).as(Columns.CUSTOMER_ID))
            .agg(collect_set(col("b.own")).as(HOUSEHOLD_NAMES));
    Column names = col(TextSignals.NAMES);
    return m.join(others, TemplateSignals.seq(Columns.CUSTOMER_ID), "left")
        .withColumn(
            MENTIONS_HOUSEHOLD,
            coalesce(size(array_intersect(names, col(HOUSEHOLD_NAMES))).gt(0), lit(false)))
        .drop(HOUSEHOLD_NAMES);
  }

  /**
   * earlier_idf and unique_words of every outbound message that has any (interaction_id, and the
   * two columns); join it back with a left join and zeros for the rest.
   *
   * @param isNote which rows are the customer's own conversations (the memory that later messages
   *     may refer to)
   */
  static Dataset<Row> words(Dataset<Row> m, Column isNote, double rareShare) {
    Column words = col(TextSignals.WORDS);
    Dataset<Row> exploded =
        m.select(
            col(Columns.INTERACTION_ID),
            col(Columns.CUSTOMER_ID),
            col(Columns.OCCURRED_AT),
            col(Columns.DIRECTION),
            isNote.as("is_note"),
            explode(words).as(WORD));
    Dataset<Row> customers = exploded.agg(countDistinct(col(Columns.CUSTOMER_ID)).as("n"));
    Dataset<Row> df =
        exploded
            .groupBy(WORD)
            .agg(countDistinct(col(Columns.CUSTOMER_ID)).as(DF))
            .crossJoin(customers);
    Dataset<Row> memory =
        exploded
            .filter(col("is_note"))
            .groupBy(Columns.CUSTOMER_ID, WORD)
            .agg(min(Columns.OCCURRED_AT).as(FIRST_AT));
    Dataset<Row> targets =
        exploded
            .filter(col(Columns.DIRECTION).equalTo("outbound"))
            .join(df, TemplateSignals.seq(WORD), "inner")
            .join(memory, TemplateSignals.seq(Columns.CUSTOMER_ID, WORD), "left");
    Column idf = log(col("n").cast("double").divide(col(DF)));
    Column rare = col(DF).leq(col("n").multiply(rareShare));
    Column earlier = col(FIRST_AT).isNotNull().and(col(FIRST_AT).lt(col(Columns.OCCURRED_AT)));
    return targets
        .groupBy(Columns.INTERACTION_ID)
        .agg(
            ExactSums.sum(when(earlier.and(col(DF).gt(1)).and(rare), idf).otherwise(0.0))
                .as(EARLIER_IDF),
            count(when(col(DF).equalTo(1), lit(1))).cast("int").as(UNIQUE_WORDS));
  }

  /** Joins {@link #words} back; messages without a row get zeros. */
  static Dataset<Row> withWords(Dataset<Row> m, Dataset<Row> words) {
    return m.join(words, TemplateSignals.seq(Columns.INTERACTION_ID), "left")
        .withColumn(EARLIER_IDF, coalesce(col(EARLIER_IDF), lit(0.0)))
        .withColumn(UNIQUE_WORDS, coalesce(col(UNIQUE_WORDS), lit(0)));
  }
}
