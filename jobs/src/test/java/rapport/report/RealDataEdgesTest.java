package rapport.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import rapport.report.ReportData.CustomerValue;
import rapport.report.ReportData.ModelTerm;
import rapport.report.ReportData.Segment;

/**
 * What real data does to the report: empty segments, no touches, contracts, shares next to 100%, an
 * orders-only run, models that did not converge. Checked on the chart datasets and the text.
 */
class RealDataEdgesTest {
  final ReportData sample = SampleReportData.data();

  @Test
  void sharesNearTheEndsNeverReadAsZeroOrAHundredPercent() {
    assertEquals("99.5%", Fmt.pct(439.0 / 441));
    assertEquals("100%", Fmt.pct(1.0));
    assertEquals("0%", Fmt.pct(0.0));
    assertEquals("0.1%", Fmt.pct(1.0 / 2000));
    assertEquals("0.02%", Fmt.pct(1.0 / 5000));
    assertEquals(">99.99%", Fmt.pct(1 - 1e-7));
    assertEquals("78%", Fmt.pct(0.781));
    assertEquals("99.8%", Fmt.pct1(0.9979));
    assertEquals("n/a", Fmt.pct(Double.NaN));
    assertEquals("n/a", Fmt.pctRange(Double.NaN, Double.NaN));
    assertEquals("n/a", Fmt.ratioRange(0, Double.POSITIVE_INFINITY));
    assertEquals("n/a", Fmt.money(Double.NaN, "EUR"));
    assertEquals("99.5%", Fmt.PERCENT.format(439.0 / 441));
  }

  @Test
  void anEmptySegmentSaysSoInsteadOfNaNOrNotReached() {
    List<Segment> segs = new ArrayList<>(sample.segments());
    segs.set(2, empty("touch_mix", "personal_only"));
    ReportData d = with(sample, segs, sample.model(), false, Optional.empty());
    String html = html(d);
    assertTrue(html.contains(ReportContent.NO_CUSTOMERS), "the empty segment is named");
    assertNoNumberThatIsNotOne(html);
    XYDataset bars =
        RetentionCharts.touchMix(new Findings(d), new Words(new Findings(d)))
            .orElseThrow()
            .chart()
            .getXYPlot()
            .getDataset();
    assertEquals(0, bars.getItemCount(2), "no bar for a segment without customers");
    assertEquals(1, bars.getItemCount(3));
  }

  @Test
  void withoutTouchesThePersonalIndexChartIsLeftOutAndTheReportSaysWhy() {
    List<Segment> segs =
        List.of(
            SampleReportData.segment("touch_mix", "none", 400, 150, 120.0),
            empty("touch_mix", "automated_only"),
            empty("touch_mix", "personal_only"),
            empty("touch_mix", "both"),
            SampleReportData.segment("personal_index_band", "0-20", 400, 150, 120.0));
    List<ReportData.CurvePoint> curves =
        sample.curves().stream()
            .filter(
                p ->
                    p.segment().equals("none")
                        || p.kind().equals("personal_index_band") && p.segment().equals("0-20"))
            .toList();
    ReportData d =
        new ReportData(
            sample.facts(),
            400,
            sample.currency(),
            segs,
            curves,
            false,
            sample.model(),
            sample.calibration(),
            List.of(),
            sample.scores(),
            sample.outreach(),
            sample.holdout(),
            sample.quality(),
            List.of(),
            Optional.empty());
    Findings f = new Findings(d);
    Map<String, Chart> charts = ReportRenderer.charts(f, new Words(f));
    assertTrue(charts.containsKey(RetentionCharts.SURVIVAL));
    assertFalse(charts.containsKey(RetentionCharts.SURVIVAL_BANDS));
    assertTrue(html(d).contains("No chart by personal-index band: no customer followed here had"));
    // with personal touches the chart is drawn, as before
    Findings full = new Findings(sample);
    assertTrue(
        ReportRenderer.charts(full, new Words(full)).containsKey(RetentionCharts.SURVIVAL_BANDS));
  }

