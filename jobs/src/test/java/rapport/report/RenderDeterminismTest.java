package rapport.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The manifest hashes every output: the same data must give the same bytes. */
class RenderDeterminismTest {
  @Test
  void theSameDataGivesTheSameBytes() {
    Map<String, byte[]> first = ReportRenderer.render(SampleReportData.data(), Optional.empty());
    Map<String, byte[]> second = ReportRenderer.render(SampleReportData.data(), Optional.empty());
    assertEquals(first.keySet(), second.keySet());
    for (String k : first.keySet()) {
      assertArrayEquals(first.get(k), second.get(k), k);
    }
  }

  @Test
  void aChartAtTwiceTheScaleIsTheSameEachTime() {
    Findings f = new Findings(SampleReportData.data());
    Chart c = RetentionCharts.touchMix(f, new Words(f)).orElseThrow();
    byte[] a = c.png(2);
    byte[] b = c.png(2);
    assertArrayEquals(a, b);
  }
}
