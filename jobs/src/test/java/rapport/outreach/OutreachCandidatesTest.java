package rapport.outreach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.cli.Stages;
import rapport.schema.Columns;
import rapport.schema.Outreach;
import rapport.schema.Scores;
import rapport.schema.Touches;
import rapport.testing.TestSpark;

/**
 * The outreach stage's transformations called directly on the tables of {@link OutreachWorld}
 * (whose poison rows: a do-not-contact customer, a closed one, an unscored one, a departed rep, a
 * formula for a name), without the stage's files.
 */
class OutreachCandidatesTest {
  static final LocalDate AS_OF = LocalDate.parse("2026-06-30");
  static final ZoneId ZONE = ZoneId.of("UTC");
  @TempDir static Path dir;
  static SparkSession spark;
  static Path tables;
  static OutreachSettings settings;

  @BeforeAll
  static void world() throws IOException {
    spark = TestSpark.session();
    tables = OutreachWorld.write(dir.resolve("out"), AS_OF.toString()).resolve("tables");
    settings = Stages.loadConfig(OutreachWorld.config(dir, "")).section(OutreachSettings.class);
  }

  static Dataset<Row> table(String name) {
    return spark.read().parquet(tables.resolve(name).toString());
  }

  static Dataset<Row> withSuppression() {
    Dataset<Row> scores = table(Scores.TABLE);
    Optional<Dataset<Row>> days =
        OutreachCandidates.daysSincePersonal(
            scores, Optional.of(table(Touches.TABLE)), AS_OF, ZONE);
    return Eligibility.withSuppression(
        table("customers"), scores, days, AS_OF, settings.recentTouchDays());
  }

  @Test
  void thePopulationCountsEverySuppressionRuleOnce() {
    OutreachCandidates.Population p = OutreachCandidates.population(withSuppression());
    assertEquals(17, p.customers());
    assertEquals(
        Map.of("CLOSED", 1L, "DO_NOT_CONTACT", 1L, "NO_SCORE", 1L, "RECENT_PERSONAL_TOUCH", 1L),
        p.suppressed());
    Dataset<Row> eligible =
        OutreachCandidates.eligible(
            withSuppression(), TouchEffect.from(Optional.empty(), settings.defaultHazardRatio()));
    assertEquals(13, eligible.count());
    assertFalse(Arrays.asList(eligible.columns()).contains(Eligibility.SUPPRESSION));
    assertTrue(Arrays.asList(eligible.columns()).contains(Outreach.PRIORITY));
  }

  @Test
  void theCandidatesEndInTheColumnsTheListReads() {
    Roster roster =
        Roster.of(
            Optional.of(table("reps")),
            table("customers"),
            settings.defaultWeeklyCapacity(),
            settings.holdoutShare());
    Dataset<Row> eligible =
        OutreachCandidates.eligible(
            withSuppression(), TouchEffect.from(Optional.empty(), settings.defaultHazardRatio()));
    Dataset<Row> candidates =
        Assignment.assign(
                spark, eligible, roster, settings.holdoutShare(), settings.holdoutSeed(), AS_OF)
            .candidates();
    Dataset<Row> full =
        OutreachCandidates.withContext(
            candidates,
            table("customers"),
            Optional.of(table("orders")),
            Optional.of(table("interactions")),
            Optional.of(table(Touches.TABLE)),
            OutreachCandidates.repEmails(spark, roster),
            AS_OF,
            ZONE,
            settings);
    assertEquals(OutreachCandidates.COLUMNS, List.of(full.columns()));
    Map<String, Row> byId =
        full.collectAsList().stream()
            .collect(Collectors.toMap(r -> r.getAs(Columns.CUSTOMER_ID), r -> r));
    assertEquals(13, byId.size(), "one row per candidate: the left joins multiply no row");
    Row anna = byId.get(OutreachWorld.C1);
    assertEquals(java.sql.Date.valueOf("2026-07-03"), anna.getAs(Occasions.BIRTHDAY_DATE));
    assertTrue((Boolean) anna.getAs(Occasions.BIRTHDAY_IS_OWN));
    assertEquals("anna@example.com", anna.getAs(Columns.EMAIL));
    assertEquals("anna.rep@example.com", anna.getAs(OutreachCandidates.REP_EMAIL));
    assertEquals("exams", byId.get(OutreachWorld.C5).getAs(Outreach.TALKING_POINTS));

    // without orders and interactions the occasions they give are there, and empty
    Dataset<Row> bare =
        OutreachCandidates.withContext(
            candidates,
            table("customers"),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            OutreachCandidates.repEmails(spark, roster),
            AS_OF,
            ZONE,
            settings);
    assertEquals(OutreachCandidates.COLUMNS, List.of(bare.columns()));
    for (Row r : bare.collectAsList()) {
      assertNull(r.getAs(Occasions.ANNIVERSARY_DATE));
      assertNull(r.getAs(Occasions.CONCERN));
      assertNull(r.getAs(Outreach.TALKING_POINTS));
    }
  }
}
