package rapport.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardXYItemLabelGenerator;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XIntervalSeries;
import org.jfree.data.xy.XIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import rapport.report.Findings.Hazard;
import rapport.report.ReportData.CalibrationBin;
import rapport.report.ReportData.CurvePoint;
import rapport.report.ReportData.Segment;
import rapport.schema.ReportInputs;

/** The charts of the retention link: touch mix, survival, hazard ratios, calibration. */
final class RetentionCharts {
  private RetentionCharts() {}

  static final String MIX = "retention-by-touch-mix";
  static final String SURVIVAL = "survival-by-touch-mix";
  static final String SURVIVAL_BANDS = "survival-by-personal-index";
  static final String FOREST = "hazard-ratios";
  static final String CALIBRATION = "backtest-calibration";

  private static final NumberFormat PERCENT = new DecimalFormat("0%");

  /**
   * Retention by touch mix: a bar per segment at its rate, with its Wilson 95% interval. Dataset 0
   * holds the bars (one series per segment), dataset 1 the intervals.
   */
  static Optional<Chart> touchMix(Findings f, Words w) {
    List<Segment> segs = ordered(f.segments(ReportInputs.TOUCH_MIX));
    Optional<Findings.MixRetention> mix = f.mixRetention();
    if (segs.isEmpty() || mix.isEmpty()) {
      return Optional.empty();
    }
    XYSeriesCollection bars = new XYSeriesCollection();
    bars.setIntervalWidth(0.6);
    YIntervalSeries interval = new YIntervalSeries("95% interval");
    String[] labels = new String[segs.size()];
    for (int i = 0; i < segs.size(); i++) {
      Segment s = segs.get(i);
      XYSeries one = new XYSeries(Labels.segment(s.segment()));
      // a segment without customers has no rate: no bar, and its label says so
      if (s.n() > 0) {
        one.add(i, s.rate());
        interval.add(i, s.rate(), s.lower95(), s.upper95());
      }
      bars.addSeries(one);
      labels[i] =
          Labels.segment(s.segment())
              + (s.n() > 0 ? " (n = " + Fmt.count(s.n()) + ")" : " (no customers)");
    }
    YIntervalSeriesCollection intervals = new YIntervalSeriesCollection();
    intervals.addSeries(interval);

    SymbolAxis x = new SymbolAxis(null, labels);
    x.setGridBandsVisible(false);
    NumberAxis y = percentAxis(Labels.retained(f.data().contractBased()) + " over the horizon");
    XYBarRenderer barRenderer = new XYBarRenderer();
    for (int i = 0; i < segs.size(); i++) {
      barRenderer.setSeriesPaint(i, ChartTheme.segment(segs.get(i).segment()));
    }
    barRenderer.setDefaultItemLabelGenerator(
        new StandardXYItemLabelGenerator("{2}", NumberFormat.getInstance(), Fmt.PERCENT));
    barRenderer.setDefaultItemLabelsVisible(true);
    barRenderer.setDefaultItemLabelFont(ChartTheme.ITEM);
    barRenderer.setDefaultItemLabelPaint(Color.WHITE);
    barRenderer.setDefaultItemLabelFont(ChartTheme.BIG_ITEM);
    barRenderer.setDefaultPositiveItemLabelPosition(
        new ItemLabelPosition(ItemLabelAnchor.CENTER, TextAnchor.CENTER));
    XYPlot plot = new XYPlot(bars, x, y, barRenderer);
    plot.setDataset(1, intervals);
    plot.setRenderer(1, whiskers(ChartTheme.TEXT));
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    plot.setDomainGridlinesVisible(false);
    JFreeChart chart = new JFreeChart(null, ChartTheme.TITLE, plot, false);
    Findings.MixRetention m = mix.get();
    return Optional.of(
        new Chart(
            MIX,
            w.mixTitle(m),
            "Share of customers who "
                + Labels.retainedVerb(f.data().contractBased())
                + " over the "
                + f.data().facts().horizonDays()
                + "-day horizon, by the kinds of touch they had before it. Bars show the rate,"
                + " whiskers its Wilson 95% interval. Observational: customers who get personal"
                + " touches differ in other ways too.",
            ChartTheme.apply(
                chart,
                w.mixTitle(m),
                "Retention by touch mix, 95% intervals; n = "
                    + Fmt.count(segs.stream().mapToLong(Segment::n).sum())
                    + " customers")));
  }

