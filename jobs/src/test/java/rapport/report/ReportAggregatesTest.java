package rapport.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.report.ReportData.RunFacts;
import rapport.testing.TestSpark;

/** The aggregations over the big tables, on tiny tables with rows at every edge. */
class ReportAggregatesTest {
  final SparkSession spark = TestSpark.session();
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);

  private Dataset<Row> touches(Object[]... rows) {
    StructType schema =
        new StructType()
            .add("occurred_at", DataTypes.TimestampType, false)
            .add("touch_kind", DataTypes.StringType, false);
    List<Row> list = new ArrayList<>();
    for (Object[] r : rows) {
      list.add(RowFactory.create(Timestamp.from(Instant.parse((String) r[0])), r[1]));
    }
    return spark.createDataFrame(list, schema);
  }

  @Test
  void touchesPerMonthCountsCompletedMonthsInTheConfiguredZone() {
    Dataset<Row> t =
        touches(
            new Object[] {"2026-02-28T22:30:00Z", "personal"}, // 28 Feb 23:30 Berlin: before
            new Object[] {"2026-02-28T23:30:00Z", "personal"}, // 1 Mar 00:30 Berlin: March
            new Object[] {"2026-04-10T08:00:00Z", "automated"},
            new Object[] {"2026-04-11T08:00:00Z", "automated"},
            new Object[] {"2026-04-12T08:00:00Z", "inbound"},
            new Object[] {"2026-05-31T21:30:00Z", "personal"}, // 31 May 23:30 CEST: May
            new Object[] {"2026-05-31T22:30:00Z", "personal"}, // 1 Jun CEST: June is not complete
            new Object[] {"2026-06-29T10:00:00Z", "automated"}, // the as-of month
            new Object[] {"2026-07-02T10:00:00Z", "automated"}); // after T
    List<Row> rows = ReportAggregates.touchesPerMonth(t, BERLIN, AS_OF, 3).collectAsList();
    assertEquals(3, rows.size());
    assertEquals("[2026-03,1,0,0]", rows.get(0).toString());
    assertEquals("[2026-04,0,2,1]", rows.get(1).toString());
    assertEquals("[2026-05,1,0,0]", rows.get(2).toString());
  }

  @Test
  void scoreBandsCloseTheTopBandAtOneHundredAndSkipMissingScores() {
    StructType schema =
        new StructType()
            .add("relationship_score", DataTypes.DoubleType, true)
            .add("personal_index", DataTypes.DoubleType, true)
            .add("automated_index", DataTypes.DoubleType, true)
            .add("is_masked", DataTypes.BooleanType, true)
            .add("has_rep_dependency", DataTypes.BooleanType, true);
    List<Row> rows = new ArrayList<>();
    double[] scores = {0, 9.99, 10, 39.9, 40, 99.5, 100};
    for (int i = 0; i < scores.length; i++) {
      rows.add(RowFactory.create(scores[i], 10.0 * i, 5.0, i % 2 == 0, i == 3));
    }
    rows.add(RowFactory.create(null, 1.0, 1.0, true, true)); // no score: not counted
    Row s = ReportAggregates.scoreSummary(spark.createDataFrame(rows, schema)).first();
    assertEquals(7L, s.<Long>getAs("n"));
    long[] expected = {2, 1, 0, 1, 1, 0, 0, 0, 0, 2};
    for (int b = 0; b < 10; b++) {
      assertEquals(expected[b], s.<Long>getAs("band_" + b), "band " + b);
    }
    assertEquals(4L, s.<Long>getAs("masked"));
    assertEquals(1L, s.<Long>getAs("rep_dependent"));
    assertEquals(30.0, s.<Double>getAs("mean_personal_index"), 1e-12);
  }

  @Test
  void outreachPerRepJoinsCapacityAndKeepsRepsMissingFromTheRepsTable() {
    StructType out =
        new StructType()
            .add("customer_id", DataTypes.StringType, false)
            .add("rep_id", DataTypes.StringType, false)
            .add("priority", DataTypes.DoubleType, false)
            .add("expected_value_at_risk", DataTypes.DoubleType, false)
            .add("due_date", DataTypes.DateType, false)
            .add("is_handoff", DataTypes.BooleanType, false);
    Date d1 = Date.valueOf("2026-07-01");
    Date d3 = Date.valueOf("2026-07-03");
    Dataset<Row> outreach =
        spark.createDataFrame(
            List.of(
                RowFactory.create("C1", "R1", 10.0, 100.0, d1, false),
                RowFactory.create("C2", "R1", 5.5, 50.0, d3, true),
                RowFactory.create("C3", "R2", 1.0, 9.0, d1, false),
                RowFactory.create("C4", "R9", 2.0, 20.0, d3, false)),
            out);
    StructType repSchema =
        new StructType()
            .add("rep_id", DataTypes.StringType, false)
            .add("team", DataTypes.StringType, true)
            .add("weekly_capacity", DataTypes.IntegerType, true);
    Dataset<Row> reps =
        spark.createDataFrame(
            List.of(
                RowFactory.create("R1", "sales", 24),
                RowFactory.create("R2", "coffee", null),
                RowFactory.create("R3", "coffee", 30)),
            repSchema);
    List<Row> rows = ReportAggregates.outreachPerRep(outreach, reps).collectAsList();
    assertEquals(3, rows.size(), "one row per rep of the list; R3 has nobody to call");
    assertEquals("[R1,sales,2,1,24,150.0,15.5,2026-07-01,2026-07-03]", rows.get(0).toString());
    assertEquals("[R2,coffee,1,0,null,9.0,1.0,2026-07-01,2026-07-01]", rows.get(1).toString());
    assertNull(rows.get(2).getAs("team"), "R9 is not in the reps table");
    assertEquals(
        4L,
        ReportAggregates.outreachPerRep(outreach, null).collectAsList().stream()
            .mapToLong(r -> r.<Long>getAs("customers"))
            .sum());
  }

  @Test
  void theLoaderReadsTheRetentionTablesBackAndNamesWhatIsMissing(@TempDir Path run)
      throws Exception {
    ReportData sample = SampleReportData.data();
    StageFixtures.writeRetention(spark, run, sample);
    Files.createDirectories(run.resolve("quality"));
    Files.writeString(
        run.resolve("quality/report.json"),
        "{\"as_of\":\"2026-06-30\",\"inputs\":{\"orders\":{\"format\":\"csv\",\"rows_read\":10,"
            + "\"rows_valid\":9,\"rows_quarantined\":1,\"rows_written\":9,"
            + "\"quarantined_by_reason\":{\"DUPLICATE_KEY\":1},\"max_bad_share\":0.05,"
            + "\"within_tolerance\":false}}}");
    RunFacts facts = sample.facts();
    ReportData loaded = ReportLoader.load(spark, run, facts, BERLIN, 24);
    assertEquals(new HashSet<>(sample.segments()), new HashSet<>(loaded.segments()));
    assertEquals(sample.segments().size(), loaded.segments().size());
    assertEquals(new HashSet<>(sample.curves()), new HashSet<>(loaded.curves()));
    assertEquals(sample.calibration(), loaded.calibration());
    assertEquals(sample.model().size(), loaded.model().size());
    assertEquals(
        new Findings(sample).hazards(), new Findings(loaded).hazards(), "same hazard ratios");
    assertEquals(1, loaded.quality().size());
    assertEquals(0.1, loaded.quality().get(0).badShare(), 1e-12);
    assertTrue(!loaded.quality().get(0).withinTolerance());
    List<String> missing = loaded.missing();
    assertEquals(4, missing.size(), missing.toString());
    assertTrue(missing.get(0).startsWith("customers:"));
    assertTrue(missing.stream().anyMatch(m -> m.startsWith("touches per month:")));
    assertTrue(missing.stream().anyMatch(m -> m.startsWith("relationship scores:")));
    assertTrue(missing.stream().anyMatch(m -> m.startsWith("outreach this week:")));
  }
}
