package rapport.report;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Writes the sample report for a person to look at, only when asked: {@code mvn test
 * -Dtest=RenderPreviewTest -Drapport.preview=DIR}. ReportStageTest copies the data-samples report
 * there too.
 */
class RenderPreviewTest {
  static Optional<Path> previewDir() {
    String dir = System.getProperty("rapport.preview");
    return dir == null || dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir));
  }

  @Test
  void writeTheSampleReportForReview() throws Exception {
    assumeTrue(previewDir().isPresent(), "set -Drapport.preview=DIR to write the sample report");
    Path out = previewDir().get().resolve("sample");
    Map<String, byte[]> files =
        ReportRenderer.render(
            SampleReportData.data(),
            Optional.of(SampleReportData.data(SampleReportData.AS_OF.minusMonths(3), 6)));
    for (var e : files.entrySet()) {
      Path p = out.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, e.getValue());
    }
  }
}