  /**
   * Kaplan–Meier curves of one segment kind: one step series per segment, starting at (0, 1).
   * Legend entries carry the segment's n where the segments table gives it.
   */
  static Optional<Chart> survival(Findings f, String kind) {
    Map<String, List<CurvePoint>> bySegment = new LinkedHashMap<>();
    for (CurvePoint p : f.data().curves()) {
      if (p.kind().equals(kind)) {
        bySegment.computeIfAbsent(p.segment(), k -> new ArrayList<>()).add(p);
      }
    }
    if (bySegment.isEmpty()) {
      return Optional.empty();
    }
    List<String> order = new ArrayList<>(bySegment.keySet());
    if (kind.equals(ReportInputs.TOUCH_MIX)) {
      order.sort(java.util.Comparator.comparingInt(Labels.MIX_ORDER::indexOf));
    }
    double common = Double.MAX_VALUE;
    for (List<CurvePoint> pts : bySegment.values()) {
      common = Math.min(common, pts.get(pts.size() - 1).timeDays());
    }
    boolean mixKind = kind.equals(ReportInputs.TOUCH_MIX);
    // Contracts: S(t) is the share still under contract. Purchases: the event is the next order,
    // so S(t) is the share that has not ordered again; the chart shows 1 - S(t), which ends at the
    // retention rate.
    boolean contracts = f.data().contractBased();
    DoubleUnaryOperator shown = v -> contracts ? v : 1 - v;
    XYSeriesCollection data = new XYSeriesCollection();
    XYStepRenderer r = new XYStepRenderer();
    List<String> atCommon = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      String seg = order.get(i);
      String label = mixKind ? Labels.segment(seg) : Labels.band(seg);
      XYSeries s = new XYSeries(label + sizeOf(f, kind, seg), true, false);
      List<CurvePoint> pts = bySegment.get(seg);
      if (pts.get(0).timeDays() > 0) {
        s.add(0, shown.applyAsDouble(1.0));
      }
      for (CurvePoint p : pts) {
        s.add(p.timeDays(), shown.applyAsDouble(p.survival()));
      }
      data.addSeries(s);
      r.setSeriesPaint(
          i,
          kind.equals(ReportInputs.TOUCH_MIX)
              ? ChartTheme.segment(seg)
              : ChartTheme.series(i * 4 / Math.max(1, order.size() - 1)));
      r.setSeriesStroke(i, new BasicStroke(3f));
      atCommon.add(
          (mixKind ? label.toLowerCase(Locale.ROOT) : label)
              + " "
              + Fmt.pct(shown.applyAsDouble(at(pts, common))));
    }
    NumberAxis x = new NumberAxis("Days since the start of the window");
    x.setAutoRangeIncludesZero(true);
    NumberAxis y = percentAxis(contracts ? "Still under contract" : "Ordered again");
    XYPlot plot = new XYPlot(data, x, y, r);
    JFreeChart chart = new JFreeChart(null, ChartTheme.TITLE, plot, true);
    String title =
        (contracts ? "Still under contract after " : "Ordered again within ")
            + Fmt.days(common)
            + ": "
            + String.join(", ", atCommon);
    boolean mix = kind.equals(ReportInputs.TOUCH_MIX);
    return Optional.of(
        new Chart(
            mix ? SURVIVAL : SURVIVAL_BANDS,
            title,
            (contracts
                    ? "Kaplan–Meier estimate of the share still under contract, by "
                    : "Kaplan–Meier estimate of the share that has ordered again since the"
                        + " start of the window, by ")
                + (mix ? "touch mix" : "personal-index band")
                + (contracts
                    ? ". A steeper fall means customers leave sooner."
                    : ". A steeper rise means customers come back sooner.")
                + " Curves end where the follow-up ends.",
            ChartTheme.apply(
                chart,
                title,
                "Kaplan–Meier survival by " + (mix ? "touch mix" : "personal-index band"))));
  }

  private static String sizeOf(Findings f, String kind, String seg) {
    return f.segments(kind).stream()
        .filter(s -> s.segment().equals(seg))
        .findFirst()
        .map(s -> " (n = " + Fmt.count(s.n()) + ")")
        .orElse("");
  }

  private static double at(List<CurvePoint> pts, double t) {
    double s = 1;
    for (CurvePoint p : pts) {
      if (p.timeDays() <= t) {
        s = p.survival();
      }
    }
    return s;
  }

  /**
   * The forest plot: one series per Cox covariate, its hazard ratio with its 95% interval on a log
   * scale, the first covariate on top, a line at 1 (no change).
   */
  static Optional<Chart> forest(Findings f, Words w) {
    List<Hazard> hs = f.hazards();
    if (hs.isEmpty()) {
      return Optional.empty();
    }
    XIntervalSeriesCollection data = new XIntervalSeriesCollection();
    String[] labels = new String[hs.size()];
    XYErrorRenderer r = new XYErrorRenderer();
    r.setDrawYError(false);
    r.setDefaultLinesVisible(false);
    r.setDefaultShapesVisible(true);
    r.setErrorStroke(new BasicStroke(2.5f));
    r.setCapLength(8);
    double lo = 1;
    double hi = 1;
    List<XYTextAnnotation> notes = new ArrayList<>();
    for (int i = 0; i < hs.size(); i++) {
      Hazard h = hs.get(i);
      int yPos = hs.size() - 1 - i;
      XIntervalSeries s = new XIntervalSeries(Labels.term(h.term()).label());
      s.add(h.hr(), h.lower(), h.upper(), yPos);
      data.addSeries(s);
      labels[yPos] = Labels.term(h.term()).label();
      Color c =
          h.term().startsWith("personal")
              ? ChartTheme.PERSONAL
              : h.term().startsWith("automated") ? ChartTheme.AUTOMATED : ChartTheme.MUTED;
      r.setSeriesPaint(i, c);
      r.setSeriesShape(i, new Ellipse2D.Double(-6, -6, 12, 12));
      lo = Math.min(lo, h.lower());
      hi = Math.max(hi, h.upper());
      XYTextAnnotation note =
          new XYTextAnnotation(
              "  " + Fmt.ratio(h.hr()) + " (" + Fmt.ratioRange(h.lower(), h.upper()) + ")",
              h.upper(),
              yPos);
      note.setFont(ChartTheme.TICK);
      note.setPaint(ChartTheme.TEXT);
      note.setTextAnchor(TextAnchor.CENTER_LEFT);
      notes.add(note);
    }
    r.setErrorPaint(null);
    NumberAxis x = new NumberAxis("Hazard ratio of lapsing: below 1 means a lower risk");
    x.setNumberFormatOverride(new DecimalFormat("0.0#"));
    double pad = (hi - lo) * 0.08;
    x.setRange(Math.max(0, lo - pad), hi + (hi - lo) * 0.45);
    SymbolAxis y = new SymbolAxis(null, labels);
    y.setGridBandsVisible(false);
    y.setRange(-0.7, hs.size() - 0.3);
    XYPlot plot = new XYPlot(data, x, y, r);
    plot.setRangeGridlinesVisible(false);
    ValueMarker one = new ValueMarker(1.0, ChartTheme.MUTED, new BasicStroke(1.5f));
    plot.addDomainMarker(one);
    notes.forEach(plot::addAnnotation);
    JFreeChart chart = new JFreeChart(null, ChartTheme.TITLE, plot, false);
    Hazard head = f.hazard(Findings.personalTerm()).orElse(hs.get(0));
    String title =
        head.term().equals(Findings.personalTerm())
            ? w.forestTitle(head)
            : "Hazard ratios of lapsing, adjusted for each other";
    Long n = head.n();
    return Optional.of(
        new Chart(
            FOREST,
            title,
            "Cox proportional-hazards model ("
                + f.coxModel().orElse("cox")
                + "): the change in the risk of lapsing for one more unit of each factor, the"
                + " others held equal, with 95% intervals. An interval that crosses 1 shows no"
                + " clear link. Observational, not causal.",
            ChartTheme.apply(
                chart,
                title,
                "Hazard ratios with 95% intervals"
                    + (n == null ? "" : "; n = " + Fmt.count(n) + " customers"))));
  }

  /**
   * Backtest calibration: observed retention against the mean prediction per bin, with the observed
   * rate's 95% interval (dataset 0) and the diagonal of perfect calibration (dataset 1).
   */
  static Optional<Chart> calibration(Findings f, Words w) {
    List<CalibrationBin> bins = f.calibration();
    if (bins.isEmpty()) {
      return Optional.empty();
    }
    YIntervalSeries obs = new YIntervalSeries("Observed retention (95% interval)");
    long n = 0;
    for (CalibrationBin b : bins) {
      obs.add(b.meanPredicted(), b.observed(), b.lower95(), b.upper95());
      n += b.n();
    }
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    data.addSeries(obs);
    XYSeries diagonal = new XYSeries("Perfect calibration");
    diagonal.add(0, 0);
    diagonal.add(1, 1);
    XYErrorRenderer r = whiskers(ChartTheme.NEUTRAL);
    r.setDefaultShapesVisible(true);
    r.setSeriesPaint(0, ChartTheme.NEUTRAL);
    r.setSeriesShape(0, new Ellipse2D.Double(-6, -6, 12, 12));
    NumberAxis x = percentAxis("Predicted retention (mean of the bin)");
    NumberAxis y = percentAxis("Observed retention");
    XYPlot plot = new XYPlot(data, x, y, r);
    XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
    line.setSeriesPaint(0, ChartTheme.MUTED);
    line.setSeriesStroke(
        0,
        new BasicStroke(
            1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 6f}, 0f));
    plot.setDataset(1, new XYSeriesCollection(diagonal));
    plot.setRenderer(1, line);
    JFreeChart chart = new JFreeChart(null, ChartTheme.TITLE, plot, true);
    String title =
        w.calibrationTitle(f.worstCalibrationGap().orElse(0.0), f.backtest().orElse(null));
    return Optional.of(
        new Chart(
            CALIBRATION,
            title,
            "The retention model trained at the start of the backtest window, checked against"
                + " what happened by the as-of date. Each point is one band of customers by"
                + " predicted retention; on the dashed line, prediction equals outcome.",
            ChartTheme.apply(
                chart,
                title,
                "Backtest calibration, "
                    + bins.size()
                    + " bands; n = "
                    + Fmt.count(n)
                    + " customers")));
  }

  private static List<Segment> ordered(List<Segment> segs) {
    List<Segment> out = new ArrayList<>(segs);
    out.sort(
        java.util.Comparator.comparingInt(
            (Segment s) -> {
              int i = Labels.MIX_ORDER.indexOf(s.segment());
              return i < 0 ? Integer.MAX_VALUE : i;
            }));
    return out;
  }

  private static XYErrorRenderer whiskers(Color c) {
    XYErrorRenderer r = new XYErrorRenderer();
    r.setDrawXError(false);
    r.setDefaultLinesVisible(false);
    r.setDefaultShapesVisible(false);
    r.setErrorPaint(c);
    r.setErrorStroke(new BasicStroke(2f));
    r.setCapLength(10);
    return r;
  }

  static NumberAxis percentAxis(String label) {
    NumberAxis a = new NumberAxis(label);
    a.setRange(0, 1);
    a.setTickUnit(new NumberTickUnit(0.1));
    a.setNumberFormatOverride(PERCENT);
    return a;
  }
}
