package rapport.scores;

import static org.apache.spark.sql.functions.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import rapport.schema.Scores;
import rapport.testing.Cli;
import rapport.testing.TestSpark;

/**
 * Worlds built to break the fits: a constant covariate, perfect separation, no repeat buyer, one
 * customer, every order on one day, every touch of one kind. Whatever the fits do, no table holds
 * NaN, Infinity or an impossible value, every customer with a completed order has a retention
 * probability and the model it came from, and explain.txt names every fallback used.
 */
@Tag("slow") // runs in .ci/run after mvn verify (jobs/pom.xml, profile slow-tests)
class DegenerateInputsTest {
  private static final LocalDate AS_OF = LocalDate.parse("2026-06-30");
  private static final LocalDate CUT = AS_OF.minusDays(180);

  @TempDir Path dir;

  enum World {
    CONSTANT_COVARIATE,
    PERFECT_SEPARATION,
    NO_REPEAT_BUYERS,
    ONE_CUSTOMER,
    ALL_ORDERS_ON_ONE_DAY,
    ONE_KIND_OF_TOUCH
  }

  @ParameterizedTest
  @EnumSource(World.class)
  void noTableHoldsAnImpossibleValueAndEveryFallbackIsNamed(World world) throws IOException {
    Path config = write(world);
    Path out = dir.resolve("out");
    for (String stage : List.of("ingest", "classify", "score", "retention", "outreach")) {
      Cli r =
          Cli.run(
              stage,
              "--config",
              config.toString(),
              "--as-of",
              AS_OF.toString(),
              "--out",
              out.toString());
      assertEquals(0, r.exitCode, world + " " + stage + ": " + r);
    }
    Path run = out.resolve(AS_OF.toString());
    try (Stream<Path> tables = Files.list(run.resolve("tables"))) {
      for (Path table : tables.toList()) {
        assertFinite(world, table);
      }
    }
    Dataset<Row> scores =
        TestSpark.session().read().parquet(run.resolve("tables/" + Scores.TABLE).toString());
    assertEquals(
        0,
        scores
            .filter("purchase_days > 0")
            .filter("retention_probability is null or score_model is null")
            .count(),
        world + ": a buyer without a retention probability or model name");
    assertEquals(
        0,
        scores.filter("purchase_days > 0").filter("expected_value is null").count(),
        world + ": a buyer without an expected value (outreach would suppress them: NO_SCORE)");
    assertEquals(
        0,
        scores
            .filter(
                "retention_probability < 0 or retention_probability > 1 or p_alive < 0 or p_alive"
                    + " > 1 or expected_purchases < 0 or expected_purchases > 180"
                    + " or relationship_score < 0 or relationship_score > 100")
            .count(),
        world + ": an impossible value");
    String explain = Files.readString(run.resolve(Explanation.FILE));
    for (Row r : scores.groupBy(Scores.SCORE_MODEL).count().collectAsList()) {
      String line = String.format("  %-16s %d customers", r.getString(0), r.getLong(1));
      assertTrue(explain.contains(line), world + ": explain.txt lacks '" + line + "'\n" + explain);
      if (!r.getString(0).equals(Scores.MODEL_FULL)) {
        assertTrue(
            explain.contains("not used") || explain.contains("no model"),
            world + ": a fallback without its reason\n" + explain);
      }
    }
  }

  /** No NaN or Infinity in any floating-point column of a table. */
  private static void assertFinite(World world, Path table) {
    Dataset<Row> t = TestSpark.session().read().parquet(table.toString());
    List<Column> bad = new ArrayList<>();
    for (StructField f : t.schema().fields()) {
      if (f.dataType().equals(DataTypes.DoubleType) || f.dataType().equals(DataTypes.FloatType)) {
        Column c = col(f.name());
        bad.add(
            isnan(c)
                .or(c.equalTo(Double.POSITIVE_INFINITY))
                .or(c.equalTo(Double.NEGATIVE_INFINITY)));
      }
    }
    if (bad.isEmpty()) {
      return;
    }
    Column any = bad.stream().reduce(Column::or).orElseThrow();
    List<Row> rows = t.filter(any).limit(3).collectAsList();
    assertTrue(
        rows.isEmpty(), world + ": " + table.getFileName() + " holds NaN or Infinity: " + rows);
  }

  private Path write(World world) throws IOException {
    StringBuilder customers = new StringBuilder("customer_id,customer_since\n");
    StringBuilder orders = new StringBuilder("order_id,customer_id,ordered_at,amount\n");
    StringBuilder touches =
        new StringBuilder(
            "interaction_id,customer_id,occurred_at,channel,direction,author_type,subject,body\n");
    int n = world == World.ONE_CUSTOMER ? 1 : 150;
    for (int i = 0; i < n; i++) {
      String id = "C" + i;
      customers.append(id).append(",2024-01-01\n");
      boolean retained = i % 2 == 1;
      List<LocalDate> days = new ArrayList<>();
      switch (world) {
        case CONSTANT_COVARIATE, ONE_KIND_OF_TOUCH -> {
          days.add(LocalDate.parse("2025-03-01").plusDays(i));
          days.add(LocalDate.parse("2025-09-01").plusDays(i % 60));
          if (retained) {
            days.add(CUT.plusDays(10 + i % 100));
          }
        }
        case PERFECT_SEPARATION -> {
          if (retained) {
            for (int k = 0; k < 6; k++) {
              days.add(LocalDate.parse("2025-02-01").plusDays(40L * k + i % 20));
            }
            days.add(CUT.plusDays(5 + i % 90));
          } else {
            days.add(LocalDate.parse("2025-02-01").plusDays(i % 30));
          }
        }
        case NO_REPEAT_BUYERS -> days.add(LocalDate.parse("2025-01-05").plusDays(3L * i));
        case ONE_CUSTOMER -> {
          days.add(LocalDate.parse("2025-05-01"));
          days.add(LocalDate.parse("2025-10-01"));
          days.add(LocalDate.parse("2026-03-01"));
        }
        case ALL_ORDERS_ON_ONE_DAY -> days.add(LocalDate.parse("2025-11-03"));
      }
      for (int k = 0; k < days.size(); k++) {
        String amount =
            world == World.CONSTANT_COVARIATE ? "10.00" : (5 + (i * 7 + k) % 40) + ".50";
        orders.append(String.format("O%d-%d,%s,%s 10:00,%s%n", i, k, id, days.get(k), amount));
      }
      if (world == World.ONE_KIND_OF_TOUCH) {
        for (int m = 0; m < 12; m++) {
          touches.append(
              String.format(
                  "T%d-%d,%s,%s 09:00,email,outbound,system,Our news,\"Dear customer, our"
                      + " monthly news for %s.\"%n",
                  i, m, id, LocalDate.parse("2025-07-01").plusMonths(m), "all"));
        }
      }
    }
    // poison: an order whose date does not parse is quarantined, not scored
    orders.append("Obad,C0,not-a-date,10.00\n");
    Files.writeString(dir.resolve("customers.csv"), customers);
    Files.writeString(dir.resolve("orders.csv"), orders);
    StringBuilder yaml =
        new StringBuilder(
            "inputs:\n  customers: {path: customers.csv}\n  orders: {path: orders.csv,"
                + " max_bad_share: 0.5}\n");
    if (world == World.ONE_KIND_OF_TOUCH) {
      Files.writeString(dir.resolve("interactions.csv"), touches);
      yaml.append("  interactions: {path: interactions.csv}\n");
    }
    Path config = dir.resolve("rapport.yaml");
    Files.writeString(config, yaml);
    return config;
  }
}
