package rapport.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.testing.Cli;
import rapport.testing.TestSpark;

/**
 * Values that used to slip through silently: CRM placeholder dates (0001-01-01, 9999-12-31), a
 * decimal comma in a Parquet string column, and JSON-lines keys the first line omits.
 */
class PlaceholdersAndSeparatorsTest {
  @TempDir static Path dir;
  static Path run;

  static final String CUSTOMERS =
      "customer_id,birth_date,customer_since,closed_at\n"
          + "C1,1980-04-02,2020-01-05,\n"
          + "C2,0001-01-01,2020-01-05,\n" // placeholder in an optional column: read as empty
          + "C3,1979-11-30,2021-06-01,9999-12-31\n" // "no end" placeholder: read as empty
          + "C4,1990-01-01,0001-01-01,\n" // placeholder in a required column: quarantined
          + "C5,1899-12-31,2022-03-01,2026-05-01\n"; // just before the default range

  /** Line 1 lacks subject, body and duration_seconds, as exporters omit null keys. */
  static final String INTERACTIONS =
      "{\"interaction_id\":\"I1\",\"customer_id\":\"C1\",\"occurred_at\":\"2026-03-01T09:00:00Z\",\"channel\":\"email\",\"direction\":\"outbound\"}\n"
          + "{\"interaction_id\":\"I2\",\"customer_id\":\"C1\",\"occurred_at\":\"2026-03-02T09:00:00Z\",\"channel\":\"phone\",\"direction\":\"outbound\",\"subject\":\"Recall\",\"body\":\"Asked about the recall.\",\"duration_seconds\":240}\n"
          + "{\"interaction_id\":\"I3\",\"customer_id\":\"C3\",\"occurred_at\":\"9999-12-31T00:00:00Z\",\"channel\":\"sms\",\"direction\":\"inbound\"}\n";

  @BeforeAll
  static void ingest() throws IOException {
    Files.writeString(dir.resolve("customers.csv"), CUSTOMERS);
    Files.writeString(dir.resolve("interactions.jsonl"), INTERACTIONS);
    // a Parquet export whose amount is text, as spreadsheets and some ETL tools write it
    TestSpark.session()
        .createDataset(
            List.of(
                "O1|C1|2026-01-05T10:00:00Z|1,234.50",
                "O2|C1|2026-02-05T10:00:00Z|12,50",
                "O3|C3|2026-03-05T10:00:00Z|1.234,50",
                "O4|C3|2026-04-05T10:00:00Z|(12.00)",
                "O5|C5|2026-04-06T10:00:00Z|$1,234"),
            Encoders.STRING())
        .selectExpr(
            "split(value, '[|]')[0] as order_id",
            "split(value, '[|]')[1] as customer_id",
            "split(value, '[|]')[2] as ordered_at",
            "split(value, '[|]')[3] as amount")
        .coalesce(1)
        .write()
        .parquet(dir.resolve("orders").toString());
    // typed numbers in Parquet print with a point whatever marks the column's text uses
    TestSpark.session()
        .sql("select 'R1' as rep_id, cast(25.0 as double) as weekly_capacity")
        .coalesce(1)
        .write()
        .parquet(dir.resolve("reps").toString());
    Files.writeString(
        dir.resolve("rapport.yaml"),
        String.join(
            "\n",
            "as_of: 2026-06-30",
            "quality: {max_bad_share: 0.9}",
            "inputs:",
            "  reps:",
            "    path: reps",
            "    format: parquet",
            "    columns: {weekly_capacity: {source: weekly_capacity, decimal_separator: \",\"}}",
            "  customers: {path: customers.csv}",
            "  orders: {path: orders, format: parquet}",
            "  interactions: {path: interactions.jsonl}",
            ""));
    Cli r =
        Cli.run(
            "ingest",
            "--config",
            dir.resolve("rapport.yaml").toString(),
            "--out",
            dir.resolve("out").toString());
    assertEquals(0, r.exitCode, r::toString);
    run = dir.resolve("out/2026-06-30");
  }

  static Map<String, Row> table(String name, String key) {
    return IngestTest.rows(run, name, key);
  }

  static String quarantine(String input) throws IOException {
    return Files.readString(run.resolve("quality/quarantine/" + input + ".csv"));
  }

  @Test
  void aPlaceholderInARequiredDateIsQuarantinedWithItsRange() throws IOException {
    String q = quarantine("customers");
    assertTrue(
        q.contains(
            "customers.csv,5,DATE_OUT_OF_RANGE,\"customer_since: '0001-01-01' is outside the"
                + " plausible range 1900-01-01 to 2036-06-30"),
        q);
    assertTrue(q.contains("inputs.customers.columns.customer_since"), q);
    assertTrue(
        quarantine("interactions")
            .contains(
                "interactions.jsonl,3,DATE_OUT_OF_RANGE,\"occurred_at: '9999-12-31T00:00:00Z' is"
                    + " outside the plausible range"),
        quarantine("interactions"));
  }

  @Test
  void aPlaceholderInAnOptionalDateIsReadAsEmptyAndCounted() throws IOException {
    Map<String, Row> customers = table("customers", "customer_id");
    assertEquals(List.of("C1", "C2", "C3", "C5"), List.copyOf(customers.keySet()));
    assertNull(customers.get("C2").getAs("birth_date"), "0001-01-01 is no birthday");
    assertNull(customers.get("C3").getAs("closed_at"), "9999-12-31 is no contract end");
    assertNull(customers.get("C5").getAs("birth_date"));
    assertEquals(java.sql.Date.valueOf("2026-05-01"), customers.get("C5").getAs("closed_at"));
    JsonNode report = new ObjectMapper().readTree(run.resolve("quality/report.json").toFile());
    JsonNode cleared = report.get("inputs").get("customers").get("out_of_range_read_as_empty");
    assertEquals(2, cleared.get("birth_date").get("rows").asLong(), cleared::toString);
    assertEquals(1, cleared.get("closed_at").get("rows").asLong(), cleared::toString);
    assertEquals("1900-01-01 to 2036-06-30", cleared.get("closed_at").get("range").asText());
  }

  @Test
  void aDecimalCommaInAParquetStringColumnIsNotANumber() throws IOException {
    Map<String, Row> orders = table("orders", "order_id");
    assertEquals(List.of("O1", "O4", "O5"), List.copyOf(orders.keySet()));
    assertEquals(0, new BigDecimal("1234.50").compareTo(orders.get("O1").getAs("amount")));
    assertEquals(0, new BigDecimal("-12").compareTo(orders.get("O4").getAs("amount")));
    assertEquals(0, new BigDecimal("1234").compareTo(orders.get("O5").getAs("amount")));
    String q = quarantine("orders");
    assertTrue(
        q.contains(",2,NOT_A_NUMBER,\"amount: '12,50' is not a number with decimal mark"), q);
    assertTrue(q.contains(",3,NOT_A_NUMBER,\"amount: '1.234,50' is not a number"), q);
  }

  @Test
  void aTypedParquetNumberKeepsItsValueUnderADecimalComma() {
    assertEquals(25L, (long) table("reps", "rep_id").get("R1").<Long>getAs("weekly_capacity"));
  }

  @Test
  void jsonLinesColumnsAreTheUnionOfEveryLine() {
    Row call = table("interactions", "interaction_id").get("I2");
    assertEquals("Recall", call.getAs("subject"));
    assertEquals("Asked about the recall.", call.getAs("body"));
    assertEquals(240L, (long) call.<Long>getAs("duration_seconds"));
  }
}