  @Test
  void keptBuyingIsSaidOnlyOfPurchaseBusinesses() {
    String contracts =
        html(with(sample, sample.segments(), sample.model(), true, Optional.empty()));
    assertFalse(contracts.toLowerCase(java.util.Locale.ROOT).contains("kept buying"), contracts);
    assertTrue(contracts.contains("Still under contract"));
    assertTrue(contracts.contains("stayed under contract over the next 180 days"));
    String purchases = html(sample);
    assertTrue(purchases.contains("Kept buying"));
    assertFalse(purchases.contains("Still under contract"));
  }

  @Test
  void anOrdersOnlyRunReportsCustomerValue() {
    List<ModelTerm> model =
        List.of(
            param("r", 0.243, 0.013),
            param("alpha", 4.414, 0.378),
            param("a", 0.793, 0.186),
            param("b", 2.426, 0.707),
            new ModelTerm("bgnbd", "converged", 1.0, null, null, null, null, 2357L),
            new ModelTerm("gamma_gamma", "converged", 1.0, null, null, null, null, 946L));
    CustomerValue v =
        new CustomerValue(
            2357, new long[] {400, 200, 150, 100, 90, 110, 150, 250, 400, 507}, 51234.4, 12345.6);
    ReportData ordersOnly =
        new ReportData(
            sample.facts(),
            2357,
            sample.currency(),
            List.of(),
            List.of(),
            false,
            model,
            List.of(),
            List.of(),
            sample.scores(),
            List.of(),
            Optional.empty(),
            sample.quality(),
            List.of(),
            Optional.of(v));
    Findings f = new Findings(ordersOnly);
    Chart c = ValueCharts.pAlive(f).orElseThrow();
    CategoryDataset bands = categories(c);
    assertEquals(400, bands.getValue(ValueCharts.LIKELY_GONE, "0–10%").intValue());
    assertEquals(90, bands.getValue(ValueCharts.LIKELY_GONE, "40–50%").intValue());
    assertEquals(0, bands.getValue(ValueCharts.LIKELY_ACTIVE, "40–50%").intValue());
    assertEquals(507, bands.getValue(ValueCharts.LIKELY_ACTIVE, "90–100%").intValue());
    assertEquals(940, v.likelyGone());
    assertTrue(c.title().startsWith("940 of 2,357 customers (40%)"), c.title());
    String html = html(ordersOnly);
    assertTrue(html.contains("Customer value"));
    assertTrue(html.contains("51,234 EUR"), "expected value");
    assertTrue(html.contains("12,346 EUR of it is at risk"), "expected value at risk");
    assertTrue(html.contains("BG/NBD purchase model"));
    assertTrue(html.contains("<td class=\"num\">0.2430</td>") || html.contains(">0.2430<"), html);
    assertNoNumberThatIsNotOne(html);
  }

  @Test
  void aModelThatDidNotConvergeIsNamedNotShown() {
    List<ModelTerm> model = new ArrayList<>(sample.model());
    model.add(new ModelTerm("cox_time_varying", "converged", 0.0, null, null, null, null, 2000L));
    model.add(param("r", 1.1e10, Double.NaN));
    model.add(param("alpha", 3.0, 0.1));
    model.add(param("a", 0.5, 0.1));
    model.add(param("b", 4.8e9, Double.NaN));
    model.add(new ModelTerm("bgnbd", "converged", 0.0, null, null, null, null, 2000L));
    model.add(new ModelTerm("gamma_gamma", "converged", 0.0, null, null, null, null, 900L));
    ReportData d = with(sample, sample.segments(), model, false, Optional.empty());
    Findings f = new Findings(d);
    assertTrue(f.hazards().isEmpty());
    assertTrue(f.bgnbd().isEmpty());
    assertFalse(ReportRenderer.charts(f, new Words(f)).containsKey(RetentionCharts.FOREST));
    String html = html(d);
    assertTrue(html.contains("did not converge, so its hazard ratios are not shown"));
    assertTrue(html.contains("The BG/NBD purchase model did not converge"));
    assertTrue(html.contains("The Gamma-Gamma spend model did not converge"));
    assertFalse(html.contains("1.100e+10"));
    assertFalse(html.contains("hazard ratio 0.61"), "no hazard ratio quoted from the failed fit");
    assertNoNumberThatIsNotOne(html);
  }

