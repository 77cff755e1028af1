package rapport.report;

import org.jfree.chart.JFreeChart;

/**
 * One chart of the report.
 *
 * @param name the file stem under charts/ (charts/NAME.png)
 * @param title the finding in words, also the chart's own title
 * @param caption how to read it, its n and its limits
 * @param chart the JFreeChart, whose dataset holds exactly the numbers drawn
 * @param width the size in pixels at scale 1
 * @param height the size in pixels at scale 1
 */
record Chart(String name, String title, String caption, JFreeChart chart, int width, int height) {
  Chart(String name, String title, String caption, JFreeChart chart) {
    this(name, title, caption, chart, ChartTheme.WIDTH, ChartTheme.HEIGHT);
  }

  byte[] png(double scale) {
    return ChartTheme.png(chart, width, height, scale);
  }
}
