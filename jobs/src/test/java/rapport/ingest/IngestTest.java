package rapport.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.testing.Cli;
import rapport.testing.TestSpark;

/**
 * One small world with a poison row for every reason code, read from CSV (with BOM and CRLF), JSON
 * lines and a folder of files one of them gzipped. Every row is accounted for, the bad ones carry
 * the expected reason, and the good ones are normalised.
 */
class IngestTest {
  @TempDir static Path dir;
  static Path run;

  static final String CUSTOMERS_A =
      "\uFEFFcustomer_id,household_id,first_name,last_name,email,phone,birth_date,customer_since,owner_rep_id,do_not_contact,closed_at\r\n"
          + "C1,H1,Anna,Berg, Anna.Berg@Example.COM ,+49 30 1234,1980-04-02,2020-01-05,R1,yes,\r\n"
          + "C2,H1,Jon,Berg,jon@example.com,,1979-11-30,2020-01-05,R1,,\r\n"
          + "C3,,Lea,Kim,lea@example.com,,,2021-06-01,R2,0,2026-05-01\r\n"
          + "Cbad1,,Xena,,,,,,R1,false,\r\n";
  static final String CUSTOMERS_B =
      "customer_id,household_id,first_name,last_name,email,phone,birth_date,customer_since,owner_rep_id,do_not_contact,closed_at\n"
          + "Cbad2,,Xavier,,,,1980-13-01,2020-01-01,R1,false,\n"
          + "Cbad3,,Xia,,,,,2020-01-01,R1,perhaps,\n"
          + "C1,H1,Anna,Berg, Anna.Berg@Example.COM ,+49 30 1234,1980-04-02,2020-01-05,R1,yes,\n"
          + "C2,H2,Jon,Berg,jon@example.com,,1979-11-30,2020-01-05,R1,,\n"
          + "Cbad4,too,few\n";
  static final String REPS =
      "rep_id,name,email,team,active,weekly_capacity\n"
          + "R1,Rita,RITA@shop.example,dealer,true,\"1,000\"\n"
          + "R2,Sam,sam@shop.example,coffee,no,25\n"
          + "R3,Bob,bob@shop.example,coffee,true,lots\n";
  static final String ORDERS =
      "order_id,customer_id,ordered_at,amount,currency,channel,status\n"
          + "O1,C1,2026-01-05T10:00:00+01:00,\"1,234.50\",EUR,Dealer,\n"
          + "O2,C2,2026-02-05 09:30,4.20,EUR,app,completed\n"
          + "O3,C3,2026-07-01 08:00,-12.00,EUR,store,\n"
          + "O4,C1,2026-02-01 10:00,(15.00),EUR,store,\n"
          + "Obad1,C1,2026-02-01 10:00,ten,EUR,app,\n"
          + "Obad2,C1,2026-02-01 10:00,1.00,EUR,app,shipped\n"
          + "Obad3,C404,2026-02-01 10:00,1.00,EUR,app,\n"
          + "Obad4,Cbad1,2026-02-01 10:00,1.00,EUR,app,\n"
          + ",C1,2026-02-01 10:00,1.00,EUR,app,\n"
          + "Obad5,C1,2026-02-01 10:00,\"12,50\",EUR,app,\n"
          + "Obad6,C1,2026-02-01 10:00,\"1.234,50\",EUR,app,\n";
  static final String INTERACTIONS =
      "{\"interaction_id\":\"I1\",\"customer_id\":\"C1\",\"occurred_at\":\"2026-03-01T09:00:00Z\",\"channel\":\"Phone\",\"direction\":\"Outbound\",\"author_type\":\"rep\",\"author_id\":\"R1\",\"body\":\"Called Anna about the recall.\\nShe asked about the winter tyres.\",\"duration_seconds\":360,\"outcome\":\"answered\"}\n"
          + "{\"interaction_id\":\"I2\",\"customer_id\":\"C2\",\"occurred_at\":\"2026-03-02 10:00\",\"channel\":\"email\",\"direction\":\"outbound\",\"author_type\":\"system\",\"subject\":\"Happy birthday, Jon!\"}\n"
          + "\n"
          + "{\"interaction_id\":\"I3\",\"customer_id\":\"C2\",\"occurred_at\":\"2026-03-03 10:00\",\"channel\":\"email\",\"direction\":\"sideways\"}\n"
          + "not json at all\n"
          + "{\"interaction_id\":\"I5\",\"customer_id\":\"C3\",\"occurred_at\":\"2026-03-03 10:00\",\"channel\":\"sms\",\"direction\":\"inbound\",\"duration_seconds\":\"12.5\"}\n";

