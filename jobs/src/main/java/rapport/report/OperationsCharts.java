package rapport.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.text.DecimalFormat;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;
import java.util.TreeSet;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.DateTickUnit;
import org.jfree.chart.axis.DateTickUnitType;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.time.Month;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import rapport.report.Findings.OutreachTotals;
import rapport.report.Findings.QualityTotals;
import rapport.report.Findings.TouchTrend;
import rapport.report.ReportData.InputQuality;
import rapport.report.ReportData.MonthTouches;
import rapport.report.ReportData.RepOutreach;
import rapport.report.ReportData.ScoreSummary;

/** The charts of the daily work: touches per month, scores, this week's outreach, data quality. */
final class OperationsCharts {
  private OperationsCharts() {}

  static final String TOUCHES = "touches-per-month";
  static final String SCORES = "relationship-scores";
  static final String OUTREACH = "outreach-per-rep";
  static final String QUALITY = "data-quality";

  /** Reps shown in the outreach chart; the rest are summed in the text. */
  static final int MAX_REPS = 30;

  private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

  /** Personal and automated outbound touches per completed month: two monthly time series. */
  static Optional<Chart> touchesPerMonth(Findings f, Words w) {
    Optional<TouchTrend> trend = f.touchTrend();
    if (trend.isEmpty()) {
      return Optional.empty();
    }
    TimeSeries personal = new TimeSeries("Personal");
    TimeSeries automated = new TimeSeries("Automated");
    for (MonthTouches m : f.data().touchesPerMonth()) {
      Month month = new Month(m.month().getMonthValue(), m.month().getYear());
      personal.add(month, m.personal());
      automated.add(month, m.automated());
    }
    TimeSeriesCollection data = new TimeSeriesCollection(UTC);
    data.addSeries(personal);
    data.addSeries(automated);
    DateAxis x = new DateAxis(null, UTC, Locale.US);
    SimpleDateFormat fmt = new SimpleDateFormat("MMM yy", Locale.US);
    fmt.setTimeZone(UTC);
    x.setDateFormatOverride(fmt);
    int months = f.data().touchesPerMonth().size();
    x.setTickUnit(new DateTickUnit(DateTickUnitType.MONTH, months > 12 ? 3 : 1));
    NumberAxis y = new NumberAxis("Outbound touches per month");
    y.setNumberFormatOverride(new DecimalFormat("#,##0"));
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
    r.setSeriesPaint(0, ChartTheme.PERSONAL);
    r.setSeriesPaint(1, ChartTheme.AUTOMATED);
    for (int i = 0; i < 2; i++) {
      r.setSeriesStroke(i, new BasicStroke(3f));
      r.setSeriesShape(i, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
    }
    XYPlot plot = new XYPlot(data, x, y, r);
    JFreeChart chart = new JFreeChart(null, ChartTheme.TITLE, plot, true);
    String title = w.touchesTitle(trend.get());
    return Optional.of(
        new Chart(
            TOUCHES,
            title,
            "Outbound touches per calendar month, as classified by rapport: personal (a person"
                + " engaged with this customer) and automated (templates, campaigns,"
                + " rule-triggered messages). Months completed before the as-of date, in "
                + f.data().facts().timeZone()
                + " time.",
            ChartTheme.apply(
                chart, title, "Outbound touches per month, last " + months + " complete months")));
  }

  /**
   * The distribution of relationship scores in ten bands: two stacked series, the weak bands (below
   * 40) and the rest, so that each band's total is its customer count.
   */
  static Optional<Chart> scores(Findings f, Words w) {
    Optional<ScoreSummary> summary = f.scores();
    if (summary.isEmpty()) {
      return Optional.empty();
    }
    ScoreSummary s = summary.get();
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (int b = 0; b < 10; b++) {
      String band = (b * 10) + "–" + (b == 9 ? 100 : b * 10 + 9);
      data.addValue(b < 4 ? s.bands()[b] : 0, "Weak (below 40)", band);
      data.addValue(b < 4 ? 0 : s.bands()[b], "40 and above", band);
    }
    CategoryAxis x = new CategoryAxis("Relationship score (0–100)");
    NumberAxis y = new NumberAxis("Customers");
    y.setNumberFormatOverride(new DecimalFormat("#,##0"));
    StackedBarRenderer r = new StackedBarRenderer();
    r.setSeriesPaint(0, ChartTheme.WEAK);
    r.setSeriesPaint(1, ChartTheme.NEUTRAL);
    CategoryPlot plot = new CategoryPlot(data, x, y, r);
    JFreeChart chart = new JFreeChart(null, ChartTheme.TITLE, plot, true);
    String title = w.scoresTitle(s);
    return Optional.of(
        new Chart(
            SCORES,
            title,
            "Customers by relationship score (0–100, calibrated to the chance of being retained"
                + " over the horizon). Mean "
                + String.format(Locale.ROOT, "%.0f", s.meanScore())
                + "; mean personal index "
                + String.format(Locale.ROOT, "%.0f", s.meanPersonalIndex())
                + " and automated index "
                + String.format(Locale.ROOT, "%.0f", s.meanAutomatedIndex())
                + ".",
            ChartTheme.apply(
                chart,
                title,
                "Relationship score distribution; n = " + Fmt.count(s.n()) + " customers")));
  }

  /**
   * This week's outreach per rep, side by side: customers to contact against weekly capacity, and
   * the expected value kept. The reps with the most value kept come first.
   */
  static Optional<Chart> outreach(Findings f, Words w) {
    Optional<OutreachTotals> totals = f.outreach();
    if (totals.isEmpty()) {
      return Optional.empty();
    }
    List<RepOutreach> reps = new ArrayList<>(f.data().outreach());
    reps.sort(
        Comparator.comparingDouble(RepOutreach::valueKept)
            .reversed()
            .thenComparing(RepOutreach::repId));
    List<RepOutreach> shown = reps.subList(0, Math.min(MAX_REPS, reps.size()));
    DefaultCategoryDataset load = new DefaultCategoryDataset();
    DefaultCategoryDataset value = new DefaultCategoryDataset();
    for (RepOutreach r : shown) {
      String rep = r.repId() + (r.team() == null ? "" : " (" + r.team() + ")");
      load.addValue(r.customers(), "Customers to contact", rep);
      if (r.capacity() != null) {
        load.addValue(r.capacity(), "Weekly capacity", rep);
      }
      value.addValue(r.valueKept(), "Expected value kept", rep);
    }
    CombinedDomainCategoryPlot plot = new CombinedDomainCategoryPlot(new CategoryAxis(null));
    plot.setGap(24);

    NumberAxis loadAxis = new NumberAxis("Customers this week");
    BarRenderer loadBars = new BarRenderer();
    loadBars.setSeriesPaint(0, ChartTheme.NEUTRAL);
    loadBars.setSeriesPaint(1, new Color(0xC8D3E6));
    CategoryPlot left = new CategoryPlot(load, null, loadAxis, loadBars);
    left.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
    ChartTheme.category(left);

    String currency = f.currency();
    NumberAxis valueAxis =
        new NumberAxis("Expected value kept" + (currency.isEmpty() ? "" : " (" + currency + ")"));
    valueAxis.setNumberFormatOverride(new DecimalFormat("#,##0"));
    BarRenderer valueBars = new BarRenderer();
    valueBars.setSeriesPaint(0, ChartTheme.PERSONAL);
    valueBars.setDefaultItemLabelGenerator(
        new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("#,##0")));
    valueBars.setDefaultItemLabelsVisible(true);
    valueBars.setDefaultItemLabelFont(ChartTheme.TICK);
    valueBars.setDefaultPositiveItemLabelPosition(
        new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
    valueAxis.setUpperMargin(0.2);
    CategoryPlot right = new CategoryPlot(value, null, valueAxis, valueBars);
    right.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
    ChartTheme.category(right);

    plot.add(left, 1);
    plot.add(right, 1);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    JFreeChart chart = new JFreeChart(null, ChartTheme.TITLE, plot, true);
    ChartTheme.category(plot);
    OutreachTotals o = totals.get();
    String title = w.outreachTitle(o);
    int height = Math.max(ChartTheme.HEIGHT, 200 + 30 * shown.size());
    String more =
        reps.size() > shown.size()
            ? " The " + MAX_REPS + " reps with the most value kept are shown."
            : "";
    return Optional.of(
        new Chart(
            OUTREACH,
            title,
            "Per rep: customers on this week's list against the rep's weekly capacity, and the"
                + " expected value kept by one personal touch each (risk × value × the estimated"
                + " effect of a touch)."
                + more,
            ChartTheme.apply(
                chart,
                title,
                "Outreach this week per rep; "
                    + Fmt.count(o.customers())
                    + " customers, "
                    + o.handoffs()
                    + " handed over from departed reps"),
            ChartTheme.WIDTH,
            height));
  }

  /** The share of each input's rows that was quarantined, with its tolerance as a line. */
  static Optional<Chart> quality(Findings f, Words w) {
    Optional<QualityTotals> totals = f.quality();
    if (totals.isEmpty()) {
      return Optional.empty();
    }
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    TreeSet<Double> tolerances = new TreeSet<>();
    double top = 0;
    for (InputQuality q : f.data().quality()) {
      String label = q.input() + " (" + Fmt.count(q.rowsRead()) + " rows)";
      if (q.rowsRead() == 0) {
        label = q.input() + " (derived)";
      }
      data.addValue(q.badShare(), "Quarantined share", label);
      if (q.rowsRead() > 0) {
        tolerances.add(q.maxBadShare());
      }
      top = Math.max(top, q.badShare());
    }
    CategoryAxis x = new CategoryAxis(null);
    NumberAxis y = new NumberAxis("Rows quarantined (share of rows read)");
    y.setNumberFormatOverride(new DecimalFormat("0.0%"));
    double maxTol = tolerances.isEmpty() ? 0 : tolerances.last();
    y.setRange(0, Math.max(top, maxTol) * 1.25 + 1e-4);
    BarRenderer r = new BarRenderer();
    r.setSeriesPaint(0, ChartTheme.NEUTRAL);
    r.setDefaultItemLabelGenerator(
        new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("0.00%")));
    r.setDefaultItemLabelsVisible(true);
    r.setDefaultItemLabelFont(ChartTheme.TICK);
    r.setDefaultPositiveItemLabelPosition(
        new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
    CategoryPlot plot = new CategoryPlot(data, x, y, r);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
    for (double t : tolerances) {
      ValueMarker m = new ValueMarker(t, ChartTheme.WARNING, new BasicStroke(2f));
      m.setLabel("tolerance " + Fmt.pct1(t));
      m.setLabelFont(ChartTheme.TICK);
      m.setLabelPaint(ChartTheme.WARNING);
      m.setLabelBackgroundColor(Color.WHITE);
      m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
      m.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
      plot.addRangeMarker(m, Layer.FOREGROUND);
    }
    JFreeChart chart = new JFreeChart(null, ChartTheme.TITLE, plot, false);
    QualityTotals q = totals.get();
    String title = w.qualityTitle(q);
    return Optional.of(
        new Chart(
            QUALITY,
            title,
            "Per input: the share of rows read that was quarantined (unparseable, duplicate,"
                + " unknown customer and the like), against the configured tolerance. Every"
                + " quarantined row is in quality/quarantine/ with its reason.",
            ChartTheme.apply(chart, title, "Data quality per input"),
            ChartTheme.WIDTH,
            Math.max(360, 180 + 60 * f.data().quality().size())));
  }
}
