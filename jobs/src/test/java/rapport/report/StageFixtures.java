package rapport.report;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import rapport.report.ReportData.CurvePoint;
import rapport.report.ReportData.ModelTerm;
import rapport.report.ReportData.Segment;
import rapport.schema.Columns;
import rapport.schema.Outreach;
import rapport.schema.ReportInputs;
import rapport.schema.RetentionTables;
import rapport.schema.Scores;
import rapport.schema.Touches;

/**
 * Writes, into a run folder that ingestion has filled, the tables the other stages will write: in
 * their registered schemas, with deterministic made-up values. The retention tables carry exactly
 * {@link SampleReportData}'s numbers; the per-customer tables derive from the ingested customers
 * and put every customer's name, e-mail and phone into the columns the report must never show.
 */
final class StageFixtures {
  private StageFixtures() {}

  static void writeAll(SparkSession spark, Path run, LocalDate asOf) throws IOException {
    ReportData sample = SampleReportData.data(asOf, 0);
    writeRetention(spark, run, sample);
    Dataset<Row> customers = spark.read().parquet(run.resolve("tables/customers").toString());
    Dataset<Row> interactions = spark.read().parquet(run.resolve("tables/interactions").toString());
    write(touches(interactions), run, Touches.TABLE);
    write(scores(customers, asOf), run, Scores.TABLE);
    write(outreach(customers, asOf), run, Outreach.TABLE);
    writeHoldout(customers, run);
  }

  static void writeRetention(SparkSession spark, Path run, ReportData sample) {
    List<Row> segs = new ArrayList<>();
    for (Segment s : sample.segments()) {
      segs.add(
          RowFactory.create(
              s.kind(),
              s.segment(),
              s.n(),
              s.retained(),
              s.rate(),
              s.lower95(),
              s.upper95(),
              s.kmMedianDays(),
              s.kmMedianLower95(),
              s.kmMedianUpper95()));
    }
    write(
        spark.createDataFrame(segs, RetentionTables.SEGMENTS_SCHEMA),
        run,
        RetentionTables.SEGMENTS);
    List<Row> curves = new ArrayList<>();
    for (CurvePoint p : sample.curves()) {
      curves.add(
          RowFactory.create(
              p.kind(),
              p.segment(),
              p.timeDays(),
              p.survival(),
              p.lower95(),
              p.upper95(),
              p.atRisk()));
    }
    write(
        spark.createDataFrame(curves, RetentionTables.CURVES_SCHEMA), run, RetentionTables.CURVES);
    List<Row> model = new ArrayList<>();
    for (ModelTerm t : sample.model()) {
      model.add(
          RowFactory.create(
              t.model(),
              t.term(),
              t.estimate(),
              t.stdError(),
              t.lower95(),
              t.upper95(),
              t.p(),
              t.n()));
    }
    write(spark.createDataFrame(model, RetentionTables.MODEL_SCHEMA), run, RetentionTables.MODEL);
  }

  /** A crude classification: reps' calls and visits are personal, the rest automated. */
  static Dataset<Row> touches(Dataset<Row> interactions) {
    return interactions.select(
        col(Columns.INTERACTION_ID),
        col(Columns.CUSTOMER_ID),
        col(Columns.OCCURRED_AT),
        col(Columns.CHANNEL),
        col(Columns.DIRECTION),
        col(Columns.AUTHOR_TYPE),
        col(Columns.AUTHOR_ID),
        when(col(Columns.DIRECTION).equalTo("inbound"), lit(Touches.INBOUND))
            .when(
                col(Columns.AUTHOR_TYPE)
                    .equalTo("rep")
                    .and(col(Columns.CHANNEL).isin("phone", "in_person")),
                lit(Touches.PERSONAL))
            .otherwise(lit(Touches.AUTOMATED))
            .as(Touches.TOUCH_KIND),
        lit(0.5).as(Touches.PERSONAL_SCORE),
        lit(null).cast("string").as(Touches.TEMPLATE_ID),
        lit(0L).as(Touches.TEMPLATE_FANOUT),
        array(lit("FIXTURE")).as(Touches.REASONS));
  }

