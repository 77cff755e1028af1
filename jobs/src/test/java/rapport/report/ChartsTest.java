package rapport.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import rapport.report.ReportData.CalibrationBin;
import rapport.report.ReportData.InputQuality;
import rapport.report.ReportData.MonthTouches;
import rapport.report.ReportData.RepOutreach;
import rapport.report.ReportData.Segment;

/** Each chart draws exactly the numbers of the data it was given: checked on its dataset. */
class ChartsTest {
  static final double EPS = 1e-12;
  final ReportData data = SampleReportData.data();
  final Findings f = new Findings(data);
  final Words w = new Words(f);

  @Test
  void retentionByTouchMixDrawsEachSegmentsRateAndWilsonInterval() {
    Chart c = RetentionCharts.touchMix(f, w).orElseThrow();
    XYPlot plot = c.chart().getXYPlot();
    XYDataset bars = plot.getDataset(0);
    IntervalXYDataset whiskers = (IntervalXYDataset) plot.getDataset(1);
    List<String> order = List.of("none", "automated_only", "personal_only", "both");
    assertEquals(4, bars.getSeriesCount());
    for (int i = 0; i < 4; i++) {
      String seg = order.get(i);
      Segment s =
          f.segments("touch_mix").stream()
              .filter(x -> x.segment().equals(seg))
              .findFirst()
              .orElseThrow();
      assertEquals(Labels.segment(seg), bars.getSeriesKey(i));
      assertEquals(s.rate(), bars.getYValue(i, 0), EPS);
      assertEquals(s.rate(), whiskers.getYValue(0, i), EPS);
      assertEquals(s.lower95(), whiskers.getStartYValue(0, i), EPS);
      assertEquals(s.upper95(), whiskers.getEndYValue(0, i), EPS);
    }
    // personal = personal_only + both: (141 + 537) / (190 + 680)
    assertEquals(
        "78% kept buying with a personal touch, 51% with automated touches only", c.title());
    assertEquals(c.title(), c.chart().getTitle().getText());
  }

  @Test
  void forestPlotShowsHazardRatiosPerDisplayedUnitPersonalTouchesFirst() {
    Chart c = RetentionCharts.forest(f, w).orElseThrow();
    IntervalXYDataset d = (IntervalXYDataset) c.chart().getXYPlot().getDataset();
    assertEquals(6, d.getSeriesCount(), "the concordance row is not a covariate");
    assertEquals("Personal touches, last 90 days (each)", d.getSeriesKey(0));
    assertEquals(0.61, d.getXValue(0, 0), 1e-12);
    assertEquals(
        Math.exp(Math.log(0.61) - 1.959963984540054 * 0.054), d.getStartXValue(0, 0), 1e-12);
    assertEquals(Math.exp(Math.log(0.61) + 1.959963984540054 * 0.054), d.getEndXValue(0, 0), 1e-12);
    assertEquals(5, d.getYValue(0, 0), 0, "the first covariate is drawn on top");
    assertEquals("Automated touches, last 90 days (each)", d.getSeriesKey(1));
    int tenure = seriesIndex(d, "Tenure (per year)");
    assertEquals(Math.exp(365 * -0.0003), d.getXValue(tenure, 0), 1e-12);
    assertEquals(
        "Each personal touch in the last 90 days: a 39% lower risk of lapsing (HR 0.61, 0.55–0.68)",
        c.title());
  }

  private static int seriesIndex(XYDataset d, String key) {
    for (int i = 0; i < d.getSeriesCount(); i++) {
      if (d.getSeriesKey(i).equals(key)) {
        return i;
      }
    }
    throw new AssertionError("no series " + key);
  }

