package rapport.report;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The text a reader sees, from the HTML and from the PDF. */
final class PdfText {
  private PdfText() {}

  /** The PDF's text, page by page. */
  static String extract(Path pdf) throws IOException {
    PdfReader reader = new PdfReader(Files.readAllBytes(pdf));
    try {
      PdfTextExtractor ex = new PdfTextExtractor(reader);
      StringBuilder sb = new StringBuilder();
      for (int p = 1; p <= reader.getNumberOfPages(); p++) {
        sb.append(ex.getTextFromPage(p)).append('\n');
      }
      return sb.toString();
    } finally {
      reader.close();
    }
  }

  /** The HTML's text without tags and with entities decoded, whitespace collapsed. */
  static String visibleText(String html) {
    String noStyle = html.replaceAll("(?s)<style>.*?</style>", " ");
    String text = noStyle.replaceAll("<[^>]+>", " ");
    text =
        text.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
    return text.replaceAll("\\s+", " ");
  }
}
