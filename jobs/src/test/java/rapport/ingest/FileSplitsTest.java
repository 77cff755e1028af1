package rapport.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.config.CsvOptions;
import rapport.config.InputFormat;
import rapport.config.SourceConfig;
import rapport.schema.Columns;
import rapport.schema.Schemas;
import rapport.testing.TestSpark;

/**
 * A text file read in byte ranges gives the rows it gives read whole: same file, line, raw text,
 * fields and reason, in the same order, whatever the cuts (here every split size from one byte up,
 * so that cuts fall inside quoted line breaks, CRLFs, the byte-order mark and unclosed quotes).
 */
class FileSplitsTest {
  /** Quoted fields may run over at most three lines here, so that an unclosed quote resyncs. */
  private static final CsvOptions CSV = new CsvOptions(',', '"', "UTF-8", 3);

  private static final String HEADER =
      "interaction_id,customer_id,occurred_at,channel,direction,body";

  /** CRLF endings, a BOM, multi-line quoted fields and poison rows. */
  private static final String FIXTURE =
      "\uFEFF"
          + HEADER
          + "\r\n"
          + "I1,C1,2026-01-05T10:00:00Z,email,outbound,\"Hi Jürgen,\r\nline two\r\n\"\"quoted\"\"\"\r\n"
          + "I2,C2,2026-01-06T10:00:00Z,call,inbound,Grüße aus Köln\r\n"
          + "\r\n"
          // poison: a quote never closed, running over three lines: its first line is malformed
          + "I3,C3,2026-01-07T10:00:00Z,email,outbound,\"never closed\r\n"
          + "I4,C4,2026-01-08T10:00:00Z,email,outbound,plain\r\n"
          + "I5,C5,2026-01-09T10:00:00Z,email,outbound,plain too\r\n"
          + "I5b,C5,2026-01-09T10:00:00Z,email,outbound,\"lone\rcarriage, return\"\r\n"
          // poison: too many fields; text after a closing quote; a quote inside a field
          + "I6,C6,2026-01-10T10:00:00Z,email,outbound,a,b,c\r\n"
          + "I7,C7,2026-01-11T10:00:00Z,email,outbound,\"x\"y\r\n"
          + "I8,C8,2026-01-12T10:00:00Z,sms,outbound,say \"hi\"\n"
          + "\uFEFFI9,C9,2026-01-13T10:00:00Z,email,outbound,\"\"\"\"\r\n"
          + "I10,C10,2026-01-14T10:00:00Z,email,outbound,\"two\r\n\r\nbreaks\"\r\n"
          // poison: the last record opens a quote and the file ends
          + "I11,C11,2026-01-15T10:00:00Z,email,outbound,\"open at the end";

  @TempDir Path dir;

  private SourceFile file(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return new SourceFile(p.toUri().toString(), name, bytes.length);
  }

  private static SourceConfig source(Path path, InputFormat format, CsvOptions csv) {
    return new SourceConfig(path, format, csv, Map.of(), List.of());
  }

  private static ReadPlan plan(SourceFile f, SourceConfig source) {
    Map<String, List<String>> headers =
        SourceReader.headers(TestSpark.session(), "interactions", source, List.of(f));
    return ReadPlan.resolve(Schemas.INTERACTIONS, source, headers);
  }

  private static List<Row> rows(
      List<FileSplits.Split> splits, InputFormat format, CsvOptions csv, ReadPlan plan) {
    List<Row> out = new ArrayList<>();
    for (FileSplits.Split s : splits) {
      Iterator<Row> it = SourceReader.rows(s, format, csv, plan);
      it.forEachRemaining(out::add);
    }
    return out;
  }

  private static List<FileSplits.Split> splits(
      SourceFile f, InputFormat format, CsvOptions csv, long size) throws IOException {
    long[] cuts = FileSplits.cuts(f.bytes(), size, 1);
    return FileSplits.splits(f, FileSplits.recordStarts(f, format, csv, cuts));
  }

