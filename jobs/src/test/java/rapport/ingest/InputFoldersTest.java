package rapport.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.config.CsvOptions;
import rapport.config.InputFormat;
import rapport.config.SourceConfig;
import rapport.errors.ExitCode;
import rapport.errors.RapportException;
import rapport.testing.Cli;

/**
 * What else lies in an input folder: a read-me, a workbook, a dangling link, an unreadable file.
 * Each is named with what to do (exit 3), or skipped by an include pattern and listed.
 */
class InputFoldersTest {
  private static final String ORDERS =
      "order_id,customer_id,ordered_at,amount\nO1,C1,2026-01-05T10:00:00Z,12.50\n"
          + "O2,C2,2026-02-05T10:00:00Z,4.20\n";

  @TempDir Path dir;

  private Path folderWith(String name, String content) throws IOException {
    Path orders = Files.createDirectories(dir.resolve("orders"));
    Files.writeString(orders.resolve("part-0001.csv"), ORDERS);
    if (name != null) {
      Files.writeString(orders.resolve(name), content);
    }
    return orders;
  }

  private RapportException refused(Path folder, List<String> include) {
    SourceConfig source =
        new SourceConfig(folder, InputFormat.CSV, CsvOptions.DEFAULT, Map.of(), include);
    RapportException e =
        assertThrows(RapportException.class, () -> SourceFiles.listing("orders", source, dir));
    assertEquals(ExitCode.INPUT_CONTRACT, e.exitCode(), e.getMessage());
    return e;
  }

  @Test
  void aReadmeInACsvFolderIsNamedWithTheIncludeSetting() throws IOException {
    RapportException e = refused(folderWith("README.txt", "Exported on Monday."), List.of());
    assertEquals(
        "input orders: folder orders holds README.txt, which is not a csv file (a document, not"
            + " data); move it out of the folder, or set inputs.orders.include: \"*.csv\" to read"
            + " only the matching files",
        e.getMessage());
  }

  @Test
  void aWorkbookInACsvFolderIsNamedAsAWorkbook() throws IOException {
    RapportException e = refused(folderWith("orders-2026.xlsx", "PK\u0003\u0004..."), List.of());
    assertTrue(
        e.getMessage()
            .contains("holds orders-2026.xlsx, which is not a csv file (an Excel workbook"),
        e.getMessage());
  }

  @Test
  void aDanglingLinkIsNamedNotSkipped() throws IOException {
    Path folder = folderWith(null, null);
    Files.createSymbolicLink(folder.resolve("part-0002.csv"), dir.resolve("gone/part-0002.csv"));
    RapportException e = refused(folder, List.of());
    assertTrue(
        e.getMessage()
            .startsWith("input orders: orders/part-0002.csv is a link to " + dir.resolve("gone")),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("restore the file it points to or remove the link"));
  }

  @Test
  void aDanglingLinkAsTheInputIsNamedAsALink() throws IOException {
    Files.createSymbolicLink(dir.resolve("orders.csv"), dir.resolve("exports/orders.csv"));
    RapportException e = refused(dir.resolve("orders.csv"), List.of());
    assertTrue(
        e.getMessage()
            .startsWith(
                "input orders: orders.csv is a link to "
                    + dir.resolve("exports/orders.csv")
                    + ", which does not exist"),
        e.getMessage());
  }

  @Test
  void anUnreadableFileIsNamed() throws IOException {
    assumeFalse(
        "root".equals(System.getProperty("user.name")), "root reads every file; skipped as root");
    Path folder = folderWith("part-0002.csv", ORDERS);
    Files.setPosixFilePermissions(
        folder.resolve("part-0002.csv"), PosixFilePermissions.fromString("-w-------"));
    RapportException e = refused(folder, List.of());
    assertTrue(
        e.getMessage().contains("orders/part-0002.csv cannot be read (permission denied)"),
        e.getMessage());
  }

  @Test
  void anIncludePatternThatMatchesNothingSaysSo() throws IOException {
    RapportException e = refused(folderWith(null, null), List.of("*.tsv"));
    assertTrue(e.getMessage().contains("folder orders holds no matching files"), e.getMessage());
  }

  @Test
  void aWorkbookGivenAsTheCsvFileIsNamedBeforeItIsRead() throws IOException {
    Files.write(dir.resolve("orders.csv"), new byte[] {'P', 'K', 3, 4, 20, 0, 6, 0});
    Files.writeString(
        dir.resolve("rapport.yaml"), "as_of: 2026-06-30\ninputs:\n  orders: {path: orders.csv}\n");
    Cli r =
        Cli.run(
            "ingest",
            "--config",
            dir.resolve("rapport.yaml").toString(),
            "--out",
            dir.resolve("out").toString());
    assertEquals(3, r.exitCode, r::toString);
    assertTrue(
        r.err.contains(
            "input orders: orders.csv is a zip archive (an Excel workbook or compressed"
                + " export?), not csv text"),
        r::toString);
  }

  @Test
  void filesLeftOutByIncludeAreListedInTheQualityReport() throws IOException {
    folderWith("README.txt", "Exported on Monday.");
    Files.writeString(
        dir.resolve("rapport.yaml"),
        "as_of: 2026-06-30\ninputs:\n  orders: {path: orders, include: \"*.csv\"}\n");
    Cli r =
        Cli.run(
            "ingest",
            "--config",
            dir.resolve("rapport.yaml").toString(),
            "--out",
            dir.resolve("out").toString());
    assertEquals(0, r.exitCode, r::toString);
    JsonNode orders =
        new ObjectMapper()
            .readTree(dir.resolve("out/2026-06-30/quality/report.json").toFile())
            .get("inputs")
            .get("orders");
    assertEquals("[\"orders/README.txt\"]", orders.get("files_skipped_by_include").toString());
    assertEquals(2, orders.get("rows_valid").asLong());
  }
}
