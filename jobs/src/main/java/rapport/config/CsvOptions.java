package rapport.config;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * How a CSV input is split into records.
 *
 * @param delimiter field separator
 * @param quote quote character
 * @param encoding file encoding (a leading byte-order mark is always skipped)
 * @param maxRecordLines a quoted field that runs over more lines than this is taken for an unclosed
 *     quote: the record is quarantined and reading resumes on the next line
 */
public record CsvOptions(char delimiter, char quote, String encoding, int maxRecordLines)
    implements java.io.Serializable {

  public static final CsvOptions DEFAULT =
      new CsvOptions(',', '"', StandardCharsets.UTF_8.name(), 100);

  public Charset charset() {
    return Charset.forName(encoding);
  }
}
