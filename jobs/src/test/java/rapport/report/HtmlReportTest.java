package rapport.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import rapport.report.ReportDocument.Bullets;
import rapport.report.ReportDocument.Paragraph;
import rapport.report.ReportDocument.Section;
import rapport.report.ReportDocument.Table;

/** Text from the data is escaped wherever it lands: content, tables, attributes. */
class HtmlReportTest {
  static final String HOSTILE = "<script>alert('x')</script> & \"quoted\" <img src=https://evil>";

  @Test
  void everyPieceOfTextIsEscaped() {
    ReportDocument doc =
        new ReportDocument(
            HOSTILE,
            HOSTILE,
            List.of(
                new Section(
                    "s\"1",
                    HOSTILE,
                    List.of(
                        new Paragraph(HOSTILE),
                        new Bullets(List.of(HOSTILE)),
                        new Table(List.of(HOSTILE), List.of(List.of(HOSTILE)), List.of(true))))));
    String html = HtmlReport.render(doc, Map.of());
    assertFalse(html.contains("<script"));
    assertFalse(html.contains("<img"));
    assertFalse(html.contains("'x'"));
    assertTrue(
        html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;"));
    assertTrue(html.contains("id=\"s&quot;1\""));
  }

  @Test
  void hostileSegmentNamesAndRepIdsFromTheTablesAreEscapedInTheReport() {
    ReportData d = SampleReportData.data();
    List<ReportData.Segment> segs = new java.util.ArrayList<>(d.segments());
    segs.add(SampleReportData.segment("touch_mix", HOSTILE, 5, 2, null));
    List<ReportData.RepOutreach> reps = new java.util.ArrayList<>(d.outreach());
    reps.add(new ReportData.RepOutreach(HOSTILE, HOSTILE, 1, 0, 5L, 1, 1, null, null));
    ReportData hostile =
        new ReportData(
            d.facts(),
            d.customers(),
            d.currency(),
            segs,
            d.curves(),
            d.contractBased(),
            d.model(),
            d.calibration(),
            d.touchesPerMonth(),
            d.scores(),
            reps,
            d.holdout(),
            d.quality(),
            d.missing());
    String html =
        new String(
            ReportRenderer.render(hostile, java.util.Optional.empty()).get(ReportRenderer.HTML),
            java.nio.charset.StandardCharsets.UTF_8);
    assertFalse(html.toLowerCase(java.util.Locale.ROOT).contains("<script"));
    assertFalse(html.contains("<img src=https"), "the text stays text, never a resource");
    assertTrue(html.contains("&lt;img src=https://evil&gt;"));
    assertTrue(html.contains("&lt;script&gt;"));
  }

  @Test
  void escapesTheFiveCharacters() {
    assertEquals("&lt;a href=&quot;x&quot;&gt;&amp;&#39;", HtmlReport.esc("<a href=\"x\">&'"));
  }
}
