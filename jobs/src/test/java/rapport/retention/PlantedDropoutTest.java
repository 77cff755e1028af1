package rapport.retention;

import static org.apache.spark.sql.functions.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.schema.Columns;
import rapport.schema.Touches;
import rapport.stats.DynamicBgNbd;
import rapport.stats.Estimate;
import rapport.testing.Cli;
import rapport.testing.TestSpark;

/**
 * The dropout model on generated purchase worlds (no contracts) of 5,000 customers, with the
 * touches' kinds from the world's truth (the classifier is tested on its own): the world that
 * plants a dropout hazard × 0.6 per personal touch in the trailing 90 days, and the same world with
 * no effect planted.
 *
 * <p>Tolerances, from 20,000-customer worlds at three seeds (docs/retention.md): the model is
 * attenuated towards 1 (it reads the touches at purchases, the world's dropout clock runs between
 * them), so on the planted world the personal hazard ratio must be within [0.5, 0.8] with its upper
 * limit below 0.9 (protective, clearly); on the world without an effect its interval must hold 1.
 * The automated outreach term must not be protective by more than 10% on either.
 */
class PlantedDropoutTest {
  static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);
  private static final String ZONE = "Europe/Berlin";

  @TempDir static Path dir;

  @Test
  void thePlantedPersonalEffectIsFoundAndTheNullWorldShowsNone() {
    DynamicBgNbd.Fit planted = fit("planted", "0.6");
    DynamicBgNbd.Fit none = fit("none", "1.0");
    Estimate p = term(planted, DropoutOccasions.PERSONAL);
    assertTrue(p.ratio() >= 0.5 && p.ratio() <= 0.8 && p.ratioUpper95() < 0.9, p.toString());
    Estimate n = term(none, DropoutOccasions.PERSONAL);
    assertTrue(n.ratioLower95() <= 1 && n.ratioUpper95() >= 1, n.toString());
    for (DynamicBgNbd.Fit f : List.of(planted, none)) {
      Estimate o = term(f, DropoutOccasions.OUTREACH);
      assertTrue(o.ratioLower95() >= 0.85, f.label() + ": " + o);
    }
  }

  private static Estimate term(DynamicBgNbd.Fit fit, String term) {
    assertTrue(fit.status().usable(), fit.status().describe());
    return fit.estimates().stream().filter(e -> e.term().equals(term)).findFirst().orElseThrow();
  }

  private static DynamicBgNbd.Fit fit(String name, String effect) {
    List<Row> rows = histories(dir.resolve(name), 5000, effect);
    DropoutOccasions.Prepared prepared = DropoutOccasions.prepare(rows, AS_OF.toEpochDay(), 7.0);
    return DynamicBgNbd.fit(name, prepared.customers(), prepared.terms());
  }

  /**
   * The {@link DropoutOccasions#histories} rows of a generated purchase world (seed 5, as of
   * 2026-06-30), the touch kinds from its truth.
   */
  static List<Row> histories(Path world, int customers, String effect) {
    Cli gen =
        Cli.run(
            "generate",
            "--customers",
            String.valueOf(customers),
            "--seed",
            "5",
            "--personal-effect",
            effect,
            "--out",
            world.toString());
    assertEquals(0, gen.exitCode, gen::toString);
    SparkSession spark = TestSpark.session();
    Dataset<Row> orders =
        csv(spark, world.resolve("orders.csv"))
            .select(
                col(Columns.ORDER_ID),
                col(Columns.CUSTOMER_ID),
                to_timestamp(col(Columns.ORDERED_AT)).as(Columns.ORDERED_AT),
                col(Columns.AMOUNT).cast("decimal(20,4)").as(Columns.AMOUNT),
                col(Columns.STATUS),
                col(Columns.CHANNEL));
    Dataset<Row> touches =
        csv(spark, world.resolve("interactions.csv"))
            .select(
                col(Columns.INTERACTION_ID),
                col(Columns.CUSTOMER_ID),
                to_timestamp(col(Columns.OCCURRED_AT)).as(Columns.OCCURRED_AT))
            .join(csv(spark, world.resolve("truth/touch_labels.csv")), Columns.INTERACTION_ID)
            .filter(col(Touches.TOUCH_KIND).isin(Touches.PERSONAL, Touches.AUTOMATED));
    long t = AS_OF.toEpochDay();
    return DropoutOccasions.histories(
            orders,
            DayEvents.completedOrders(orders, ZONE),
            DayEvents.personalTouches(touches, ZONE),
            DropoutOccasions.outreachTouches(touches, ZONE),
            t,
            ZONE)
        .orderBy(Columns.CUSTOMER_ID)
        .collectAsList();
  }

  private static Dataset<Row> csv(SparkSession spark, Path file) {
    return spark
        .read()
        .option("header", "true")
        .option("multiLine", "true")
        .option("escape", "\"")
        .csv(file.toString());
  }
}