  @BeforeAll
  static void ingest() throws IOException {
    Path customers = Files.createDirectories(dir.resolve("customers"));
    Files.writeString(customers.resolve("part-0001.csv"), CUSTOMERS_A);
    try (OutputStream gz =
        new GZIPOutputStream(Files.newOutputStream(customers.resolve("part-0002.csv.gz")))) {
      gz.write(CUSTOMERS_B.getBytes(StandardCharsets.UTF_8));
    }
    Files.writeString(dir.resolve("reps.csv"), REPS);
    Files.writeString(dir.resolve("orders.csv"), ORDERS);
    Files.writeString(dir.resolve("interactions.jsonl"), INTERACTIONS);
    Files.writeString(
        dir.resolve("rapport.yaml"),
        String.join(
            "\n",
            "as_of: 2026-06-30",
            "time_zone: Europe/Berlin",
            "quality: {max_bad_share: 0.9}",
            "inputs:",
            "  reps: {path: reps.csv}",
            "  customers: {path: customers, format: csv}",
            "  orders: {path: orders.csv}",
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

  static Map<String, String> quarantined(String input) throws IOException {
    Map<String, String> byLine = new TreeMap<>();
    try (var reader =
        Files.newBufferedReader(run.resolve("quality/quarantine/" + input + ".csv"))) {
      for (CSVRecord r :
          CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
        byLine.put(r.get("source_file") + ":" + r.get("line_number"), r.get("reason_code"));
      }
    }
    return byLine;
  }

  static Map<String, Row> table(String name, String key) {
    return rows(run, name, key);
  }

  /** A run's table by key, in key order. */
  static Map<String, Row> rows(Path run, String name, String key) {
    Map<String, Row> rows = new TreeMap<>();
    for (Row r :
        TestSpark.session()
            .read()
            .parquet(run.resolve("tables/" + name).toString())
            .collectAsList()) {
      rows.put(r.getAs(key), r);
    }
    return rows;
  }

  @Test
  void everyReasonCodeLandsOnItsRow() throws IOException {
    assertEquals(
        Map.of(
            "customers/part-0001.csv:5", "MISSING_REQUIRED_VALUE",
            "customers/part-0002.csv.gz:2", "UNPARSEABLE_DATE",
            "customers/part-0002.csv.gz:3", "INVALID_BOOLEAN",
            "customers/part-0002.csv.gz:4", "DUPLICATE_RECORD",
            "customers/part-0002.csv.gz:5", "DUPLICATE_KEY",
            "customers/part-0002.csv.gz:6", "MALFORMED_RECORD"),
        quarantined("customers"));
    assertEquals(Map.of("reps.csv:4", "NOT_A_NUMBER"), quarantined("reps"));
    assertEquals(
        Map.of(
            "orders.csv:6", "NOT_A_NUMBER",
            "orders.csv:7", "INVALID_VALUE",
            "orders.csv:8", "UNKNOWN_CUSTOMER",
            "orders.csv:9", "UNKNOWN_CUSTOMER",
            "orders.csv:10", "MISSING_REQUIRED_VALUE",
            "orders.csv:11", "NOT_A_NUMBER",
            "orders.csv:12", "NOT_A_NUMBER"),
        quarantined("orders"));
    assertEquals(
        Map.of(
            "interactions.jsonl:4", "INVALID_VALUE",
            "interactions.jsonl:5", "MALFORMED_RECORD",
            "interactions.jsonl:6", "NOT_A_NUMBER"),
        quarantined("interactions"));
  }

  @Test
  void rowsReadEqualValidPlusQuarantinedForEveryInput() throws IOException {
    JsonNode report = new ObjectMapper().readTree(run.resolve("quality/report.json").toFile());
    Map<String, long[]> expected =
        Map.of(
            "reps", new long[] {3, 2, 1},
            "customers", new long[] {9, 3, 6},
            "orders", new long[] {11, 4, 7},
            "interactions", new long[] {5, 2, 3});
    expected.forEach(
        (input, counts) -> {
          JsonNode r = report.get("inputs").get(input);
          long read = r.get("rows_read").asLong();
          long valid = r.get("rows_valid").asLong();
          long bad = r.get("rows_quarantined").asLong();
          long byReason = 0;
          for (JsonNode n : r.get("quarantined_by_reason")) {
            byReason += n.asLong();
          }
          assertEquals(counts[0], read, input);
          assertEquals(counts[1], valid, input);
          assertEquals(counts[2], bad, input);
          assertEquals(read, valid + bad, input);
          assertEquals(bad, byReason, input);
          assertEquals(
              valid,
              TestSpark.session().read().parquet(run.resolve("tables/" + input).toString()).count(),
              input);
        });
    JsonNode manifest = new ObjectMapper().readTree(run.resolve("manifest.json").toFile());
    for (JsonNode in : manifest.get("inputs")) {
      assertEquals(
          in.get("rows_read").asLong(),
          in.get("rows_valid").asLong() + in.get("rows_quarantined").asLong(),
          in.get("name").asText());
      assertTrue(in.get("files").get(0).get("sha256").asText().matches("[0-9a-f]{64}"));
    }
  }

  @Test
  void goodRowsAreNormalised() {
    Map<String, Row> customers = table("customers", "customer_id");
    assertEquals("anna.berg@example.com", customers.get("C1").getAs("email"));
    assertEquals(true, customers.get("C1").getAs("do_not_contact"));
    assertEquals(false, customers.get("C2").getAs("do_not_contact"), "the default");
    assertEquals(java.sql.Date.valueOf("2026-05-01"), customers.get("C3").getAs("closed_at"));
    assertEquals("H1", customers.get("C2").getAs("household_id"), "the first record wins");

    Map<String, Row> reps = table("reps", "rep_id");
    assertEquals(1000L, (long) reps.get("R1").<Long>getAs("weekly_capacity"));
    assertEquals(false, reps.get("R2").getAs("active"));
    assertEquals("rita@shop.example", reps.get("R1").getAs("email"));

    Map<String, Row> orders = table("orders", "order_id");
    assertEquals(
        Instant.parse("2026-01-05T09:00:00Z"),
        orders.get("O1").<Timestamp>getAs("ordered_at").toInstant());
    assertEquals(
        Instant.parse("2026-02-05T08:30:00Z"),
        orders.get("O2").<Timestamp>getAs("ordered_at").toInstant(),
        "local winter time in Berlin");
    assertEquals(
        Instant.parse("2026-07-01T06:00:00Z"),
        orders.get("O3").<Timestamp>getAs("ordered_at").toInstant(),
        "local summer time in Berlin");
    assertEquals(0, new BigDecimal("1234.50").compareTo(orders.get("O1").getAs("amount")));
    assertEquals(
        0,
        new BigDecimal("-15").compareTo(orders.get("O4").getAs("amount")),
        "accounting parentheses");
    assertEquals("dealer", orders.get("O1").getAs("channel"));
    assertEquals("completed", orders.get("O1").getAs("status"));
    assertEquals(
        "returned", orders.get("O3").getAs("status"), "a negative amount without a status");

    Map<String, Row> interactions = table("interactions", "interaction_id");
    Row call = interactions.get("I1");
    assertEquals("phone", call.getAs("channel"));
    assertEquals("outbound", call.getAs("direction"));
    assertEquals(360L, (long) call.<Long>getAs("duration_seconds"));
    assertEquals(
        "Called Anna about the recall.\nShe asked about the winter tyres.", call.getAs("body"));
    assertEquals("system", interactions.get("I2").getAs("author_type"));
    assertEquals(
        "Happy birthday, Jon!",
        interactions.get("I2").getAs("subject"),
        "a key the first JSON line lacks is still a column");
  }

  @Test
  void aDecimalCommaUnderTheDefaultMarksIsRefusedWithItsValue() throws IOException {
    String q = Files.readString(run.resolve("quality/quarantine/orders.csv"));
    assertTrue(
        q.contains(
            "orders.csv,11,NOT_A_NUMBER,\"amount: '12,50' is not a number with decimal mark '.' and"
                + " thousands separator ',': its separators are ambiguous or misplaced"),
        q);
    assertTrue(q.contains("orders.csv,12,NOT_A_NUMBER,\"amount: '1.234,50' is not a number"), q);
  }

  @Test
  void quarantineKeepsTheRawRecord() throws IOException {
    String q = Files.readString(run.resolve("quality/quarantine/interactions.csv"));
    assertTrue(
        q.contains("interactions.jsonl,5,MALFORMED_RECORD,not valid JSON,not json at all"), q);
    List<String> reps = Files.readAllLines(run.resolve("quality/quarantine/reps.csv"));
    assertEquals(
        "reps.csv,4,NOT_A_NUMBER,weekly_capacity: 'lots' is not a whole number,\"R3,Bob,bob@shop.example,coffee,true,lots\"",
        reps.get(1));
  }
}