  /** Splits the file at every split size and compares the rows with the whole file's. */
  private static void sameRowsAtEverySize(
      SourceFile f, InputFormat format, CsvOptions csv, ReadPlan plan, int minParts) {
    try {
      List<Row> whole = rows(List.of(FileSplits.Split.whole(f)), format, csv, plan);
      int most = 0;
      for (long size = 1; size <= f.bytes(); size++) {
        List<FileSplits.Split> splits = splits(f, format, csv, size);
        most = Math.max(most, splits.size());
        assertEquals(whole, rows(splits, format, csv, plan), "split size " + size);
      }
      assertTrue(most >= minParts, "at most " + most + " splits");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void csvSplitAnywhereGivesTheSameRows() throws IOException {
    SourceFile f = file("interactions.csv", FIXTURE.getBytes(StandardCharsets.UTF_8));
    SourceConfig source = source(dir.resolve("interactions.csv"), InputFormat.CSV, CSV);
    ReadPlan plan = plan(f, source);
    List<Row> whole = rows(List.of(FileSplits.Split.whole(f)), InputFormat.CSV, CSV, plan);
    // the fixture is what it claims: its poison rows are malformed, the rest split
    List<Long> lines = whole.stream().map(r -> r.getLong(1)).toList();
    assertEquals(List.of(2L, 5L, 7L, 8L, 9L, 10L, 12L, 13L, 14L, 15L, 16L, 19L), lines);
    assertEquals("quoted field runs over 3 lines: probably an unclosed quote", whole.get(2).get(3));
    assertEquals(
        "Hi Jürgen,\r\nline two\r\n\"quoted\"",
        whole.get(0).get(4 + plan.rawColumns().indexOf(Columns.BODY)));
    assertEquals("quoted field not closed before the end of the file", whole.get(11).getString(3));
    assertNotNull(whole.get(6).getString(3), "too many fields");
    sameRowsAtEverySize(f, InputFormat.CSV, CSV, plan, 12);
  }

  @Test
  void csvInWindows1252SplitsToo() throws IOException {
    CsvOptions cp1252 = new CsvOptions(';', '\'', "windows-1252", 3);
    String text = FIXTURE.substring(1).replace(',', ';').replace('"', '\'');
    SourceFile f = file("interactions.csv", text.getBytes(Charset.forName("windows-1252")));
    SourceConfig source = source(dir.resolve("interactions.csv"), InputFormat.CSV, cp1252);
    assertTrue(FileSplits.splittable(f, InputFormat.CSV, cp1252));
    sameRowsAtEverySize(f, InputFormat.CSV, cp1252, plan(f, source), 12);
  }

  @Test
  void jsonLinesSplitAnywhereGiveTheSameRows() throws IOException {
    String text =
        "\uFEFF{\"interaction_id\":\"I1\",\"customer_id\":\"C1\",\"occurred_at\":\"2026-01-05T10:00:00Z\","
            + "\"channel\":\"email\",\"direction\":\"outbound\",\"body\":\"Grüße\\nzwei\"}\r\n"
            + "\r\n"
            + "{\"interaction_id\":\"I2\",\"customer_id\":\"C2\",\"occurred_at\":\"2026-01-06T10:00:00Z\","
            + "\"channel\":\"call\",\"direction\":\"inbound\"}\n"
            // poison: not JSON, not an object
            + "{\"interaction_id\":\"I3\",\r"
            + "[1,2]\n"
            + "{\"interaction_id\":\"I4\",\"customer_id\":\"C4\",\"occurred_at\":\"2026-01-08T10:00:00Z\","
            + "\"channel\":\"sms\",\"direction\":\"outbound\"}";
    SourceFile f = file("interactions.jsonl", text.getBytes(StandardCharsets.UTF_8));
    SourceConfig source =
        source(dir.resolve("interactions.jsonl"), InputFormat.JSONL, CsvOptions.DEFAULT);
    ReadPlan plan = plan(f, source);
    List<Row> whole =
        rows(List.of(FileSplits.Split.whole(f)), InputFormat.JSONL, CsvOptions.DEFAULT, plan);
    assertEquals(List.of(1L, 3L, 4L, 5L, 6L), whole.stream().map(r -> r.getLong(1)).toList());
    assertEquals("not valid JSON", whole.get(2).getString(3));
    sameRowsAtEverySize(f, InputFormat.JSONL, CsvOptions.DEFAULT, plan, 5);
  }

  /** The sample world's interactions: real notes with blank lines inside quotes. */
  @Test
  void theSampleInteractionsSplitIntoTheSameRows() throws IOException {
    Path p = TestSpark.projectRoot().resolve("data-samples/interactions/part-00000.csv");
    SourceFile f = new SourceFile(p.toUri().toString(), "part-00000.csv", Files.size(p));
    SourceConfig source = source(p, InputFormat.CSV, CsvOptions.DEFAULT);
    ReadPlan plan = plan(f, source);
    List<Row> whole =
        rows(List.of(FileSplits.Split.whole(f)), InputFormat.CSV, CsvOptions.DEFAULT, plan);
    for (long parts : new long[] {2, 7, 100, 1000}) {
      List<FileSplits.Split> splits =
          splits(f, InputFormat.CSV, CsvOptions.DEFAULT, f.bytes() / parts + 1);
      assertEquals(parts, splits.size());
      assertEquals(whole, rows(splits, InputFormat.CSV, CsvOptions.DEFAULT, plan), parts + "");
    }
  }

  /** Bytes not valid UTF-8 stop the input with the message the whole file gives: its line. */
  @Test
  void badBytesStopWithTheSameFileAndLine() throws IOException {
    byte[] bytes = FIXTURE.getBytes(StandardCharsets.UTF_8);
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int at = text.indexOf("plain");
    bytes[at] = (byte) 0xE9; // a windows-1252 é read as UTF-8
    SourceConfig source = source(dir.resolve("interactions.csv"), InputFormat.CSV, CSV);
    // the plan from the clean file: reading the header alone reads ahead into the bad bytes
    ReadPlan plan =
        plan(file("interactions.csv", FIXTURE.getBytes(StandardCharsets.UTF_8)), source);
    SourceFile f = file("interactions.csv", bytes);
    String expected =
        firstStop(rows(List.of(FileSplits.Split.whole(f)), InputFormat.CSV, CSV, plan));
    assertTrue(
        expected.contains("interactions.csv line 8 holds bytes that are not valid UTF-8"),
        expected);
    for (long size = 1; size <= f.bytes(); size++) {
      assertEquals(
          expected,
          firstStop(rows(splits(f, InputFormat.CSV, CSV, size), InputFormat.CSV, CSV, plan)),
          "split size " + size);
    }
  }

  /** The first stop marker by line, as the tally takes it. */
  private static String firstStop(List<Row> rows) {
    return rows.stream()
        .filter(r -> r.getString(3) != null && r.getString(3).startsWith(SourceReader.STOP))
        .min(Comparator.comparingLong(r -> r.getLong(1)))
        .map(r -> r.getString(3))
        .orElse(null);
  }

  @Test
  void onlyUncompressedFilesInAnAsciiCompatibleEncodingSplit() throws IOException {
    SourceFile plain = file("a.csv", FIXTURE.getBytes(StandardCharsets.UTF_8));
    SourceFile gz = file("a.csv.gz", FIXTURE.getBytes(StandardCharsets.UTF_8));
    assertTrue(FileSplits.splittable(plain, InputFormat.CSV, CSV));
    assertFalse(FileSplits.splittable(gz, InputFormat.CSV, CSV));
    assertFalse(
        FileSplits.splittable(plain, InputFormat.CSV, new CsvOptions(',', '"', "UTF-16", 3)));
    assertFalse(
        FileSplits.splittable(plain, InputFormat.CSV, new CsvOptions('§', '"', "UTF-8", 3)));
    assertFalse(FileSplits.splittable(plain, InputFormat.PARQUET, CSV));
    assertTrue(FileSplits.asciiCompatible(Charset.forName("ISO-8859-15")));
    assertFalse(FileSplits.asciiCompatible(Charset.forName("UTF-32")));
  }

  @Test
  void cutsGiveEveryCoreItsShare() {
    // 130 bytes at 64 a split on 2 cores: 4 splits of 33, not 64 + 64 + 2
    assertEquals(List.of(33L, 66L, 99L), boxed(FileSplits.cuts(130, 64, 2)));
    assertEquals(List.of(), boxed(FileSplits.cuts(64, 64, 1)));
  }

  private static List<Long> boxed(long[] a) {
    return java.util.Arrays.stream(a).boxed().toList();
  }

  /** Through Spark: the raw table of a split read equals the whole read's, in order. */
  @Test
  void theRawTableIsTheSameWithSplitsOnAndOff() throws IOException {
    SparkSession spark = TestSpark.session();
    SourceFile a = file("part-a.csv", FIXTURE.getBytes(StandardCharsets.UTF_8));
    SourceFile b = file("part-b.csv", FIXTURE.replace("I", "J").getBytes(StandardCharsets.UTF_8));
    SourceConfig source = source(dir, InputFormat.CSV, CSV);
    Map<String, List<String>> headers =
        SourceReader.headers(spark, "interactions", source, List.of(a, b));
    ReadPlan plan = ReadPlan.resolve(Schemas.INTERACTIONS, source, headers);
    Dataset<Row> off = SourceReader.read(spark, source, List.of(a, b), plan, 0);
    assertEquals(2, off.rdd().getNumPartitions());
    spark.conf().set(FileSplits.SPLIT_BYTES, "100");
    Dataset<Row> on;
    try {
      on = SourceReader.read(spark, source, List.of(a, b), plan);
    } finally {
      spark.conf().unset(FileSplits.SPLIT_BYTES);
    }
    assertTrue(on.rdd().getNumPartitions() > 4, on.rdd().getNumPartitions() + " partitions");
    assertEquals(off.collectAsList(), on.collectAsList());
  }
}
