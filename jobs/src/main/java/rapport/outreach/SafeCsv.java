package rapport.outreach;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import rapport.run.Manifest;
import rapport.run.RunFiles;

/**
 * The CSV files that leave rapport for a CRM or a spreadsheet: UTF-8 without BOM, comma, RFC 4180
 * quoting, LF, a header row, and no cell that a spreadsheet would run as a formula.
 *
 * <p>Formula injection (OWASP "CSV Injection"): a cell starting with {@code = + - @}, tab or
 * carriage return is prefixed with a single quote, unless the whole cell is a plain number (so
 * {@code -12.50} stays a number). {@link #restore} undoes it for a reader that wants the original.
 */
public final class SafeCsv {
  private SafeCsv() {}

  /** The format every file is written in; the strict reader of the tests parses it back. */
  public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

  /**
   * How a file is laid out. {@code STANDARD}: UTF-8 without BOM, LF (what importers expect). {@code
   * SPREADSHEET}: a UTF-8 byte-order mark and CRLF, so that Excel opens the file with its accents
   * and umlauts intact ({@code outreach.csv_dialect: spreadsheet}, for the files meant for people).
   */
  public enum Dialect {
    STANDARD,
    SPREADSHEET;

    /** The name in rapport.yaml. */
    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  /** One file written: its path relative to the run folder, its data rows and its SHA-256. */
  public record Written(String path, long rows, String sha256) {}

  /**
   * The cell as it is written: never null, never a formula. A value that already starts with quotes
   * before a formula character gets one more, so that {@link #restore} is exact.
   */
  public static String safe(String cell) {
    if (cell == null || cell.isEmpty()) {
      return "";
    }
    return isFormula(stripQuotes(cell)) ? "'" + cell : cell;
  }

  /** The original value of a cell written by {@link #safe}. */
  public static String restore(String cell) {
    return cell.startsWith("'") && isFormula(stripQuotes(cell)) ? cell.substring(1) : cell;
  }

  private static boolean isFormula(String s) {
    if (s.isEmpty()) {
      return false;
    }
    char first = s.charAt(0);
    boolean risky =
        first == '='
            || first == '+'
            || first == '-'
            || first == '@'
            || first == '\t'
            || first == '\r';
    return risky && !NUMBER.matcher(s).matches();
  }

  private static String stripQuotes(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) == '\'') {
      i++;
    }
    return s.substring(i);
  }

  /** A fixed-decimal number (half up), the same text for the same value on every machine. */
  public static String decimal(double value, int places) {
    if (!Double.isFinite(value)) {
      return "";
    }
    return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).toPlainString();
  }

  /**
   * Writes {@code rows} under {@code folder/<base>.csv}, or, past {@code rowLimit} data rows, as
   * {@code <base>-part-0001.csv}, {@code <base>-part-0002.csv}, ... each with the header. A list
   * with no rows is a header-only file.
   *
   * @param runDir the run folder (paths are reported relative to it)
   * @param folder the folder, relative to the run folder, e.g. "outreach"
   */
  public static List<Written> write(
      Path runDir,
      String folder,
      String base,
      List<String> header,
      List<List<String>> rows,
      int rowLimit) {
    return write(runDir, folder, base, header, rows, rowLimit, Dialect.STANDARD);
  }

  /** As {@link #write(Path, String, String, List, List, int)}, in {@code dialect}. */
  public static List<Written> write(
      Path runDir,
      String folder,
      String base,
      List<String> header,
      List<List<String>> rows,
      int rowLimit,
      Dialect dialect) {
    List<Written> out = new ArrayList<>();
    int parts = rows.isEmpty() ? 1 : (int) ((rows.size() + (long) rowLimit - 1) / rowLimit);
    for (int p = 0; p < parts; p++) {
      String name =
          parts == 1
              ? base + ".csv"
              : String.format(java.util.Locale.ROOT, "%s-part-%04d.csv", base, p + 1);
      List<List<String>> slice =
          rows.subList(
              (int) Math.min(rows.size(), (long) p * rowLimit),
              (int) Math.min(rows.size(), (long) (p + 1) * rowLimit));
      byte[] bytes = render(header, slice, dialect);
      RunFiles.write(runDir.resolve(folder).resolve(name), bytes);
      out.add(new Written(folder + "/" + name, slice.size(), Manifest.sha256(bytes)));
    }
    return out;
  }

  /** The bytes of one file. */
  static byte[] render(List<String> header, List<List<String>> rows) {
    return render(header, rows, Dialect.STANDARD);
  }

  static byte[] render(List<String> header, List<List<String>> rows, Dialect dialect) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CSVFormat format = FORMAT;
    if (dialect == Dialect.SPREADSHEET) {
      bytes.writeBytes(BOM);
      format = FORMAT.builder().setRecordSeparator("\r\n").get();
    }
    try (Writer w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
        CSVPrinter p = new CSVPrinter(w, format)) {
      p.printRecord(header);
      for (List<String> row : rows) {
        if (row.size() != header.size()) {
          throw new IllegalArgumentException(
              "row has " + row.size() + " cells, header " + header.size());
        }
        p.printRecord(row.stream().map(SafeCsv::safe).toList());
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bytes.toByteArray();
  }
}
