package rapport.generate.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.cli.Main;
import rapport.domain.SalesforceIds;
import rapport.testing.Cli;

/**
 * {@code rapport generate --crm}: each CRM's files with its headers and record ids, read back
 * without a bad row by the rapport.yaml written beside them.
 */
class CrmExportTest {
  @TempDir Path dir;

  @Test
  void salesforceIdsAreCaseSafeWithTheObjectsPrefixAndReferToEachOther() throws IOException {
    Path out = generate("salesforce");
    assertEquals(
        List.of(
            "Id",
            "WhoId",
            "WhatId",
            "OwnerId",
            "Subject",
            "Description",
            "ActivityDate",
            "CompletedDateTime",
            "TaskSubtype",
            "CallType",
            "CallDurationInSeconds",
            "CallDisposition",
            "Status"),
        header(out.resolve("Task.csv")));
    Set<String> users = ids(out.resolve("User.csv"), "Id", "005");
    Set<String> contacts = ids(out.resolve("Contact.csv"), "Id", "003");
    assertEquals(40, contacts.size());
    ids(out.resolve("Opportunity.csv"), "Opportunity ID", "006");
    ids(out.resolve("Task.csv"), "Id", "00T");
    ids(out.resolve("Event.csv"), "Id", "00U");
    for (CSVRecord r : records(out.resolve("Task.csv"))) {
      assertTrue(contacts.contains(r.get("WhoId")), r.get("WhoId"));
      assertTrue(users.contains(r.get("OwnerId")), r.get("OwnerId"));
      assertTrue(r.get("WhatId").isEmpty() || r.get("WhatId").startsWith("701"), r.get("WhatId"));
    }
    for (CSVRecord r : records(out.resolve("Opportunity.csv"))) {
      assertTrue(contacts.contains(r.get("Contact ID")));
      assertTrue(r.get("Amount").startsWith("$"), r.get("Amount"));
    }
    // Data Loader's dialect: every field quoted, CRLF
    String first = Files.readString(out.resolve("Contact.csv")).lines().findFirst().orElseThrow();
    assertTrue(first.startsWith("\"Id\",\"AccountId\","), first);
    assertTrue(Files.readString(out.resolve("Contact.csv")).contains("\r\n"));
    ingestsCleanly(out);
  }

  @Test
  void hubspotRecordIdsAreNumbersAndAssociationsPointAtContacts() throws IOException {
    Path out = generate("hubspot");
    Set<String> contacts = new HashSet<>();
    for (CSVRecord r : records(out.resolve("contacts.csv"))) {
      assertTrue(r.get("Record ID").matches("[1-9][0-9]*"), r.get("Record ID"));
      contacts.add(r.get("Record ID"));
    }
    assertEquals(40, contacts.size());
    Set<String> owners = new HashSet<>();
    records(out.resolve("users.csv")).forEach(r -> owners.add(r.get("Name")));
    for (String f : List.of("deals.csv", "calls.csv", "emails.csv", "meetings.csv")) {
      for (CSVRecord r : records(out.resolve(f))) {
        assertTrue(r.get("Record ID").matches("[1-9][0-9]*"), f + " " + r.get("Record ID"));
        assertTrue(contacts.contains(r.get("Associated Contact IDs")), f);
        if (r.isMapped("Activity assigned to") && !r.get("Activity assigned to").isEmpty()) {
          assertTrue(owners.contains(r.get("Activity assigned to")), f);
        }
      }
    }
    ingestsCleanly(out);
  }

  @Test
  void theTruthLabelsTheExportedTouchesByTheirExportIds() throws IOException {
    Path out = generate("salesforce");
    Set<String> activities = new HashSet<>();
    records(out.resolve("Task.csv")).forEach(r -> activities.add(r.get("Id")));
    records(out.resolve("Event.csv")).forEach(r -> activities.add(r.get("Id")));
    List<CSVRecord> labels = records(out.resolve("truth/touch_labels.csv"));
    assertEquals(activities.size(), labels.size());
    labels.forEach(l -> assertTrue(activities.contains(l.get("interaction_id"))));
    assertFalse(Files.exists(out.resolve(".canonical-world")), "the staging folder is removed");
  }

  @Test
  void badOptionsAreUsageErrors() {
    String out = dir.resolve("x").toString();
    assertEquals(
        2, Main.execute("generate", "--customers", "10", "--crm", "pipedrive", "--out", out));
    assertEquals(
        2,
        Main.execute(
            "generate",
            "--customers",
            "10",
            "--crm",
            "hubspot",
            "--bad-rows",
            "0.01",
            "--out",
            out));
    assertEquals(
        2,
        Main.execute(
            "generate", "--customers", "10", "--crm", "salesforce", "--contracts", "--out", out));
  }

  @Test
  void salesforceIdsOfTheWriterPassTheCheckerAndDiffer() {
    Set<String> seen = new HashSet<>();
    for (long n = 0; n < 2000; n++) {
      String id = ExportIds.salesforce(ExportIds.CONTACT, n);
      assertEquals(18, id.length());
      assertEquals(id, SalesforceIds.normalize(id, "003").id().orElseThrow());
      assertEquals(id, SalesforceIds.normalize(id.substring(0, 15), "003").id().orElseThrow());
      assertTrue(seen.add(id.toLowerCase(java.util.Locale.ROOT)), "case-insensitively unique");
    }
  }

  private Path generate(String crm) {
    Path out = dir.resolve(crm);
    assertEquals(
        0,
        Main.execute(
            "generate",
            "--customers",
            "40",
            "--seed",
            "5",
            "--as-of",
            "2026-07-01",
            "--crm",
            crm,
            "--out",
            out.toString()));
    return out;
  }

  private void ingestsCleanly(Path world) throws IOException {
    Path runs = dir.resolve("runs-" + world.getFileName());
    Cli r =
        Cli.run(
            "ingest",
            "--config",
            world.resolve("rapport.yaml").toString(),
            "--out",
            runs.toString());
    assertEquals(0, r.exitCode, r::toString);
    JsonNode report =
        new ObjectMapper().readTree(runs.resolve("2026-07-01/quality/report.json").toFile());
    for (Map.Entry<String, JsonNode> in :
        (Iterable<Map.Entry<String, JsonNode>>) () -> report.get("inputs").fields()) {
      assertEquals(
          0, in.getValue().get("rows_quarantined").asLong(), in.getKey() + ": " + in.getValue());
      assertTrue(in.getValue().get("rows_valid").asLong() > 0, in.getKey());
    }
  }

  private static Set<String> ids(Path csv, String column, String prefix) throws IOException {
    Set<String> out = new HashSet<>();
    for (CSVRecord r : records(csv)) {
      String id = r.get(column);
      assertEquals(
          id, SalesforceIds.normalize(id, prefix).id().orElse(null), csv.getFileName() + " " + id);
      assertTrue(out.add(id), "unique: " + id);
    }
    return out;
  }

  private static List<String> header(Path csv) throws IOException {
    try (Reader in = Files.newBufferedReader(csv);
        CSVParser p = CSVFormat.RFC4180.builder().setHeader().get().parse(in)) {
      return p.getHeaderNames();
    }
  }

  private static List<CSVRecord> records(Path csv) throws IOException {
    try (Reader in = Files.newBufferedReader(csv);
        CSVParser p =
            CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
      return p.getRecords();
    }
  }
}
