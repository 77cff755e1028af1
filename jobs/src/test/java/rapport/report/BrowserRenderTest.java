package rapport.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.lowagie.text.pdf.PdfReader;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report as a reader sees it: the HTML rendered by headless Chromium, the PDF rasterised by
 * pdftoppm (poppler-utils), each image checked for content. Skipped, with the reason, on a machine
 * without those programs; CI installs them (apt-get install chromium poppler-utils).
 */
class BrowserRenderTest {
  @TempDir static Path dir;
  static Path html;
  static Path pdf;

  @BeforeAll
  static void render() throws IOException {
    Map<String, byte[]> files =
        ReportRenderer.render(
            SampleReportData.data(),
            Optional.of(SampleReportData.data(SampleReportData.AS_OF.minusMonths(3), 6)));
    html = dir.resolve("executive-report.html");
    pdf = dir.resolve("executive-report.pdf");
    Files.write(html, files.get(ReportRenderer.HTML));
    Files.write(pdf, files.get(ReportRenderer.PDF));
  }

  @Test
  void chromiumShowsTheHtmlWithContent() throws Exception {
    Optional<Path> chromium = onPath("chromium", "chromium-browser", "google-chrome");
    assumeTrue(
        chromium.isPresent(),
        "chromium is not installed (apt-get install chromium): HTML rendering not checked");
    Path profile = Files.createDirectory(dir.resolve("profile"));
    Path shot = dir.resolve("screenshot.png");
    run(
        List.of(
            chromium.get().toString(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--user-data-dir=" + profile,
            "--window-size=1100,3000",
            "--screenshot=" + shot,
            html.toUri().toString()));
    BufferedImage img = ImageIO.read(shot.toFile());
    assertEquals(1100, img.getWidth());
    assertEquals(3000, img.getHeight());
    Stats s = Stats.of(img);
    assertTrue(s.variance() > 500, "a blank page has no variance: " + s);
    assertTrue(s.inkShare() > 0.03, "text and charts cover part of the page: " + s);
  }

  @Test
  void pdftoppmRasterisesEveryPageWithContent() throws Exception {
    Optional<Path> pdftoppm = onPath("pdftoppm");
    assumeTrue(
        pdftoppm.isPresent(),
        "pdftoppm is not installed (apt-get install poppler-utils): PDF pages not checked");
    int pages = new PdfReader(Files.readAllBytes(pdf)).getNumberOfPages();
    assertTrue(pages >= 4, "the report fills several A4 pages, got " + pages);
    run(
        List.of(
            pdftoppm.get().toString(),
            "-r",
            "50",
            "-png",
            pdf.toString(),
            dir.resolve("page").toString()));
    List<Path> images;
    try (Stream<Path> s = Files.list(dir)) {
      images =
          s.filter(p -> p.getFileName().toString().matches("page-\\d+\\.png")).sorted().toList();
    }
    assertEquals(pages, images.size());
    for (Path p : images) {
      BufferedImage img = ImageIO.read(p.toFile());
      // A4 at 50 dpi: 8.27 x 11.69 inches
      assertEquals(413, img.getWidth(), 1, p.toString());
      assertEquals(585, img.getHeight(), 1, p.toString());
      Stats s = Stats.of(img);
      assertTrue(s.variance() > 100 && s.inkShare() > 0.01, p + " looks blank: " + s);
    }
  }

  /** Luminance variance and the share of pixels darker than near-white. */
  record Stats(double variance, double inkShare) {
    static Stats of(BufferedImage img) {
      double sum = 0;
      double sq = 0;
      long ink = 0;
      long n = (long) img.getWidth() * img.getHeight();
      for (int y = 0; y < img.getHeight(); y++) {
        for (int x = 0; x < img.getWidth(); x++) {
          int rgb = img.getRGB(x, y);
          double l = 0.299 * (rgb >> 16 & 255) + 0.587 * (rgb >> 8 & 255) + 0.114 * (rgb & 255);
          sum += l;
          sq += l * l;
          if (l < 230) {
            ink++;
          }
        }
      }
      double mean = sum / n;
      return new Stats(sq / n - mean * mean, (double) ink / n);
    }
  }

  static Optional<Path> onPath(String... names) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String name : names) {
      for (String d : path.split(File.pathSeparator)) {
        Path p = Path.of(d, name);
        if (Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(command);
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("process.log").toFile())
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + cmd);
    }
    assertEquals(
        0, p.exitValue(), cmd.get(0) + " failed: " + Files.readString(dir.resolve("process.log")));
  }
}