  @Test
  void anEmptyOutreachListExplainsItself(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    java.nio.file.Path manifest = dir.resolve("outreach.manifest.json");
    java.nio.file.Files.writeString(
        manifest,
        "{\"counts\": {\"customers\": 37, \"suppressed\": {\"NO_SCORE\": 37},"
            + " \"candidates\": 0, \"contacted\": 0}}");
    assertEquals(
        Optional.of("all 37 are suppressed: 37 no score"), ReportLoader.emptyOutreach(manifest));
    java.nio.file.Files.writeString(
        manifest,
        "{\"counts\": {\"customers\": 40, \"suppressed\": {\"NO_SCORE\": 30,"
            + " \"DO_NOT_CONTACT\": 3}, \"candidates\": 7, \"contacted\": 0}}");
    assertEquals(
        Optional.of(
            "7 of 40 customers eligible (33 suppressed: 30 no score, 3 do not contact), and all"
                + " 7 assigned to reps fell in the random holdout"),
        ReportLoader.emptyOutreach(manifest));
    ReportData empty =
        new ReportData(
            sample.facts(),
            37,
            sample.currency(),
            sample.segments(),
            sample.curves(),
            false,
            sample.model(),
            sample.calibration(),
            sample.touchesPerMonth(),
            sample.scores(),
            List.of(),
            Optional.of(0L),
            sample.quality(),
            List.of(
                "outreach this week: nobody to contact, because all 37 are suppressed: 37 no score"),
            Optional.empty());
    assertTrue(
        html(empty).contains("nobody to contact, because all 37 are suppressed: 37 no score"));
  }

  private static ModelTerm param(String name, double estimate, double se) {
    return new ModelTerm("bgnbd", name, estimate, se, null, null, null, 2357L);
  }

  /** A segment without customers as the loader reads it: no rate, no interval, no median. */
  static Segment empty(String kind, String segment) {
    return new Segment(kind, segment, 0, 0, Double.NaN, Double.NaN, Double.NaN, null, null, null);
  }

  private static void assertNoNumberThatIsNotOne(String html) {
    int nan = html.indexOf("NaN");
    assertFalse(
        nan >= 0,
        () -> "no NaN in the report: " + html.substring(Math.max(0, nan - 300), nan + 50));
    assertFalse(html.contains("Infinity"), "no Infinity in the report");
    assertFalse(html.contains("∞"), "no infinity sign in the report");
  }

  static ReportData with(
      ReportData d,
      List<Segment> segments,
      List<ModelTerm> model,
      boolean contracts,
      Optional<CustomerValue> value) {
    return new ReportData(
        d.facts(),
        d.customers(),
        d.currency(),
        segments,
        d.curves(),
        contracts,
        model,
        d.calibration(),
        d.touchesPerMonth(),
        d.scores(),
        d.outreach(),
        d.holdout(),
        d.quality(),
        d.missing(),
        value);
  }

  /** The report's HTML text, the charts' images left out (their base64 is not text). */
  static String html(ReportData d) {
    Findings f = new Findings(d);
    Words w = new Words(f);
    Map<String, Chart> charts = ReportRenderer.charts(f, w);
    Map<String, byte[]> noImages = new java.util.HashMap<>();
    charts.keySet().forEach(k -> noImages.put(k, new byte[0]));
    return HtmlReport.render(ReportContent.build(f, w, Optional.empty(), charts), noImages);
  }

  static CategoryDataset categories(Chart c) {
    return c.chart().getCategoryPlot().getDataset();
  }
}
