package rapport.scores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.schema.Columns;
import rapport.schema.Scores;
import rapport.testing.Cli;
import rapport.testing.TestSpark;
import rapport.testing.TruthTouches;

/**
 * The score stage end to end on a generated world of 1,500 customers, with tables/touches from the
 * world's truth labels standing in for classify: the command with --explain, the output contract,
 * and the ranking of what happened after T against the recency/frequency baseline.
 */
class ScoreStageTest {
  @TempDir static Path dir;
  static Path world;
  static Path out;
  static Path run;
  static Cli scored;
  static final LocalDate T = LocalDate.of(2026, 6, 30);

  @BeforeAll
  static void scoreAWorld() {
    world = dir.resolve("world");
    out = dir.resolve("out");
    Cli generated =
        Cli.run("generate", "--customers", "1500", "--seed", "11", "--out", world.toString());
    assertEquals(0, generated.exitCode, generated.toString());
    String config = world.resolve("rapport.yaml").toString();
    Cli ingested = Cli.run("ingest", "--config", config, "--out", out.toString());
    assertEquals(0, ingested.exitCode, ingested.toString());
    run = out.resolve(T.toString());
    TruthTouches.write(TestSpark.session(), run, world);
    scored = Cli.run("score", "--config", config, "--out", out.toString(), "--explain");
    assertEquals(0, scored.exitCode, scored.toString());
  }

  @Test
  void explainPrintsAndKeepsHowTheScoresWereMade() throws Exception {
    String kept = Files.readString(run.resolve(Explanation.FILE));
    assertTrue(scored.out.contains(kept), "--explain prints scores/explain.txt");
    assertTrue(kept.contains("personal_index = 100 x (0.25 * personal_touches_365d"));
    assertTrue(kept.contains("automated_index = 100 x (0.50 * automated_touches_365d"));
    assertTrue(kept.contains("<rapport.stats.BgNbdFit"));
    assertTrue(kept.contains("personal_index_per_10"));
    assertTrue(kept.contains("odds ratio per unit"));
    assertTrue(kept.contains("baseline: recency, frequency and monetary value only"));
    assertTrue(kept.contains("score_model names the model"));
  }

  @Test
  void everyCustomerGetsOneRowWithTheContractColumns() {
    Dataset<Row> scores =
        TestSpark.session().read().parquet(run.resolve("tables/" + Scores.TABLE).toString());
    Set<String> columns = Set.of(scores.columns());
    for (String c :
        List.of(
            Columns.CUSTOMER_ID,
            Columns.AS_OF,
            Columns.HOUSEHOLD_ID,
            Columns.OWNER_REP_ID,
            Scores.PERSONAL_INDEX,
            Scores.AUTOMATED_INDEX,
            Scores.RELATIONSHIP_SCORE,
            Scores.RETENTION_PROBABILITY,
            Scores.P_ALIVE,
            Scores.EXPECTED_VALUE,
            Scores.REASON_CODES,
            Scores.REASON_EVIDENCE,
            Scores.IS_MASKED,
            Scores.HAS_REP_DEPENDENCY,
            Scores.PERSONAL_TOUCHES_90D,
            Scores.DAYS_SINCE_PERSONAL_TOUCH,
            Scores.RECENCY_DAYS,
            Scores.TENURE_DAYS)) {
      assertTrue(columns.contains(c), "column " + c);
    }
    long customers =
        TestSpark.session()
            .read()
            .parquet(run.resolve("tables/customers").toString())
            .filter("customer_since < date'2026-06-30'")
            .count();
    assertEquals(customers, scores.count());
    assertEquals(customers, scores.select(Columns.CUSTOMER_ID).distinct().count());
    assertEquals(0, scores.filter("personal_index < 0 or personal_index > 100").count());
    assertEquals(0, scores.filter("automated_index < 0 or automated_index > 100").count());
    assertEquals(0, scores.filter("relationship_score < 0 or relationship_score > 100").count());
    assertEquals(0, scores.filter("size(reason_codes) > 3").count());
    assertEquals(0, scores.filter("size(reason_codes) != size(reason_evidence)").count());
    assertTrue(scores.filter("is_masked").count() > 0, "some customers are masked");
    assertTrue(scores.filter("has_rep_dependency").count() > 0, "some depend on a rep who left");
    Dataset<Row> households =
        TestSpark.session()
            .read()
            .parquet(run.resolve("tables/" + Scores.HOUSEHOLDS_TABLE).toString());
    assertEquals(
        customers,
        households.agg(org.apache.spark.sql.functions.sum(Scores.MEMBERS)).first().getLong(0));
  }

  @Test
  void theScoreRanksWhatHappenedAfterTBetterThanRecencyAndFrequency() {
    Evaluation.Measures m = Evaluation.of(TestSpark.session(), run, world, T, 180, "Europe/Berlin");
    System.out.print(m.text());
    assertTrue(m.auc() > 0.7, m.text());
    assertTrue(m.auc() > m.aucBaseline(), m.text());
    assertTrue(m.spearman() > m.spearmanBaseline(), m.text());
  }
}