  static Dataset<Row> scores(Dataset<Row> customers, LocalDate asOf) {
    var h = abs(hash(col(Columns.CUSTOMER_ID)));
    return customers.select(
        col(Columns.CUSTOMER_ID),
        lit(asOf).as(Columns.AS_OF),
        pmod(h, lit(101)).cast("double").as(Scores.RELATIONSHIP_SCORE),
        pmod(h, lit(97)).cast("double").as(Scores.PERSONAL_INDEX),
        pmod(h, lit(89)).cast("double").as(Scores.AUTOMATED_INDEX),
        pmod(h, lit(100)).divide(100.0).as(Scores.RETENTION_PROBABILITY),
        pmod(h, lit(9)).equalTo(0).as(Scores.IS_MASKED),
        pmod(h, lit(11)).equalTo(0).as(Scores.HAS_REP_DEPENDENCY),
        array(concat(lit("NO_PERSONAL_TOUCH "), col(Columns.FIRST_NAME))).as(Scores.REASON_CODES),
        concat(
                col(Columns.FIRST_NAME),
                lit(" "),
                col(Columns.LAST_NAME),
                lit(" "),
                col(Columns.EMAIL))
            .as(Scores.REASON_EVIDENCE));
  }

  /** Every fifth customer with a rep, with talking points that quote the customer's data. */
  static Dataset<Row> outreach(Dataset<Row> customers, LocalDate asOf) {
    var h = abs(hash(col(Columns.CUSTOMER_ID)));
    return customers
        .filter(col(Columns.OWNER_REP_ID).isNotNull().and(pmod(h, lit(5)).equalTo(0)))
        .select(
            pmod(h, lit(100000)).cast("int").as(Outreach.RANK),
            col(Columns.CUSTOMER_ID),
            col(Columns.OWNER_REP_ID).as(Columns.REP_ID),
            pmod(h, lit(500)).cast("double").as(Outreach.PRIORITY),
            pmod(h, lit(5000)).cast("double").as(Outreach.EXPECTED_VALUE_AT_RISK),
            lit("NO_PERSONAL_TOUCH;MASKED").as(Scores.REASON_CODES),
            lit("birthday").as("occasion"),
            concat(
                    lit("Ask "),
                    col(Columns.FIRST_NAME),
                    lit(" "),
                    col(Columns.LAST_NAME),
                    lit(" ("),
                    col(Columns.EMAIL),
                    lit(", "),
                    col(Columns.PHONE),
                    lit(") about the car"))
                .as("talking_points"),
            date_add(lit(asOf), pmod(h, lit(7)).cast("int")).as(Outreach.DUE_DATE),
            pmod(h, lit(13)).equalTo(0).as(Outreach.IS_HANDOFF));
  }

  static void writeHoldout(Dataset<Row> customers, Path run) throws IOException {
    List<Row> held =
        customers
            .filter(pmod(abs(hash(col(Columns.CUSTOMER_ID))), lit(50)).equalTo(1))
            .select(Columns.CUSTOMER_ID, Columns.OWNER_REP_ID, Columns.FIRST_NAME)
            .orderBy(Columns.CUSTOMER_ID)
            .collectAsList();
    StringBuilder csv = new StringBuilder("customer_id,rep_id,first_name\n");
    for (Row r : held) {
      csv.append(r.getString(0)).append(',').append(r.getString(1)).append(',');
      csv.append(r.getString(2)).append('\n');
    }
    Path f = run.resolve(ReportInputs.HOLDOUT_FILE);
    Files.createDirectories(f.getParent());
    Files.writeString(f, csv);
  }

  private static void write(Dataset<Row> df, Path run, String table) {
    df.coalesce(1)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(run.resolve("tables").resolve(table).toString());
  }
}
