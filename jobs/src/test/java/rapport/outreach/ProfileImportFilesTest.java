package rapport.outreach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rapport.testing.Cli;
import rapport.testing.TestSpark;

/**
 * The shipped Salesforce and HubSpot profiles, run end to end, give their CRM an import file with
 * rows a CRM administrator can trial-import: each row names a record of the profile's own export.
 */
@Tag("slow") // runs in .ci/run after mvn verify (jobs/pom.xml, profile slow-tests)
class ProfileImportFilesTest {
  private static final Path PROFILES = TestSpark.projectRoot().resolve("data-samples/profiles");

  /** Fewer rows than this would not make a trial import. */
  static final int MIN_ROWS = 10;

  @TempDir Path out;

  @ParameterizedTest
  @CsvSource({
    "salesforce, salesforce_task_insert.csv, WhoId, Contact.csv, Id",
    "hubspot, hubspot_contact_update.csv, Record ID, contacts.csv, Record ID"
  })
  void runGivesRowsThatNameTheExportsRecords(
      String profile, String importFile, String key, String contacts, String contactKey)
      throws IOException {
    Path config = PROFILES.resolve(profile).resolve("rapport.yaml");
    Cli r = Cli.run("run", "--config", config.toString(), "--out", out.toString());
    assertEquals(0, r.exitCode, r::toString);
    Path folder = out.resolve("2026-07-01/outreach");
    List<CSVRecord> rows = records(folder.resolve(importFile));
    assertTrue(
        rows.size() >= MIN_ROWS,
        profile
            + ": "
            + rows.size()
            + " rows in "
            + importFile
            + "\n"
            + Files.readString(folder.resolve("IMPORT.md")));
    Set<String> known = new HashSet<>();
    records(config.getParent().resolve(contacts)).forEach(c -> known.add(c.get(contactKey)));
    for (CSVRecord row : rows) {
      assertTrue(known.contains(row.get(key)), profile + ": " + key + " " + row.get(key));
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
