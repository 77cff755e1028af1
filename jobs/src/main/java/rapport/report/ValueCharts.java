package rapport.report;

import java.text.DecimalFormat;
import java.util.Locale;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import rapport.report.ReportData.CustomerValue;

/** The customer-value chart: how likely each customer is still buying (BG/NBD P(alive)). */
final class ValueCharts {
  private ValueCharts() {}

  static final String P_ALIVE = "p-alive-distribution";
  static final String LIKELY_GONE = "Likely gone (below 50%)";
  static final String LIKELY_ACTIVE = "Likely active (50% and above)";

  /** Customers per tenth of P(alive), the bands below one half in their own colour. */
  static Optional<Chart> pAlive(Findings f) {
    Optional<CustomerValue> value = f.customerValue();
    if (value.isEmpty()) {
      return Optional.empty();
    }
    CustomerValue v = value.get();
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (int b = 0; b < 10; b++) {
      String band = (b * 10) + "–" + (b + 1) * 10 + "%";
      data.addValue(b < 5 ? v.pAliveBands()[b] : 0, LIKELY_GONE, band);
      data.addValue(b < 5 ? 0 : v.pAliveBands()[b], LIKELY_ACTIVE, band);
    }
    CategoryAxis x = new CategoryAxis("Probability the customer is still buying (BG/NBD P(alive))");
    NumberAxis y = new NumberAxis("Customers");
    y.setNumberFormatOverride(new DecimalFormat("#,##0"));
    StackedBarRenderer r = new StackedBarRenderer();
    r.setSeriesPaint(0, ChartTheme.WEAK);
    r.setSeriesPaint(1, ChartTheme.NEUTRAL);
    CategoryPlot plot = new CategoryPlot(data, x, y, r);
    JFreeChart chart = new JFreeChart(null, ChartTheme.TITLE, plot, true);
    String title =
        Fmt.count(v.likelyGone())
            + " of "
            + Fmt.count(v.n())
            + " customers ("
            + Fmt.pct((double) v.likelyGone() / v.n())
            + ") are more likely gone than still buying";
    return Optional.of(
        new Chart(
            P_ALIVE,
            title,
            "Customers by the BG/NBD probability that they are still buying, from how often and"
                + " how recently each one ordered. "
                + String.format(
                    Locale.ROOT,
                    "Expected value over the horizon %s, of which %s at risk of lapsing.",
                    Fmt.money(v.expectedValue(), f.currency()),
                    Fmt.money(v.expectedValueAtRisk(), f.currency())),
            ChartTheme.apply(
                chart, title, "P(alive) distribution; n = " + Fmt.count(v.n()) + " customers")));
  }
}
