package rapport.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rapport.testing.Cli;

/**
 * The folder {@code bad-inputs/}: each case is a small world with one thing wrong. Each gets its
 * documented exit code and one line on stderr that names the file or key and says what to do.
 */
class BadInputsTest {
  private static final Path CASES = Path.of("src/test/resources/bad-inputs");

  @TempDir Path out;

  @ParameterizedTest(name = "{0} -> exit {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "missing-file            | 3 | orders.csv does not exist",
        "empty-file              | 3 | orders.csv is empty (0 bytes)",
        "header-only             | 3 | orders.csv has a header but no rows",
        "missing-required-column | 3 | required column 'ordered_at' not found in orders.csv",
        "unknown-config-key      | 2 | unknown key 'inptus'",
        "bad-config-value        | 2 | 'horizon_days' must be a whole number",
        "bad-time-zone           | 2 | 'time_zone' is 'Mars/Olympus'; allowed: an IANA zone",
        "secret-in-file          | 2 | secrets come only from environment variables",
        "invalid-yaml            | 2 | rapport.yaml is not valid YAML",
        "windows-1252-as-utf8    | 3 | input customers: customers.csv line 3 holds bytes that are not valid UTF-8 (0xE9); set inputs.customers.csv.encoding",
        "as-of-before-all-orders | 3 | input orders: no order is before the as-of date 2020-01-01 (the first order is on 2026-01-10)",
        "twenty-percent-bad      | 3 | input orders: 5 of 25 rows (20.0%) quarantined, above the tolerance of 5.0%; top reasons: UNPARSEABLE_DATE 5",
      })
  void failsWithItsExitCodeAndOneClearLine(String name, int exit, String message) {
    Cli r =
        Cli.run(
            "ingest",
            "--config",
            CASES.resolve(name).resolve("rapport.yaml").toString(),
            "--out",
            out.toString());
    assertEquals(exit, r.exitCode, r::toString);
    List<String> lines = r.err.lines().toList();
    assertEquals(1, lines.size(), r::toString);
    assertTrue(lines.get(0).startsWith("rapport: "), r::toString);
    assertTrue(lines.get(0).contains(message), r::toString);
    assertFalse(Files.exists(out.resolve("2026-06-30")), "a failed run leaves no run folder");
  }

  @ParameterizedTest(name = "{0} -> {1} on line {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "malformed-record  | MALFORMED_RECORD  | 12 | has 5 fields where the header has 4",
        "unparseable-dates | UNPARSEABLE_DATE  | 12 | ordered_at: '31/02/2026' is not an ISO-8601 timestamp",
        "duplicate-keys    | DUPLICATE_KEY     | 12 | order_id 'O3' was already used by an earlier record",
        "unknown-customers | UNKNOWN_CUSTOMER  | 12 | customer_id 'C404' is not in customers",
      })
  void quarantinesTheBadRowAndKeepsTheRest(String name, String reason, long line, String detail)
      throws IOException {
    Cli r =
        Cli.run(
            "ingest",
            "--config",
            CASES.resolve(name).resolve("rapport.yaml").toString(),
            "--out",
            out.toString());
    assertEquals(0, r.exitCode, r::toString);
    List<String> quarantine =
        Files.readAllLines(out.resolve("2026-06-30/quality/quarantine/orders.csv"));
    assertEquals(2, quarantine.size(), () -> String.join("\n", quarantine));
    String row = quarantine.get(1);
    assertTrue(row.startsWith("orders.csv," + line + "," + reason + ","), row);
    assertTrue(row.contains(detail), row);
    String report = Files.readString(out.resolve("2026-06-30/quality/report.json"));
    assertTrue(report.contains("\"rows_read\" : 21"), report);
    assertTrue(report.contains("\"rows_valid\" : 20"), report);
    assertTrue(report.contains("\"" + reason + "\" : 1"), report);
  }
}
