package rapport.outreach;

import static org.apache.spark.sql.functions.*;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import rapport.schema.Columns;
import rapport.schema.Outreach;
import rapport.schema.Scores;
import rapport.schema.Touches;

/**
 * The outreach stage's transformations, pure functions of the run's tables: who is suppressed, the
 * eligible customers with their priority, and the assigned candidates with their occasions, notes
 * and contact details, ending in the columns {@link OutreachList} reads.
 */
final class OutreachCandidates {
  private OutreachCandidates() {}

  static final String REP_EMAIL = "rep_email";

  /** What {@link OutreachList} reads from each candidate: the output of {@link #withContext}. */
  static final List<String> COLUMNS =
      List.of(
          Columns.CUSTOMER_ID,
          Outreach.REP_ID,
          Columns.OWNER_REP_ID,
          Outreach.IS_HANDOFF,
          Outreach.IS_HOLDOUT,
          Outreach.PRIORITY,
          Outreach.EXPECTED_VALUE_AT_RISK,
          Outreach.TOUCH_EFFECT,
          Scores.RETENTION_PROBABILITY,
          Scores.EXPECTED_VALUE,
          Scores.RELATIONSHIP_SCORE,
          Scores.REASON_CODES,
          Occasions.BIRTHDAY_DATE,
          Occasions.BIRTHDAY_IS_OWN,
          Occasions.ANNIVERSARY_DATE,
          Occasions.ANNIVERSARY_YEARS,
          Occasions.CONCERN,
          Occasions.CONCERN_AT,
          Outreach.TALKING_POINTS,
          Columns.EMAIL,
          REP_EMAIL);

  /** How many customers there are and how many each suppression rule holds back. */
  record Population(long customers, Map<String, Long> suppressed) {}

  /**
   * Days from the last personal touch before T to T: the scores table's column when it has one,
   * else from the classify stage's touches, else unknown.
   */
  static Optional<Dataset<Row>> daysSincePersonal(
      Dataset<Row> scores, Optional<Dataset<Row>> touches, LocalDate asOf, ZoneId zone) {
    return Arrays.asList(scores.columns()).contains(Scores.DAYS_SINCE_PERSONAL_TOUCH)
        ? Optional.of(scores)
        : touches.map(t -> daysSincePersonal(t, asOf, zone));
  }

  /** Days from the last personal touch before T to T, from the classify stage's touches. */
  static Dataset<Row> daysSincePersonal(Dataset<Row> touches, LocalDate asOf, ZoneId zone) {
    Instant t = asOf.atStartOfDay(zone).toInstant();
    return touches
        .filter(col(Touches.TOUCH_KIND).equalTo(Touches.PERSONAL))
        .filter(col(Columns.OCCURRED_AT).lt(lit(java.sql.Timestamp.from(t))))
        .groupBy(col(Columns.CUSTOMER_ID))
        .agg(max(col(Columns.OCCURRED_AT)).as("_last"))
        .select(
            col(Columns.CUSTOMER_ID),
            datediff(
                    lit(java.sql.Date.valueOf(asOf)),
                    to_date(from_utc_timestamp(col("_last"), zone.getId())))
                .as(Scores.DAYS_SINCE_PERSONAL_TOUCH));
  }

  /** Counts the customers of {@link Eligibility#withSuppression} by suppression reason. */
  static Population population(Dataset<Row> withSuppression) {
    Map<String, Long> suppressed = new TreeMap<>();
    long customers = 0;
    for (Row r : withSuppression.groupBy(col(Eligibility.SUPPRESSION)).count().collectAsList()) {
      customers += r.getLong(1);
      if (!r.isNullAt(0)) {
        suppressed.put(r.getString(0), r.getLong(1));
      }
    }
    return new Population(customers, suppressed);
  }

  /** The customers no rule suppresses, with their priority. */
  static Dataset<Row> eligible(Dataset<Row> withSuppression, TouchEffect effect) {
    return Eligibility.withPriority(
            withSuppression.filter(col(Eligibility.SUPPRESSION).isNull()), effect)
        .drop(Eligibility.SUPPRESSION);
  }

