package rapport.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RenderPreviewTest {
  @Test
  void preview() throws Exception {
    Path out = Path.of(System.getProperty("rapport.preview", "/tmp/rapport-report-preview"));
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
