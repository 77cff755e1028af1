package rapport.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import rapport.config.ConfigLoader;
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

  @Test
  void onlineRetailMappingResolvesAgainstTheRealFile() {
    Path config = PROFILES.resolve("online-retail/rapport.yaml");
    RapportConfig c = ConfigLoader.load(config);
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