  @Test
  void contractCurvesShowTheShareStillUnderContract() {
    ReportData d = f.data();
    ReportData contracts =
        new ReportData(
            d.facts(),
            d.customers(),
            d.currency(),
            d.segments(),
            d.curves(),
            true,
            d.model(),
            d.calibration(),
            d.touchesPerMonth(),
            d.scores(),
            d.outreach(),
            d.holdout(),
            d.quality(),
            d.missing());
    Chart c = RetentionCharts.survival(new Findings(contracts), "touch_mix").orElseThrow();
    XYDataset xy = c.chart().getXYPlot().getDataset();
    assertEquals(1, xy.getYValue(0, 0), 0);
    assertEquals(Math.exp(-0.0060 * 180), xy.getYValue(0, 18), EPS);
    assertTrue(
        c.title().startsWith("Still under contract after 180 days: no touches 34%"), c.title());
  }

  @Test
  void purchaseCurvesShowTheShareThatOrderedAgain() {
    Chart c = RetentionCharts.survival(f, "touch_mix").orElseThrow();
    XYDataset d = c.chart().getXYPlot().getDataset();
    assertEquals(4, d.getSeriesCount());
    assertEquals("No touches (n = 310)", d.getSeriesKey(0));
    // Purchase-based: the event is the next order, so the chart shows 1 - S(t), the share that
    // has ordered again, starting at 0.
    assertEquals(0, d.getXValue(0, 0), 0);
    assertEquals(0, d.getYValue(0, 0), 0);
    assertEquals(19, d.getItemCount(0), "(0, 0) and 18 steps");
    assertEquals(1 - Math.exp(-0.0060 * 180), d.getYValue(0, 18), EPS);
    assertTrue(
        c.title().startsWith("Ordered again within 180 days: no touches 66%, automated only 51%"),
        c.title());
    assertEquals(
        5,
        RetentionCharts.survival(f, "personal_index_band")
            .orElseThrow()
            .chart()
            .getXYPlot()
            .getDataset()
            .getSeriesCount());
  }

  @Test
  void calibrationPlotsObservedAgainstPredictedWithIntervals() {
    Chart c = RetentionCharts.calibration(f, w).orElseThrow();
    IntervalXYDataset d = (IntervalXYDataset) c.chart().getXYPlot().getDataset(0);
    List<CalibrationBin> bins = data.calibration();
    assertEquals(bins.size(), d.getItemCount(0));
    for (int i = 0; i < bins.size(); i++) {
      assertEquals(bins.get(i).meanPredicted(), d.getXValue(0, i), EPS);
      assertEquals(bins.get(i).observed(), d.getYValue(0, i), EPS);
      assertEquals(bins.get(i).lower95(), d.getStartYValue(0, i), EPS);
      assertEquals(bins.get(i).upper95(), d.getEndYValue(0, i), EPS);
    }
    assertEquals(
        "Backtest: predicted and observed retention agree within 2 points (AUC 0.78)", c.title());
  }

  @Test
  void touchesPerMonthHasOnePointPerMonthAndKind() {
    Chart c = OperationsCharts.touchesPerMonth(f, w).orElseThrow();
    TimeSeriesCollection d = (TimeSeriesCollection) c.chart().getXYPlot().getDataset();
    List<MonthTouches> months = data.touchesPerMonth();
    assertEquals("Personal", d.getSeriesKey(0));
    assertEquals("Automated", d.getSeriesKey(1));
    assertEquals(months.size(), d.getItemCount(0));
    for (int i = 0; i < months.size(); i++) {
      assertEquals(months.get(i).personal(), d.getYValue(0, i), 0);
      assertEquals(months.get(i).automated(), d.getYValue(1, i), 0);
    }
    // last three months: personal 600+595+590, automated 5040+5080+5120
    assertEquals(
        "1 in 10 outbound touches is personal; personal touches down 9% on a year earlier",
        c.title());
  }

