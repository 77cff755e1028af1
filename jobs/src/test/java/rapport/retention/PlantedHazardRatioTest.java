package rapport.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.testing.Cli;
import rapport.testing.TestSpark;

/**
 * A generated contract world plants a churn hazard × 0.6 per personal touch in the trailing 90 days
 * (truth/parameters.json: effects.personal_hazard_ratio, window_days). The stage's time-varying Cox
 * model must recover it: the planted value inside the 95% interval, and the estimate within a
 * tolerance of 0.1 (at 4,000 customers over a 3-year window the standard error of the log hazard
 * ratio is about 0.03, so 0.1 on the ratio is about 5 standard errors of slack for the small
 * misspecification the fatigue term leaves). Touches are the classifier's, as in a real run: its
 * mistakes must not move the estimate out of the interval.
 */
class PlantedHazardRatioTest {
  private static final double PLANTED = 0.6;

  @TempDir static Path dir;
  private static Path run;

  @BeforeAll
  static void runTheStage() {
    Path world = dir.resolve("world");
    Path out = dir.resolve("out");
    Cli gen =
        Cli.run(
            "generate",
            "--customers",
            "4000",
            "--contracts",
            "--seed",
            "11",
            "--out",
            world.toString());
    assertEquals(0, gen.exitCode, gen::toString);
    String config = world.resolve("rapport.yaml").toString();
    Cli ingest = Cli.run("ingest", "--config", config, "--out", out.toString());
    assertEquals(0, ingest.exitCode, ingest::toString);
    run = out.resolve("2026-06-30");
    Cli classify = Cli.run("classify", "--config", config, "--out", out.toString());
    assertEquals(0, classify.exitCode, classify::toString);
    Cli retention = Cli.run("retention", "--config", config, "--out", out.toString());
    assertEquals(0, retention.exitCode, retention::toString);
  }

  @Test
  void theCoxHazardRatioOfARecentPersonalTouchCoversThePlantedValue() {
    List<Row> rows =
        TestSpark.session()
            .read()
            .parquet(run.resolve("tables/retention_model").toString())
            .filter("model = 'cox_time_varying' and term = 'personal_touches_90d'")
            .collectAsList();
    assertEquals(1, rows.size());
    Row r = rows.get(0);
    double hr = r.getDouble(r.fieldIndex("estimate"));
    double lo = r.getDouble(r.fieldIndex("lower95"));
    double hi = r.getDouble(r.fieldIndex("upper95"));
    assertTrue(lo <= PLANTED && PLANTED <= hi, "0.6 in [" + lo + ", " + hi + "], HR " + hr);
    assertEquals(PLANTED, hr, 0.1);
  }

  @Test
  void theSummaryIsWrittenBesideTheTables() throws Exception {
    String summary = Files.readString(run.resolve(RetentionStage.SUMMARY));
    assertTrue(summary.contains("personal_touches_90d"), summary);
    assertTrue(summary.contains("observational"), summary);
  }
}
