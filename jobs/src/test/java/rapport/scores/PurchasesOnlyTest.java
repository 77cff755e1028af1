package rapport.scores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.schema.Scores;
import rapport.testing.Cli;
import rapport.testing.TestSpark;

/**
 * A world of customers and orders only (no interactions, so no touches) whose history is too short
 * for a backtest: the stage still scores everyone on purchases (the fallback chain ends in the
 * purchase model or the empirical rates), and says why there is no fitted retention model.
 */
class PurchasesOnlyTest {
  @TempDir Path dir;

  @Test
  void withoutTouchesOrABacktestTheStageScoresOnPurchasesAndSaysWhy() throws Exception {
    StringBuilder customers = new StringBuilder("customer_id,customer_since\n");
    StringBuilder orders = new StringBuilder("order_id,customer_id,ordered_at,amount\n");
    for (int i = 0; i < 60; i++) {
      customers.append("C").append(i).append(",2026-01-0").append(1 + i % 9).append('\n');
      for (int k = 0; k <= i % 4; k++) {
        orders.append(
            String.format(
                "O%d-%d,C%d,2026-0%d-1%d 10:00,%d.50%n", i, k, i, 2 + k, i % 10, 5 + i % 7));
      }
    }
    // poison: an order on T, which must not count
    orders.append("Olate,C1,2026-06-30 09:00,99.00\n");
    Files.writeString(dir.resolve("customers.csv"), customers);
    Files.writeString(dir.resolve("orders.csv"), orders);
    Path config = dir.resolve("rapport.yaml");
    Files.writeString(
        config,
        "as_of: 2026-06-30\ninputs:\n  customers: {path: customers.csv}\n  orders: {path: orders.csv}\n");
    Path out = dir.resolve("out");
    assertEquals(
        0, Cli.run("ingest", "--config", config.toString(), "--out", out.toString()).exitCode);
    Cli scored =
        Cli.run("score", "--config", config.toString(), "--out", out.toString(), "--explain");
    assertEquals(0, scored.exitCode, scored.toString());
    assertTrue(scored.out.contains("no model: 0 labelled customers"), scored.out);
    Path run = out.resolve("2026-06-30");
    Dataset<Row> scores =
        TestSpark.session().read().parquet(run.resolve("tables/" + Scores.TABLE).toString());
    assertEquals(60, scores.count());
    assertEquals(
        0, scores.filter("personal_touches_365d > 0 or automated_touches_365d > 0").count());
    assertEquals(
        60,
        scores
            .filter("relationship_score is not null and personal_index = 0")
            .filter("score_model in ('purchase_model', 'empirical')")
            .count());
    assertEquals(60, scores.filter("size(reason_codes) >= 1").count());
    assertEquals(
        0,
        TestSpark.session()
            .read()
            .parquet(run.resolve("tables/" + Scores.TABLE).toString())
            .filter("customer_id = 'C1' and recency_days < 1")
            .count());
  }
}
