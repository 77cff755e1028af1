package rapport.touches;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import rapport.schema.Columns;
import rapport.schema.Rows;
import rapport.schema.Touches;

/**
 * The classification of every interaction before the as-of cut into automated, personal or inbound:
 * a pure function of the ingested tables. Steps, each a class of its own: read the text ({@link
 * TextSignals}), group templates ({@link TemplateSignals}), time the touches ({@link
 * TimingSignals}), measure specificity ({@link SpecificitySignals}), score ({@link PersonalScore}),
 * and tell an automated touch's kind, transactional or outreach ({@link AutomatedKind}).
 */
public final class ClassifyTouches {
  private ClassifyTouches() {}

  /** The knobs and the small driver-side facts the classification needs. */
  public record Inputs(
      Set<String> names, Set<String> repIds, Instant cut, ZoneId zone, TouchSettings settings) {}

  private static final String RESULT = "result";

  /** The classifier's columns of the touches table, typed as the registry types them. */
  private static final StructType RESULT_TYPE =
      Touches.fields(
          Touches.TOUCH_KIND, Touches.PERSONAL_SCORE, Touches.REASONS, Touches.AUTOMATED_KIND);

  /**
   * @param orders customer_id, ordered_at, status; may be null when the run has no orders table
   */
  public static Dataset<Row> classify(
      Dataset<Row> interactions, Dataset<Row> customers, Dataset<Row> orders, Inputs in) {
    TouchSettings s = in.settings();
    Dataset<Row> base =
        interactions
            .filter(col(Columns.OCCURRED_AT).lt(lit(java.sql.Timestamp.from(in.cut()))))
            .withColumn(Columns.AUTHOR_TYPE, resolvedAuthorType(in.repIds()))
            // A missing author id is not one author: each such message is its own, so that an
            // export without ids does not make one sender of every anonymous row.
            .withColumn(
                TemplateSignals.AUTHOR_KEY,
                coalesce(
                    col(Columns.AUTHOR_ID),
                    concat(lit("("), col(Columns.INTERACTION_ID), lit(")"))))
            .withColumn(TimingSignals.DATE_ONLY, TimingSignals.dateOnly(in.zone()));
    // The text is read once: every later step (words, templates, timing) starts from these rows
    // instead of masking the text again for each branch of the plan.
    Dataset<Row> m = TextSignals.withText(base, in.names(), s).localCheckpoint();
    Dataset<Row> words = SpecificitySignals.words(m, isNote(s), s.rareWordShare());
    m = TemplateSignals.withTemplates(m.drop(TextSignals.WORDS), s);
    m = TimingSignals.withAuthorMinutes(m);
    m = TimingSignals.withTimeline(m, orders == null ? noOrders(m) : orders, s);
    m = SpecificitySignals.withHousehold(m, customers);
    m = SpecificitySignals.withWords(m, words);
    m = AutomatedKind.withTemplateTriggers(m, s);
    return m.withColumn(RESULT, scorer(s).apply(signals(), AutomatedKind.evidence()))
        .select(col("*"), col(RESULT + ".*"))
        .select(Touches.columns());
  }

  /** The CRM's author type, else "rep" for an author listed in the reps table. */
  private static Column resolvedAuthorType(Set<String> repIds) {
    Column t = col(Columns.AUTHOR_TYPE);
    Column known = t.isin("rep", "system", "customer");
    Column listed =
        repIds.isEmpty()
            ? lit(false)
            : col(Columns.AUTHOR_ID).isin(repIds.stream().sorted().toArray());
    return when(known, t).when(listed, lit("rep")).otherwise(coalesce(t, lit("unknown")));
  }

  /**
   * Conversations and the customer's own words: what later messages may refer back to. Messages
   * sent to this customer alone would belong here too, but would make the memory wait for the
   * template grouping; conversations and replies carry most of what was said.
   */
  private static Column isNote(TouchSettings s) {
    Column outbound = col(Columns.DIRECTION).equalTo("outbound");
    Column conversation =
        outbound
            .and(col(Columns.CHANNEL).isin(s.conversationChannels().toArray()))
            .and(
                col(Columns.OUTCOME)
                    .isin(
                        java.util.stream.Stream.concat(
                                Conversation.HELD.stream(), Conversation.VOICEMAIL.stream())
                            .sorted()
                            .toArray())
                    .or(
                        col(Columns.OUTCOME)
                            .isNull()
                            .and(coalesce(col(Columns.DURATION_SECONDS), lit(0)).gt(0))));
    Column ownWords = col(Columns.DIRECTION).equalTo("inbound");
    return coalesce(conversation.or(ownWords), lit(false));
  }

