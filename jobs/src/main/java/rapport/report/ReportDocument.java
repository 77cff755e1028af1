package rapport.report;

import java.util.List;

/**
 * The report's content, independent of its layout: the HTML and the PDF render the same document,
 * so that they say the same thing. All text is plain text; the renderers escape it.
 *
 * @param title the report's title
 * @param subtitle one line under the title: as-of date, customers, horizon
 * @param sections in reading order
 */
record ReportDocument(String title, String subtitle, List<Section> sections) {

  record Section(String id, String heading, List<Block> blocks) {}

  sealed interface Block permits Lead, Paragraph, Bullets, Table, Figure {}

  /** The headline findings: larger type, a list. */
  record Lead(List<String> items) implements Block {}

  record Paragraph(String text) implements Block {}

  record Bullets(List<String> items) implements Block {}

  /**
   * A table.
   *
   * @param numeric per column: right-aligned numbers
   */
  record Table(List<String> header, List<List<String>> rows, List<Boolean> numeric)
      implements Block {}

  /** A chart, its finding as title and its caption. */
  record Figure(Chart chart) implements Block {}
}
