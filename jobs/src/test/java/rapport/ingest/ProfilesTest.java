package rapport.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import rapport.cli.Stages;
import rapport.config.InputConfig;
import rapport.config.RapportConfig;
import rapport.config.SourceConfig;
import rapport.testing.Cli;
import rapport.testing.TestSpark;

/** The shipped export profiles read their sample exports without a single bad row. */
class ProfilesTest {
  private static final Path PROFILES = TestSpark.projectRoot().resolve("data-samples/profiles");

  @TempDir Path out;

  @ParameterizedTest
  @ValueSource(strings = {"salesforce", "hubspot"})
  void ingestsItsSampleExportCleanly(String profile) throws IOException {
    Path config = PROFILES.resolve(profile).resolve("rapport.yaml");
    Cli r = Cli.run("ingest", "--config", config.toString(), "--out", out.toString());
    assertEquals(0, r.exitCode, r::toString);
    JsonNode report =
        new ObjectMapper().readTree(out.resolve("2026-07-01/quality/report.json").toFile());
    for (String input : List.of("reps", "customers", "orders", "interactions")) {
      JsonNode in = report.get("inputs").get(input);
      assertEquals(0, in.get("rows_quarantined").asLong(), profile + " " + input + ": " + in);
      long dataRows = 0;
      for (JsonNode file : in.get("files")) {
        dataRows += records(config.getParent().resolve(file.asText()));
      }
      assertEquals(dataRows, in.get("rows_valid").asLong(), profile + " " + input);
    }
  }

  /** Records of a CSV file, header excluded, counted by an independent reader. */
  private static long records(Path csv) throws IOException {
    try (var reader = Files.newBufferedReader(csv)) {
      return org.apache.commons.csv.CSVFormat.RFC4180
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .get()
          .parse(reader)
          .stream()
          .count();
    }
  }

  /**
   * A contract snapshot (tenure in months, a Yes/No churn flag, the monthly charge): the churn flag
   * becomes closed_at through a mapping to an empty value, the tenure becomes customer_since.
   */
  @Test
  void contractSnapshotBecomesCustomersWithContractEnds() throws IOException {
    Path config = PROFILES.resolve("contract-snapshot/rapport.yaml");
    Cli r = Cli.run("ingest", "--config", config.toString(), "--out", out.toString());
    assertEquals(0, r.exitCode, r::toString);
    Path run = out.resolve("2026-06-30");
    JsonNode report = new ObjectMapper().readTree(run.resolve("quality/report.json").toFile());
    long rows = records(config.getParent().resolve("contracts.csv"));
    assertEquals(16, rows);
    for (String input : List.of("customers", "orders")) {
      JsonNode in = report.get("inputs").get(input);
      assertEquals(0, in.get("rows_quarantined").asLong(), input + ": " + in);
      assertEquals(rows, in.get("rows_valid").asLong(), input);
    }
    Map<String, org.apache.spark.sql.Row> customers =
        IngestTest.rows(run, "customers", "customer_id");
    long churned = customers.values().stream().filter(c -> c.getAs("closed_at") != null).count();
    assertEquals(5, churned, "one closed_at per Churn = Yes, none for No");
    org.apache.spark.sql.Row stayed = customers.get("3104-TQWZA"); // tenure 34, Churn No
    assertEquals(java.sql.Date.valueOf("2023-08-30"), stayed.getAs("customer_since"));
    assertNull(stayed.getAs("closed_at"));
    org.apache.spark.sql.Row left = customers.get("7720-HBNLE"); // tenure 2, Churn Yes
    assertEquals(java.sql.Date.valueOf("2026-04-30"), left.getAs("customer_since"));
    assertEquals(java.sql.Date.valueOf("2026-06-30"), left.getAs("closed_at"));
    org.apache.spark.sql.Row order = IngestTest.rows(run, "orders", "order_id").get("7720-HBNLE");
    assertEquals(
        java.time.Instant.parse("2026-04-30T00:00:00Z"),
        order.<java.sql.Timestamp>getAs("ordered_at").toInstant());
    assertEquals(0, new java.math.BigDecimal("70.70").compareTo(order.getAs("amount")));
  }

  @Test
  void onlineRetailMappingResolvesAgainstTheRealFile() {
    Path config = PROFILES.resolve("online-retail/rapport.yaml");
    RapportConfig c = Stages.loadConfig(config);
    InputConfig orders = c.input("orders").orElseThrow();
    SourceConfig source = orders.sources().get(0);
    assumeTrue(
        Files.exists(source.path()),
        "the UCI Online Retail file is not in ../shared/datasets/online-retail; skipped");
    List<SourceFile> files = SourceFiles.list("orders", source, config.getParent());
    Map<String, List<String>> headers =
        SourceReader.headers(TestSpark.session(), "orders", source, files);
    ReadPlan plan = ReadPlan.resolve(orders.contract(), source, headers);
    assertEquals(
        Map.of(
            "order_id", "InvoiceNo",
            "customer_id", "CustomerID",
            "ordered_at", "InvoiceDate",
            "amount__0", "Quantity",
            "amount__1", "UnitPrice",
            "location_id", "Country"),
        plan.rawToSource());
  }
}
