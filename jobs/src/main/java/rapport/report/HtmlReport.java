package rapport.report;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import rapport.report.ReportDocument.Block;
import rapport.report.ReportDocument.Bullets;
import rapport.report.ReportDocument.Figure;
import rapport.report.ReportDocument.Lead;
import rapport.report.ReportDocument.Paragraph;
import rapport.report.ReportDocument.Section;
import rapport.report.ReportDocument.Table;

/**
 * The report as one self-contained HTML file: styles inline, charts as data: URIs, no scripts and
 * no external requests, and a Content-Security-Policy that forbids anything else. Every piece of
 * text is escaped.
 */
final class HtmlReport {
  private HtmlReport() {}

  static final String CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

  private static final String STYLE =
      """
      body{margin:0;background:#f5f6f7;color:#202124;font:16px/1.5 "DejaVu Sans",Helvetica,Arial,sans-serif}
      main{max-width:1040px;margin:0 auto;background:#fff;padding:32px 40px 48px}
      h1{font-size:28px;margin:0 0 4px}
      .sub{color:#5f6368;margin:0 0 16px}
      nav{font-size:14px;border-bottom:1px solid #e0e0e0;padding-bottom:12px;margin-bottom:8px}
      nav a{color:#155e75;margin-right:14px;text-decoration:none}
      h2{font-size:21px;margin:36px 0 10px;padding-top:8px;border-top:3px solid #1b7f5f}
      ul.lead{font-size:17px;padding-left:22px}
      ul.lead li{margin:0 0 10px}
      figure{margin:18px 0 24px}
      figure img{width:100%;height:auto;border:1px solid #e0e0e0}
      figcaption{color:#5f6368;font-size:14px;margin-top:6px}
      table{border-collapse:collapse;width:100%;font-size:14px;margin:10px 0 18px}
      th{background:#eef3f1;text-align:left;font-weight:600}
      th,td{border-bottom:1px solid #e0e0e0;padding:5px 8px;vertical-align:top}
      td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
      @media print{body{background:#fff}main{padding:0;max-width:none}figure{break-inside:avoid}}
      """;

  /**
   * @param pngs the chart images by chart name, embedded as data: URIs
   */
  static String render(ReportDocument doc, Map<String, byte[]> pngs) {
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
        .append(esc(CSP))
        .append("\">\n");
    h.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.append("<meta name=\"referrer\" content=\"no-referrer\">\n");
    h.append("<title>").append(esc(doc.title() + " — " + doc.subtitle())).append("</title>\n");
    h.append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n<main>\n");
    h.append("<h1>").append(esc(doc.title())).append("</h1>\n");
    h.append("<p class=\"sub\">").append(esc(doc.subtitle())).append("</p>\n<nav>");
    for (Section s : doc.sections()) {
      h.append("<a href=\"#").append(esc(s.id())).append("\">").append(esc(s.heading()));
      h.append("</a>");
    }
    h.append("</nav>\n");
    for (Section s : doc.sections()) {
      h.append("<section id=\"").append(esc(s.id())).append("\">\n<h2>");
      h.append(esc(s.heading())).append("</h2>\n");
      for (Block b : s.blocks()) {
        block(h, b, pngs);
      }
      h.append("</section>\n");
    }
    h.append("</main>\n</body>\n</html>\n");
    return h.toString();
  }

  private static void block(StringBuilder h, Block b, Map<String, byte[]> pngs) {
    if (b instanceof Lead l) {
      list(h, "lead", l.items());
    } else if (b instanceof Paragraph p) {
      h.append("<p>").append(esc(p.text())).append("</p>\n");
    } else if (b instanceof Bullets l) {
      list(h, null, l.items());
    } else if (b instanceof Table t) {
      table(h, t);
    } else if (b instanceof Figure f) {
      Chart c = f.chart();
      h.append("<figure>\n<img alt=\"").append(esc(c.title())).append("\" width=\"");
      h.append(c.width()).append("\" height=\"").append(c.height());
      h.append("\" src=\"data:image/png;base64,");
      h.append(Base64.getEncoder().encodeToString(pngs.get(c.name())));
      h.append("\">\n<figcaption>").append(esc(c.caption())).append("</figcaption>\n");
      h.append("</figure>\n");
    }
  }

  private static void list(StringBuilder h, String cls, List<String> items) {
    h.append(cls == null ? "<ul>\n" : "<ul class=\"" + cls + "\">\n");
    for (String i : items) {
      h.append("<li>").append(esc(i)).append("</li>\n");
    }
    h.append("</ul>\n");
  }

  private static void table(StringBuilder h, Table t) {
    h.append("<table>\n");
    boolean header = t.header().stream().anyMatch(s -> !s.isEmpty());
    if (header) {
      h.append("<thead><tr>");
      for (int i = 0; i < t.header().size(); i++) {
        h.append(t.numeric().get(i) ? "<th class=\"n\">" : "<th>");
        h.append(esc(t.header().get(i))).append("</th>");
      }
      h.append("</tr></thead>\n");
    }
    h.append("<tbody>\n");
    for (List<String> row : t.rows()) {
      h.append("<tr>");
      for (int i = 0; i < row.size(); i++) {
        h.append(t.numeric().get(i) ? "<td class=\"n\">" : "<td>");
        h.append(esc(row.get(i))).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</tbody>\n</table>\n");
  }

  /** Escapes text for HTML content and double-quoted attributes. */
  static String esc(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
