package rapport.scores;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.cli.Stages;
import rapport.schema.Outreach;
import rapport.schema.Scores;
import rapport.testing.Cli;
import rapport.testing.TestSpark;

/**
 * The UCI Online Retail invoices (orders only, read in place from ../shared/datasets through the
 * shipped profile) end to end, as of the day after the last invoice so that a year of history is
 * seen: every fit guards itself and every buyer is scored. One run for the class (about 540,000
 * lines). Orders only, no reps and no owners: the outreach list is the one shared list.
 */
class OnlineRetailTest {
  private static final Path CONFIG =
      TestSpark.projectRoot().resolve("data-samples/profiles/online-retail/rapport.yaml");
  private static final String AS_OF = "2011-12-10";

  @TempDir static Path out;
  private static Path run;
  private static Dataset<Row> scores;

  @BeforeAll
  static void runTheShippedProfile() {
    Path orders = Stages.loadConfig(CONFIG).input("orders").orElseThrow().sources().get(0).path();
    assumeTrue(
        Files.exists(orders),
        "the UCI Online Retail file is not in ../shared/datasets/online-retail; skipped");
    // every stage but the report, which reads what these wrote and fits nothing
    for (String stage : List.of("ingest", "classify", "score", "retention", "outreach")) {
      Cli r =
          Cli.run(stage, "--config", CONFIG.toString(), "--as-of", AS_OF, "--out", out.toString());
      assertEquals(0, r.exitCode, () -> stage + ": " + r);
    }
    run = out.resolve(AS_OF);
    scores = TestSpark.session().read().parquet(run.resolve("tables/" + Scores.TABLE).toString());
  }

  @Test
  void atLeast95PercentOfBuyersHaveAScoreAndAModelName() {
    long buyers = scores.filter("purchase_days > 0").count();
    long scored =
        scores
            .filter("purchase_days > 0 and relationship_score is not null")
            .filter("score_model is not null")
            .count();
    assertTrue(buyers > 4000, "buyers: " + buyers);
    assertTrue(scored >= 0.95 * buyers, scored + " of " + buyers + " buyers scored");
  }

  @Test
  void everyProbabilityIsOneAndNoValueIsImpossible() {
    assertEquals(
        0,
        scores
            .filter(
                "retention_probability < 0 or retention_probability > 1 or isnan(retention_probability)"
                    + " or p_alive < 0 or p_alive > 1 or isnan(p_alive)"
                    + " or expected_purchases < 0 or expected_purchases > 180"
                    + " or isnan(expected_purchases) or isnan(expected_value)"
                    + " or abs(expected_value) = double('Infinity')")
            .count());
  }

  @Test
  void frequentBuyersSilentForNineMonthsAreProbablyGone() {
    Dataset<Row> silent = scores.filter("purchase_days >= 5 and recency_days >= 270");
    assertTrue(silent.count() > 0, "no frequent buyer silent for 9 months in the data");
    assertEquals(0, silent.filter("p_alive is null or p_alive >= 0.5").count());
    // and those who bought last week are not
    assertTrue(
        scores.filter("purchase_days >= 5 and recency_days <= 7 and p_alive > 0.9").count() > 0);
  }

  @Test
  void theCoxModelDropsTheTouchCovariatesByNameAndConverges() throws Exception {
    String summary = Files.readString(run.resolve("retention/summary.txt"));
    assertTrue(summary.contains("personal_touches_90d (constant)"), summary);
    assertTrue(summary.contains("automated_touches_90d (constant)"), summary);
    assertTrue(summary.contains("status = usable"), summary);
    Dataset<Row> model =
        TestSpark.session().read().parquet(run.resolve("tables/retention_model").toString());
    assertEquals(
        1,
        model.filter("model = 'cox_time_varying' and term = 'converged' and estimate = 1").count());
    assertTrue(
        model.filter("model = 'cox_time_varying' and term = 'log_orders_365d'").count() == 1);
  }

  @Test
  void theRunHasOneBgNbdFitAndBothStagesUseIt() throws Exception {
    String json = Files.readString(run.resolve(PurchaseModelFile.FILE));
    assertTrue(json.contains("\"usable\" : true"), json);
    String summary = Files.readString(run.resolve("retention/summary.txt"));
    assertTrue(summary.contains("the run's one fit, by the score stage"), summary);
    PurchaseModelFile.Stored stored = PurchaseModelFile.read(run.resolve(PurchaseModelFile.FILE));
    assertTrue(stored.fit().a() >= 1e-4, "a = " + stored.fit().a());
  }

  @Test
  void outreachSuppressesNoBuyerForWantOfAScore() throws Exception {
    JsonNode manifest =
        new ObjectMapper().readTree(run.resolve("outreach/outreach.manifest.json").toFile());
    long noScore = manifest.path("counts").path("suppressed").path("NO_SCORE").asLong();
    long nonBuyers = scores.filter("purchase_days = 0").count();
    // customers whose every order was cancelled or returned have no expected value; buyers all do
    assertTrue(
        noScore <= nonBuyers, noScore + " suppressed as NO_SCORE, " + nonBuyers + " non-buyers");
    assertTrue(manifest.path("counts").path("customers").asLong() > 4000);
  }

  @Test
  void anOrdersOnlyBusinessGetsOneSharedListOfTheDefaultCapacity() {
    Dataset<Row> outreach =
        TestSpark.session().read().parquet(run.resolve("tables/" + Outreach.TABLE).toString());
    Dataset<Row> toContact = outreach.filter(not(col(Outreach.IS_HOLDOUT)));
    assertEquals(25, toContact.count(), "default_weekly_capacity rows to contact");
    assertEquals(
        List.of("unassigned"),
        outreach.select(Outreach.REP_ID).distinct().collectAsList().stream()
            .map(r -> r.getString(0))
            .toList());
    assertTrue(
        outreach.filter(col(Outreach.IS_HOLDOUT)).count() > 0, "a holdout is drawn from the list");
  }
}
