package rapport.report;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.List;
import com.lowagie.text.ListItem;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfDate;
import com.lowagie.text.pdf.PdfEncryption;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.GregorianCalendar;
import java.util.Map;
import java.util.TimeZone;
import javax.imageio.ImageIO;
import rapport.report.ReportDocument.Block;
import rapport.report.ReportDocument.Bullets;
import rapport.report.ReportDocument.Figure;
import rapport.report.ReportDocument.Lead;
import rapport.report.ReportDocument.Section;
import rapport.report.ReportDocument.Table;

/**
 * The report laid out for print with OpenPDF: A4, the built-in Helvetica (no font files needed),
 * charts at twice their screen resolution, a page footer. The dates and the file id are derived
 * from the run, not the clock, so a rerun writes the same bytes.
 */
final class PdfReport {
  private PdfReport() {}

  private static final Color TEXT = new Color(0x20, 0x21, 0x24);
  private static final Color MUTED = new Color(0x5F, 0x63, 0x68);
  private static final Color ACCENT = new Color(0x1B, 0x7F, 0x5F);
  private static final Color HEADER_FILL = new Color(0xEE, 0xF3, 0xF1);
  private static final Color RULE = new Color(0xE0, 0xE0, 0xE0);

  private static final Font TITLE = font(BaseFont.HELVETICA_BOLD, 20, TEXT);
  private static final Font SUB = font(BaseFont.HELVETICA, 10, MUTED);
  private static final Font H2 = font(BaseFont.HELVETICA_BOLD, 14, ACCENT);
  private static final Font BODY = font(BaseFont.HELVETICA, 9.5f, TEXT);
  private static final Font LEAD = font(BaseFont.HELVETICA, 10.5f, TEXT);
  private static final Font CAPTION = font(BaseFont.HELVETICA, 8.5f, MUTED);
  private static final Font CELL = font(BaseFont.HELVETICA, 8f, TEXT);
  private static final Font CELL_HEAD = font(BaseFont.HELVETICA_BOLD, 8f, TEXT);
  private static final Font FOOT = font(BaseFont.HELVETICA, 7.5f, MUTED);

  /**
   * A built-in font with the Windows-1252 encoding. Naming the base font keeps OpenPDF from
   * switching to its embedded fallback font for characters such as the bullet or the en dash, whose
   * subset name it draws at random.
   */
  private static Font font(String name, float size, Color color) {
    try {
      return new Font(
          BaseFont.createFont(name, BaseFont.CP1252, BaseFont.NOT_EMBEDDED),
          size,
          Font.UNDEFINED,
          color);
    } catch (DocumentException | IOException e) {
      throw new IllegalStateException("OpenPDF has no built-in font " + name, e);
    }
  }

