package rapport.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import rapport.schema.ReportInputs;

/**
 * From the report's data to its files: the charts, the HTML and the PDF, as bytes by path relative
 * to the run folder. No I/O and no Spark, so that it is tested on its own.
 */
public final class ReportRenderer {
  private ReportRenderer() {}

  public static final String HTML = "report/executive-report.html";
  public static final String PDF = "report/executive-report.pdf";

  /** The charts that the data allows, by name, in the report's order. */
  static Map<String, Chart> charts(Findings f, Words w) {
    Map<String, Chart> charts = new LinkedHashMap<>();
    OperationsCharts.outreach(f, w).ifPresent(c -> charts.put(c.name(), c));
    RetentionCharts.touchMix(f, w).ifPresent(c -> charts.put(c.name(), c));
    RetentionCharts.survival(f, ReportInputs.TOUCH_MIX).ifPresent(c -> charts.put(c.name(), c));
    if (!f.personalIndexUninformative()) {
      RetentionCharts.survival(f, ReportInputs.PERSONAL_INDEX_BAND)
          .ifPresent(c -> charts.put(c.name(), c));
    }
    RetentionCharts.forest(f, w).ifPresent(c -> charts.put(c.name(), c));
    OperationsCharts.touchesPerMonth(f, w).ifPresent(c -> charts.put(c.name(), c));
    OperationsCharts.scores(f, w).ifPresent(c -> charts.put(c.name(), c));
    ValueCharts.pAlive(f).ifPresent(c -> charts.put(c.name(), c));
    RetentionCharts.calibration(f, w).ifPresent(c -> charts.put(c.name(), c));
    OperationsCharts.quality(f, w).ifPresent(c -> charts.put(c.name(), c));
    return charts;
  }

  /** Every file of the report: charts/NAME.png, the HTML and the PDF. */
  public static Map<String, byte[]> render(ReportData current, Optional<ReportData> previous) {
    Findings f = new Findings(current);
    Words w = new Words(f);
    Map<String, Chart> charts = charts(f, w);
    ReportDocument doc = ReportContent.build(f, w, previous.map(Findings::new), charts);
    Map<String, byte[]> screen = new LinkedHashMap<>();
    Map<String, byte[]> print = new LinkedHashMap<>();
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (Chart c : charts.values()) {
      byte[] png = c.png(1);
      screen.put(c.name(), png);
      print.put(c.name(), c.png(2));
      files.put("charts/" + c.name() + ".png", png);
    }
    files.put(
        HTML, HtmlReport.render(doc, screen).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    files.put(PDF, PdfReport.render(doc, print, current.facts().asOf(), current.facts().runId()));
    return files;
  }
}