  /**
   * The assigned candidates with the occasions (birthdays, purchase anniversaries, open concerns),
   * the talking points from their notes, their e-mail and their rep's.
   *
   * @param candidates the assignment's candidates (one row per customer)
   * @param orders the orders table, if the run has one (no anniversaries without)
   * @param interactions the interactions table, if any (no concerns nor talking points without)
   * @param touches the classify stage's touches, if any (which notes are personal)
   * @param repEmails {@link #repEmails}
   */
  static Dataset<Row> withContext(
      Dataset<Row> candidates,
      Dataset<Row> customers,
      Optional<Dataset<Row>> orders,
      Optional<Dataset<Row>> interactions,
      Optional<Dataset<Row>> touches,
      Dataset<Row> repEmails,
      LocalDate asOf,
      ZoneId zone,
      OutreachSettings s) {
    Instant before = asOf.atStartOfDay(zone).toInstant();
    Dataset<Row> enriched = candidates;
    Dataset<Row> ids = candidates.select(Columns.CUSTOMER_ID, Columns.HOUSEHOLD_ID);
    enriched = leftJoin(enriched, Occasions.birthdays(ids, customers, asOf, s.occasionDays()));
    if (orders.isPresent()) {
      enriched =
          leftJoin(
              enriched,
              Occasions.anniversaries(ids, orders.get(), asOf, s.occasionDays(), zone.getId()));
    } else {
      enriched =
          enriched
              .withColumn(Occasions.ANNIVERSARY_DATE, lit(null).cast("date"))
              .withColumn(Occasions.ANNIVERSARY_YEARS, lit(null).cast("int"));
    }
    if (interactions.isPresent()) {
      Dataset<Row> notes = Notes.of(interactions.get(), touches, ids, before).persist();
      enriched = leftJoin(enriched, Occasions.openConcerns(notes, before, s.concernDays()));
      enriched =
          leftJoin(
              enriched,
              TalkingPoints.of(
                  notes, before, s.notesDays(), s.talkingPointsMax(), s.talkingPointsMaxChars()));
    } else {
      enriched =
          enriched
              .withColumn(Occasions.CONCERN, lit(null).cast("string"))
              .withColumn(Occasions.CONCERN_AT, lit(null).cast("timestamp"))
              .withColumn(Outreach.TALKING_POINTS, lit(null).cast("string"));
    }
    Dataset<Row> contact =
        customers.select(col(Columns.CUSTOMER_ID).as("_cid"), col(Columns.EMAIL));
    enriched =
        enriched
            .join(contact, col(Columns.CUSTOMER_ID).equalTo(col("_cid")), "left_outer")
            .drop("_cid");
    return enriched
        .join(broadcast(repEmails), col(Outreach.REP_ID).equalTo(col("_rid")), "left_outer")
        .drop("_rid")
        .select(COLUMNS.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
  }

  /**
   * Every rep's e-mail from the roster, keyed {@code _rid} for the join in {@link #withContext}.
   */
  static Dataset<Row> repEmails(SparkSession spark, Roster roster) {
    List<Row> r = new ArrayList<>();
    roster.reps().values().forEach(rep -> r.add(RowFactory.create(rep.repId(), rep.email())));
    return spark.createDataFrame(
        r, new StructType().add("_rid", "string", false).add(REP_EMAIL, "string", true));
  }

  /** The rows as {@code tables/outreach} stores them. */
  static Dataset<Row> table(SparkSession spark, List<OutreachRow> rows) {
    return spark.createDataFrame(
        rows.stream().map(OutreachList::toTableRow).toList(), Outreach.SCHEMA);
  }

  /** Joins a per-customer table (customer_id unique by construction: a groupBy) onto the list. */
  private static Dataset<Row> leftJoin(Dataset<Row> list, Dataset<Row> perCustomer) {
    Dataset<Row> p = perCustomer.withColumnRenamed(Columns.CUSTOMER_ID, "_jid");
    return list.join(p, col(Columns.CUSTOMER_ID).equalTo(p.col("_jid")), "left_outer").drop("_jid");
  }
}