  /** The PDF's bytes; {@code pngs2x} are the charts rendered at twice their size. */
  static byte[] render(ReportDocument doc, Map<String, byte[]> pngs2x, LocalDate asOf, String id) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Document pdf = new Document(PageSize.A4, 48, 48, 48, 54);
    try {
      PdfWriter writer = PdfWriter.getInstance(pdf, out);
      writer.setPageEvent(new Footer(text(doc.title() + " · as of " + asOf)));
      pdf.addTitle(text(doc.title()));
      pdf.addSubject(text(doc.subtitle()));
      pdf.addCreator("rapport");
      pdf.open();
      pinMetadata(writer, asOf, id);

      pdf.add(new Paragraph(text(doc.title()), TITLE));
      Paragraph sub = new Paragraph(text(doc.subtitle()), SUB);
      sub.setSpacingAfter(6);
      pdf.add(sub);
      for (Section s : doc.sections()) {
        // A heading never ends a page: start a new one when little room is left below it.
        if (writer.getVerticalPosition(true) - pdf.bottom() < 180) {
          pdf.newPage();
        }
        Paragraph h = new Paragraph(text(s.heading()), H2);
        h.setSpacingBefore(14);
        h.setSpacingAfter(6);
        h.setKeepTogether(true);
        pdf.add(h);
        for (Block b : s.blocks()) {
          pdf.add(block(b, pngs2x, pdf.getPageSize().getWidth() - 96));
        }
      }
      pdf.close();
    } catch (DocumentException | IOException e) {
      throw new IllegalStateException("cannot lay out the PDF report: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  private static Element block(Block b, Map<String, byte[]> pngs, float width)
      throws IOException, DocumentException {
    if (b instanceof Lead l) {
      return list(l.items(), LEAD, 5);
    } else if (b instanceof ReportDocument.Paragraph p) {
      Paragraph para = new Paragraph(text(p.text()), BODY);
      para.setLeading(13);
      para.setSpacingAfter(6);
      return para;
    } else if (b instanceof Bullets l) {
      return list(l.items(), BODY, 3);
    } else if (b instanceof Table t) {
      return table(t);
    } else if (b instanceof Figure f) {
      return figure(f.chart(), pngs.get(f.chart().name()), width);
    }
    throw new IllegalArgumentException("unknown block " + b);
  }

  private static Element list(java.util.List<String> items, Font font, float gap) {
    List list = new List(List.UNORDERED, 10);
    list.setListSymbol(new Chunk("\u2022", font));
    for (String i : items) {
      ListItem li = new ListItem(text(i), font);
      li.setLeading(font.getSize() * 1.35f);
      li.setSpacingAfter(gap);
      list.add(li);
    }
    Paragraph wrap = new Paragraph();
    wrap.add(list);
    wrap.setSpacingAfter(6);
    return wrap;
  }

  private static Element table(Table t) {
    PdfPTable table = new PdfPTable(t.header().size());
    table.setWidthPercentage(100);
    try {
      table.setWidths(widths(t));
    } catch (DocumentException e) {
      throw new IllegalStateException(e);
    }
    table.setSpacingBefore(4);
    table.setSpacingAfter(10);
    boolean header = t.header().stream().anyMatch(s -> !s.isEmpty());
    if (header) {
      for (int i = 0; i < t.header().size(); i++) {
        table.addCell(cell(t.header().get(i), CELL_HEAD, t.numeric().get(i), HEADER_FILL));
      }
      table.setHeaderRows(1);
    }
    for (java.util.List<String> row : t.rows()) {
      for (int i = 0; i < row.size(); i++) {
        table.addCell(cell(row.get(i), CELL, t.numeric().get(i), null));
      }
    }
    return table;
  }

  /**
   * Column widths in proportion to their longest cell and their header's longest word, so that
   * numbers and header words never break, within limits so that no column crowds out the others.
   */
  private static float[] widths(Table t) {
    float[] w = new float[t.header().size()];
    for (int i = 0; i < w.length; i++) {
      int longest = 0;
      for (String word : t.header().get(i).split(" ")) {
        longest = Math.max(longest, word.length());
      }
      for (java.util.List<String> row : t.rows()) {
        longest = Math.max(longest, row.get(i).length());
      }
      w[i] = Math.max(7, Math.min(40, longest + 1));
    }
    return w;
  }

  private static PdfPCell cell(String s, Font font, boolean numeric, Color fill) {
    PdfPCell c = new PdfPCell(new Phrase(text(s), font));
    c.setBorder(Rectangle.BOTTOM);
    c.setBorderColor(RULE);
    c.setPaddingTop(3);
    c.setPaddingBottom(4);
    c.setHorizontalAlignment(numeric ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT);
    if (fill != null) {
      c.setBackgroundColor(fill);
    }
    return c;
  }

  /** The chart and its caption kept together on one page. */
  private static Element figure(Chart chart, byte[] png, float width)
      throws IOException, DocumentException {
    Image img = Image.getInstance(pixels(png), null, false);
    float height = width * chart.height() / chart.width();
    float maxHeight = 620;
    if (height > maxHeight) {
      width = width * maxHeight / height;
      height = maxHeight;
    }
    img.scaleAbsolute(width, height);
    img.setAlt(text(chart.title()));
    PdfPTable box = new PdfPTable(1);
    box.setWidthPercentage(100);
    box.setKeepTogether(true);
    box.setSpacingBefore(4);
    box.setSpacingAfter(10);
    PdfPCell picture = new PdfPCell(img, false);
    picture.setBorder(Rectangle.NO_BORDER);
    picture.setHorizontalAlignment(Element.ALIGN_CENTER);
    box.addCell(picture);
    PdfPCell caption = new PdfPCell(new Phrase(text(chart.caption()), CAPTION));
    caption.setBorder(Rectangle.NO_BORDER);
    caption.setPaddingTop(3);
    box.addCell(caption);
    return box;
  }

  /**
   * The chart's pixels as OpenPDF takes them. Given the PNG, OpenPDF decodes it to a three-byte
   * image and then reads that image one pixel at a time through its colour model (about a second of
   * a report); the same pixels in an int-per-pixel image reach it as one array, and the PDF's bytes
   * are the same.
   */
  private static BufferedImage pixels(byte[] png) throws IOException {
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
    if (decoded.getType() != BufferedImage.TYPE_3BYTE_BGR) {
      return decoded;
    }
    int w = decoded.getWidth();
    int h = decoded.getHeight();
    // red, green, blue per pixel: the raster's bands in their order, whatever the bytes' layout
    byte[] rgb = (byte[]) decoded.getRaster().getDataElements(0, 0, w, h, null);
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    int[] px = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
    for (int i = 0, j = 0; i < px.length; i++, j += 3) {
      px[i] = (rgb[j] & 0xff) << 16 | (rgb[j + 1] & 0xff) << 8 | (rgb[j + 2] & 0xff);
    }
    return out;
  }

  /**
   * Fixes what OpenPDF would take from the clock: the creation and modification dates become the
   * as-of date, the file identifier a digest of the run id.
   */
  private static void pinMetadata(PdfWriter writer, LocalDate asOf, String id) {
    GregorianCalendar day = new GregorianCalendar(TimeZone.getTimeZone(ZoneOffset.UTC));
    day.clear();
    day.set(asOf.getYear(), asOf.getMonthValue() - 1, asOf.getDayOfMonth());
    PdfDate date = new PdfDate(day);
    writer.getInfo().put(PdfName.CREATIONDATE, date);
    writer.getInfo().put(PdfName.MODDATE, date);
    try {
      byte[] digest =
          MessageDigest.getInstance("MD5")
              .digest(("rapport report " + id).getBytes(StandardCharsets.UTF_8));
      writer.getInfo().put(PdfName.FILEID, PdfEncryption.createInfoId(digest, digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final Charset WINANSI = Charset.forName("windows-1252");

  /**
   * Text in what the built-in Helvetica can show (Windows-1252): the few other characters the
   * report uses are mapped, anything else becomes '?'.
   */
  static String text(String s) {
    CharsetEncoder enc = WINANSI.newEncoder();
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\u2212') {
        out.append('-');
      } else if (c == '\u2264') {
        out.append("<=");
      } else if (c == '\u2265') {
        out.append(">=");
      } else if (enc.canEncode(c)) {
        out.append(c);
      } else {
        out.append('?');
      }
    }
    return out.toString();
  }

  /** Page number and report line at the foot of every page. */
  private static final class Footer extends PdfPageEventHelper {
    private final String line;

    Footer(String line) {
      this.line = line;
    }

    @Override
    public void onEndPage(PdfWriter writer, Document document) {
      Rectangle page = document.getPageSize();
      ColumnText.showTextAligned(
          writer.getDirectContent(),
          Element.ALIGN_LEFT,
          new Phrase(line, FOOT),
          document.left(),
          page.getBottom() + 28,
          0);
      ColumnText.showTextAligned(
          writer.getDirectContent(),
          Element.ALIGN_RIGHT,
          new Phrase("Page " + writer.getPageNumber(), FOOT),
          document.right(),
          page.getBottom() + 28,
          0);
    }
  }
}
