package rapport.config;

import java.nio.charset.Charset;

/**
 * How a CSV input is split into records.
 *
 * @param delimiter field separator
 * @param quote quote character
 * @param charset file encoding (a leading byte-order mark is always skipped)
 * @param maxRecordLines a quoted field that runs over more lines than this is taken for an unclosed
 *     quote: the record is quarantined and reading resumes on the next line
 */
public record CsvOptions(char delimiter, char quote, Charset charset, int maxRecordLines)
    implements java.io.Serializable {

  public static final CsvOptions DEFAULT =
      new CsvOptions(',', '"', java.nio.charset.StandardCharsets.UTF_8, 100);
}
