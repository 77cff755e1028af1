package rapport.generate.export;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/** One file of an export layout, in the dialect its system writes, streamed row by row. */
final class ExportFile implements Closeable {
  /** Salesforce Data Loader and report exports: every field quoted, CRLF. */
  static final CSVFormat SALESFORCE =
      CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL).setRecordSeparator("\r\n").get();

  /** HubSpot exports: quotes only where needed, LF. */
  static final CSVFormat HUBSPOT = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

  private final String name;
  private final int columns;
  private final CSVPrinter printer;
  private long rows;

  ExportFile(Path dir, String name, CSVFormat format, List<String> header) {
    this.name = name;
    this.columns = header.size();
    try {
      printer =
          new CSVPrinter(
              new BufferedWriter(
                  new OutputStreamWriter(
                      Files.newOutputStream(dir.resolve(name)), StandardCharsets.UTF_8)),
              format);
      printer.printRecord(header);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void write(String... values) {
    if (values.length != columns) {
      throw new IllegalArgumentException(
          name + ": " + values.length + " values for " + columns + " columns");
    }
    try {
      printer.printRecord((Object[]) values);
      rows++;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String name() {
    return name;
  }

  long rows() {
    return rows;
  }

  @Override
  public void close() {
    try {
      printer.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