  private static Column signals() {
    return struct(
        col(Columns.CHANNEL),
        col(Columns.DIRECTION),
        col(Columns.AUTHOR_TYPE),
        col(Columns.OUTCOME),
        col(Columns.DURATION_SECONDS).cast(DataTypes.IntegerType).as(Columns.DURATION_SECONDS),
        col(Columns.CAMPAIGN_ID).isNotNull().as(HAS_CAMPAIGN),
        col(TextSignals.TOKENS),
        col(Touches.TEMPLATE_FANOUT),
        col(TemplateSignals.AUTHOR_FANOUT),
        col(TemplateSignals.NEAR_FANOUT),
        col(TemplateSignals.DAY_CUSTOMERS),
        col(TemplateSignals.AUTHOR_DAY_CUSTOMERS),
        col(TemplateSignals.USUAL_DAY_CUSTOMERS),
        col(TimingSignals.AUTHOR_MINUTE_CUSTOMERS),
        col(TextSignals.AUTO_PHRASE),
        col(TimingSignals.MINUTES_AFTER_INBOUND),
        col(TimingSignals.MINUTES_AFTER_ORDER),
        col(TimingSignals.REPLIED),
        col(SpecificitySignals.MENTIONS_HOUSEHOLD),
        col(SpecificitySignals.EARLIER_IDF),
        col(SpecificitySignals.UNIQUE_WORDS));
  }

  /**
   * The class, the score and the reasons of a touch, and for an automated one its kind
   * (transactional or outreach), whose reason code comes last.
   */
  private static UserDefinedFunction scorer(TouchSettings s) {
    return udf(
            (UDF2<Row, Row, Row>)
                (r, e) -> {
                  PersonalScore.Result res = PersonalScore.score(read(r), s);
                  List<String> reasons = res.reasons();
                  String kind = null;
                  if (Touches.AUTOMATED.equals(res.kind())) {
                    AutomatedKind.Kind k = AutomatedKind.of(AutomatedKind.read(e), s);
                    kind = k.kind();
                    reasons = new java.util.ArrayList<>(reasons);
                    reasons.add(k.reason());
                  }
                  return RowFactory.create(
                      res.kind(), res.score(), reasons.toArray(new String[0]), kind);
                },
            RESULT_TYPE)
        .withName("personal_score");
  }

  private static final String HAS_CAMPAIGN = "has_campaign";

  private static PersonalScore.Signals read(Row r) {
    return new PersonalScore.Signals(
        Rows.string(r, Columns.CHANNEL),
        Rows.string(r, Columns.DIRECTION),
        Rows.string(r, Columns.AUTHOR_TYPE),
        Rows.string(r, Columns.OUTCOME),
        Rows.optionalInteger(r, Columns.DURATION_SECONDS),
        Rows.bool(r, HAS_CAMPAIGN),
        Rows.integer(r, TextSignals.TOKENS),
        Rows.longValue(r, Touches.TEMPLATE_FANOUT),
        Rows.longValue(r, TemplateSignals.AUTHOR_FANOUT),
        Rows.number(r, TemplateSignals.NEAR_FANOUT, 0.0),
        Rows.longValue(r, TemplateSignals.DAY_CUSTOMERS),
        Rows.longValue(r, TemplateSignals.AUTHOR_DAY_CUSTOMERS),
        Rows.number(r, TemplateSignals.USUAL_DAY_CUSTOMERS, 0.0),
        Rows.longValue(r, TimingSignals.AUTHOR_MINUTE_CUSTOMERS),
        Rows.bool(r, TextSignals.AUTO_PHRASE),
        Rows.optionalNumber(r, TimingSignals.MINUTES_AFTER_INBOUND),
        Rows.optionalNumber(r, TimingSignals.MINUTES_AFTER_ORDER),
        Rows.bool(r, TimingSignals.REPLIED),
        Rows.bool(r, SpecificitySignals.MENTIONS_HOUSEHOLD),
        Rows.number(r, SpecificitySignals.EARLIER_IDF),
        Rows.integer(r, SpecificitySignals.UNIQUE_WORDS));
  }

  private static Dataset<Row> noOrders(Dataset<Row> like) {
    StructType t =
        new StructType()
            .add(Columns.CUSTOMER_ID, DataTypes.StringType)
            .add(Columns.ORDERED_AT, DataTypes.TimestampType)
            .add(Columns.STATUS, DataTypes.StringType);
    return like.sparkSession().createDataFrame(List.<Row>of(), t);
  }
}
