package rapport.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.run.Manifest;
import rapport.testing.Cli;
import rapport.testing.TestSpark;

/**
 * The report stage on the data-samples world: ingestion runs for real, the other stages' tables are
 * fixtures in their registered schemas (see {@link StageFixtures}), and an earlier run of the same
 * output folder gives the change since the previous run.
 */
class ReportStageTest {
  @TempDir static Path out;
  static Path config;
  static Path run;
  static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);
  static final LocalDate PREVIOUS = LocalDate.of(2026, 3, 31);

  @BeforeAll
  static void runReport() throws IOException {
    config = TestSpark.projectRoot().resolve("data-samples/rapport.yaml");
    Cli ingest = Cli.run("ingest", "--config", config.toString(), "--out", out.toString());
    assertEquals(0, ingest.exitCode, ingest.toString());
    run = out.resolve(AS_OF.toString());
    StageFixtures.writeAll(TestSpark.session(), run, AS_OF);
    Path previous = out.resolve(PREVIOUS.toString());
    copy(run, previous);
    StageFixtures.writeRetention(TestSpark.session(), previous, SampleReportData.data(PREVIOUS, 6));
    Cli report = Cli.run("report", "--config", config.toString(), "--out", out.toString());
    assertEquals(0, report.exitCode, report.toString());
    if (RenderPreviewTest.previewDir().isPresent()) {
      Path keep = RenderPreviewTest.previewDir().get().resolve("data-samples");
      copy(run.resolve("charts"), keep.resolve("charts"));
      copy(run.resolve("report"), keep.resolve("report"));
    }
  }

  static String html() throws IOException {
    return Files.readString(run.resolve(ReportRenderer.HTML));
  }

  @Test
  void writesChartsAndBothReportsAndRecordsThemInTheManifest() throws IOException {
    List<String> charts;
    try (Stream<Path> s = Files.list(run.resolve("charts"))) {
      charts = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertEquals(
        List.of(
            "backtest-calibration.png",
            "data-quality.png",
            "hazard-ratios.png",
            "outreach-per-rep.png",
            "relationship-scores.png",
            "retention-by-touch-mix.png",
            "survival-by-personal-index.png",
            "survival-by-touch-mix.png",
            "touches-per-month.png"),
        charts);
    Map<String, String> outputs = new TreeMap<>();
    Manifest.read(run)
        .path("outputs")
        .forEach(o -> outputs.put(o.path("path").asText(), o.path("sha256").asText()));
    for (String c : charts) {
      assertEquals(Manifest.sha256(run.resolve("charts").resolve(c)), outputs.get("charts/" + c));
    }
    assertTrue(outputs.containsKey(ReportRenderer.HTML));
    assertTrue(outputs.containsKey(ReportRenderer.PDF));
    byte[] pdf = Files.readAllBytes(run.resolve(ReportRenderer.PDF));
    assertEquals("%PDF-", new String(pdf, 0, 5, StandardCharsets.US_ASCII));
  }

  @Test
  void opensWithTheHeadlineAndComparesWithThePreviousRun() throws IOException {
    String text = PdfText.visibleText(html());
    int headline =
        text.indexOf("Customers with a personal touch kept buying over the next 180 days");
    assertTrue(headline >= 0, text);
    assertTrue(headline < text.indexOf("Compared with the run as of"));
    assertTrue(text.contains("at 78% (95% CI 75–81%, n = 870) against 51%"), text);
    assertTrue(text.contains("hazard ratio 0.61 (95% CI 0.55–0.68, n = 2,000)"), text);
    assertTrue(text.contains("Compared with the run as of " + PREVIOUS), text);
    // the earlier run's fixtures moved retention of automated-only customers by 6 of 820
    assertTrue(text.contains("Kept buying, automated touches only 50.2% 51.0% +0.7 pts"), text);
    assertTrue(text.contains("Observational, not causal"), text);
    assertTrue(text.contains("2,008"), "customers read from the sample's quality report");
  }

  @Test
  void theOutreachSummaryAddsUpTheOutreachTable() throws IOException {
    long rows =
        TestSpark.session().read().parquet(run.resolve("tables/outreach").toString()).count();
    long holdout = ReportLoader.holdoutRows(run.resolve("outreach/holdout.csv")).orElseThrow();
    String text = PdfText.visibleText(html());
    assertTrue(text.contains("This week: " + String.format("%,d", rows) + " customers"), text);
    assertTrue(text.contains(String.format("%,d", holdout) + " eligible customers are held out"));
  }

  /** Every name, e-mail, phone number and customer id of the sample's customers. */
  static Set<String> personalData() throws IOException {
    Set<String> values = new LinkedHashSet<>();
    try (Reader in =
        Files.newBufferedReader(
            TestSpark.projectRoot().resolve("data-samples/customers.csv"),
            StandardCharsets.UTF_8)) {
      for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().get().parse(in)) {
        for (String c : List.of("customer_id", "first_name", "last_name", "email", "phone")) {
          String v = r.get(c).trim();
          if (!v.isEmpty()) {
            values.add(v);
          }
        }
        if (!r.get("phone").isBlank()) {
          values.add(r.get("phone").replaceAll("[^0-9+]", ""));
        }
      }
    }
    return values;
  }

  static List<String> leaks(String text, Set<String> values) {
    List<String> found = new ArrayList<>();
    for (String v : values) {
      Pattern p = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(v) + "(?![\\p{L}\\p{N}])");
      if (p.matcher(text).find()) {
        found.add(v);
      }
    }
    return found;
  }

  @Test
  void holdsNoPersonalDataOfAnyCustomer() throws IOException {
    Set<String> pii = personalData();
    assertTrue(pii.size() > 5000, "names, e-mails, phones and ids of 2,000 customers");
    String html = html();
    // the images' base64 is not text; their words come from the same code as the rest
    String withoutImages = html.replaceAll("data:image/png;base64,[A-Za-z0-9+/=]+", "data:");
    assertEquals(List.of(), leaks(withoutImages, pii), "in the HTML");
    String pdf = PdfText.extract(run.resolve(ReportRenderer.PDF));
    assertTrue(pdf.contains("Headline findings"), pdf);
    assertEquals(List.of(), leaks(pdf, pii), "in the PDF");
    // the fixtures did put them where the report could have picked them up
    String outreach =
        TestSpark.session()
            .read()
            .parquet(run.resolve("tables/outreach").toString())
            .select("talking_points")
            .first()
            .getString(0);
    assertFalse(leaks(outreach, pii).isEmpty());
  }

  @Test
  void isSelfContainedWithoutScriptsOrExternalResources() throws IOException {
    String html = html();
    String lower = html.toLowerCase(java.util.Locale.ROOT);
    assertFalse(lower.contains("<script"));
    assertFalse(lower.contains("http://"));
    assertFalse(lower.contains("https://"));
    assertFalse(lower.contains("<link"));
    assertFalse(lower.contains("url("));
    assertTrue(
        html.contains(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;;"
                + " img-src data:; style-src &#39;unsafe-inline&#39;\">"));
    var srcs = Pattern.compile("src=\"([^\"]{0,30})").matcher(html);
    int images = 0;
    while (srcs.find()) {
      assertTrue(srcs.group(1).startsWith("data:image/png;base64,"), srcs.group(1));
      images++;
    }
    assertEquals(9, images);
  }

  @Test
  void aRerunWritesTheSameBytes() throws IOException {
    Map<String, byte[]> before = reportFiles();
    Cli again = Cli.run("report", "--config", config.toString(), "--out", out.toString());
    assertEquals(0, again.exitCode, again.toString());
    Map<String, byte[]> after = reportFiles();
    assertEquals(before.keySet(), after.keySet());
    for (String k : before.keySet()) {
      assertArrayEquals(before.get(k), after.get(k), k);
    }
  }

  private static Map<String, byte[]> reportFiles() throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    for (String dir : List.of("charts", "report")) {
      try (Stream<Path> s = Files.list(run.resolve(dir))) {
        for (Path p : s.toList()) {
          files.put(dir + "/" + p.getFileName(), Files.readAllBytes(p));
        }
      }
    }
    return files;
  }

  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