  @Test
  void scoreBandsAddUpToTheCustomers() {
    Chart c = OperationsCharts.scores(f, w).orElseThrow();
    CategoryDataset d = c.chart().getCategoryPlot().getDataset();
    long[] bands = data.scores().orElseThrow().bands();
    assertEquals(10, d.getColumnCount());
    long total = 0;
    for (int b = 0; b < 10; b++) {
      double v = d.getValue(0, b).doubleValue() + d.getValue(1, b).doubleValue();
      assertEquals(bands[b], v, 0);
      assertEquals(b < 4 ? bands[b] : 0, d.getValue(0, b).doubleValue(), 0, "weak below 40");
      total += (long) v;
    }
    assertEquals(2000, total);
    assertEquals("90–100", d.getColumnKey(9));
  }

  @Test
  void outreachPerRepShowsCustomersCapacityAndValueKept() {
    Chart c = OperationsCharts.outreach(f, w).orElseThrow();
    CombinedDomainCategoryPlot plot = (CombinedDomainCategoryPlot) c.chart().getPlot();
    CategoryDataset load = ((CategoryPlot) plot.getSubplots().get(0)).getDataset();
    CategoryDataset value = ((CategoryPlot) plot.getSubplots().get(1)).getDataset();
    assertEquals(24, load.getColumnCount());
    RepOutreach top =
        data.outreach().stream()
            .max(java.util.Comparator.comparingDouble(RepOutreach::valueKept))
            .orElseThrow();
    String key = top.repId() + " (" + top.team() + ")";
    assertEquals(key, load.getColumnKey(0), "the rep who keeps the most value comes first");
    assertEquals(top.customers(), load.getValue("Customers to contact", key).doubleValue(), 0);
    assertEquals(top.capacity(), load.getValue("Weekly capacity", key).doubleValue(), 0);
    assertEquals(top.valueKept(), value.getValue("Expected value kept", key).doubleValue(), EPS);
    double kept = data.outreach().stream().mapToDouble(RepOutreach::valueKept).sum();
    assertEquals(
        "This week: 446 customers across 24 reps keep an expected " + Fmt.money(kept, "EUR"),
        c.title());
  }

  @Test
  void dataQualityShowsEachInputsQuarantinedShare() {
    Chart c = OperationsCharts.quality(f, w).orElseThrow();
    CategoryDataset d = c.chart().getCategoryPlot().getDataset();
    List<InputQuality> q = data.quality();
    assertEquals(q.size(), d.getColumnCount());
    for (int i = 0; i < q.size(); i++) {
      assertEquals(q.get(i).badShare(), d.getValue(0, i).doubleValue(), EPS);
    }
    assertEquals("interactions (116,113 rows)", d.getColumnKey(3));
    assertEquals(
        1, c.chart().getCategoryPlot().getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND).size());
  }

  @Test
  void noChartWithoutItsData() {
    ReportData empty =
        new ReportData(
            data.facts(),
            0,
            Optional.empty(),
            List.of(),
            List.of(),
            false,
            List.of(),
            List.of(),
            List.of(),
            Optional.empty(),
            List.of(),
            Optional.empty(),
            List.of(),
            List.of("everything"));
    Findings e = new Findings(empty);
    Words ew = new Words(e);
    assertTrue(ReportRenderer.charts(e, ew).isEmpty());
    assertTrue(ew.headlines().isEmpty());
  }

  @Test
  void pngsHaveTheChartsSizeAndTwiceItForPrint() throws IOException {
    Chart c = RetentionCharts.touchMix(f, w).orElseThrow();
    BufferedImage screen = ImageIO.read(new ByteArrayInputStream(c.png(1)));
    BufferedImage print = ImageIO.read(new ByteArrayInputStream(c.png(2)));
    assertEquals(ChartTheme.WIDTH, screen.getWidth());
    assertEquals(ChartTheme.HEIGHT, screen.getHeight());
    assertEquals(2 * ChartTheme.WIDTH, print.getWidth());
    assertEquals(2 * ChartTheme.HEIGHT, print.getHeight());
  }
}
