package rapport.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.title.Title;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/**
 * The one look of every chart: white ground, the logical SansSerif font (DejaVu Sans on Debian,
 * from fonts-dejavu-core), a title that states the finding, flat bars, light grid lines, one colour
 * per kind of touch, rendered headless to PNG.
 */
final class ChartTheme {
  private ChartTheme() {}

  static {
    // Charts are drawn off screen; without this a machine with no display fails in AWT.
    System.setProperty("java.awt.headless", "true");
  }

  /** Size of a chart in the HTML report and under charts/, in pixels. */
  static final int WIDTH = 1000;

  static final int HEIGHT = 560;

  static final Color PERSONAL = new Color(0x1B7F5F);
  static final Color AUTOMATED = new Color(0xD9822B);
  static final Color INBOUND = new Color(0x4C6FA8);
  static final Color NONE = new Color(0x9AA0A6);
  static final Color BOTH = new Color(0x155E75);
  static final Color NEUTRAL = new Color(0x4C6FA8);
  static final Color WARNING = new Color(0xB3261E);
  static final Color WEAK = new Color(0xC8553D);
  static final Color TEXT = new Color(0x202124);
  static final Color MUTED = new Color(0x5F6368);
  static final Color GRID = new Color(0xE0E0E0);

  private static final String FAMILY = Font.SANS_SERIF;
  static final Font TITLE = new Font(FAMILY, Font.BOLD, 21);
  static final Font SUBTITLE = new Font(FAMILY, Font.PLAIN, 14);
  static final Font LABEL = new Font(FAMILY, Font.PLAIN, 15);
  static final Font TICK = new Font(FAMILY, Font.PLAIN, 14);
  static final Font ITEM = new Font(FAMILY, Font.BOLD, 14);
  static final Font BIG_ITEM = new Font(FAMILY, Font.BOLD, 20);

  /** The colour of a touch-mix segment. */
  static Color segment(String code) {
    return switch (code) {
      case "none" -> NONE;
      case "automated_only" -> AUTOMATED;
      case "personal_only" -> PERSONAL;
      case "both" -> BOTH;
      default -> NEUTRAL;
    };
  }

  /** A sequence of distinguishable colours for segments without a touch-mix colour. */
  static Color series(int i) {
    Color[] c = {
      new Color(0xB3D4C7), new Color(0x7DB8A3), new Color(0x3F9A7C), PERSONAL, new Color(0x0E4D38)
    };
    return c[Math.min(i, c.length - 1)];
  }

  /** Applies the look to a chart and gives it its finding as title and a subtitle. */
  static JFreeChart apply(JFreeChart chart, String finding, String subtitle) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    chart.setPadding(new RectangleInsets(12, 16, 12, 20));
    TextTitle title = new TextTitle(finding, TITLE);
    title.setPaint(TEXT);
    title.setHorizontalAlignment(HorizontalAlignment.LEFT);
    title.setTextAlignment(HorizontalAlignment.LEFT);
    title.setMargin(0, 0, 4, 0);
    chart.setTitle(title);
    if (subtitle != null) {
      TextTitle sub = new TextTitle(subtitle, SUBTITLE);
      sub.setPaint(MUTED);
      sub.setHorizontalAlignment(HorizontalAlignment.LEFT);
      sub.setMargin(0, 0, 10, 0);
      chart.addSubtitle(0, sub);
    }
    for (int i = 0; i < chart.getSubtitleCount(); i++) {
      Title t = chart.getSubtitle(i);
      if (t instanceof LegendTitle legend) {
        legend.setItemFont(TICK);
        legend.setFrame(BlockBorder.NONE);
        legend.setBackgroundPaint(Color.WHITE);
        legend.setPosition(RectangleEdge.TOP);
        legend.setHorizontalAlignment(HorizontalAlignment.LEFT);
      }
    }
    Plot plot = chart.getPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlineVisible(false);
    plot.setInsets(new RectangleInsets(4, 4, 4, 12));
    if (plot instanceof XYPlot xy) {
      xy.setDomainGridlinePaint(GRID);
      xy.setRangeGridlinePaint(GRID);
      xy.setDomainGridlineStroke(new BasicStroke(1f));
      xy.setRangeGridlineStroke(new BasicStroke(1f));
      for (int i = 0; i < xy.getDomainAxisCount(); i++) {
        axis(xy.getDomainAxis(i));
      }
      for (int i = 0; i < xy.getRangeAxisCount(); i++) {
        axis(xy.getRangeAxis(i));
      }
      for (int i = 0; i < xy.getRendererCount(); i++) {
        if (xy.getRenderer(i) instanceof XYBarRenderer bars) {
          bars.setBarPainter(new StandardXYBarPainter());
          bars.setShadowVisible(false);
        }
      }
    } else if (plot instanceof CategoryPlot cat) {
      category(cat);
    }
    return chart;
  }

  static void category(CategoryPlot cat) {
    cat.setBackgroundPaint(Color.WHITE);
    cat.setOutlineVisible(false);
    cat.setRangeGridlinePaint(GRID);
    cat.setRangeGridlineStroke(new BasicStroke(1f));
    cat.setDomainGridlinesVisible(false);
    axis(cat.getDomainAxis());
    for (int i = 0; i < cat.getRangeAxisCount(); i++) {
      axis(cat.getRangeAxis(i));
    }
    if (cat.getRenderer() instanceof BarRenderer bars) {
      bars.setBarPainter(new StandardBarPainter());
      bars.setShadowVisible(false);
      bars.setDrawBarOutline(false);
      bars.setItemMargin(0.05);
    }
  }

  private static void axis(Axis a) {
    if (a == null) {
      return;
    }
    a.setLabelFont(LABEL);
    a.setLabelPaint(MUTED);
    a.setTickLabelFont(TICK);
    a.setTickLabelPaint(TEXT);
    a.setAxisLinePaint(MUTED);
    a.setTickMarkPaint(MUTED);
    if (a instanceof CategoryAxis c) {
      c.setCategoryMargin(0.25);
      c.setMaximumCategoryLabelLines(2);
    }
    if (a instanceof ValueAxis v) {
      v.setTickMarkOutsideLength(3);
    }
  }

  /** The chart as PNG bytes at {@code scale} times its size (2 for print). */
  static byte[] png(JFreeChart chart, int width, int height, double scale) {
    int w = (int) Math.round(width * scale);
    int h = (int) Math.round(height * scale);
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, w, h);
      g.scale(scale, scale);
      chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
