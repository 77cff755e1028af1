package rapport.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import rapport.errors.RapportException;

/**
 * An analyst's delimited file as the {@code rapport stats} commands read it: a comma, semicolon or
 * tab separated CSV (read with commons-csv, quotes honoured) or a whitespace-aligned text file such
 * as CDNOW's; with a header row, or without one, in which case the columns are named by their
 * 1-based position ("1", "2", ...). Every row is held in memory as strings.
 */
public final class StatsInput {
  /** How the fields of a line are separated. */
  public enum Delimiter {
    /** Tab if the first line has one, else comma, else semicolon, else runs of whitespace. */
    AUTO,
    COMMA,
    SEMICOLON,
    TAB,
    WHITESPACE
  }

  private final Path file;
  private final List<String> header;
  private final List<String[]> rows;
  private final Delimiter delimiter;

  private StatsInput(Path file, List<String> header, List<String[]> rows, Delimiter delimiter) {
    this.file = file;
    this.header = List.copyOf(header);
    this.rows = rows;
    this.delimiter = delimiter;
  }

  /**
   * Reads the whole file.
   *
   * @throws RapportException (input, exit 3) when the file is missing, unreadable or has no rows
   */
  public static StatsInput read(Path file, Delimiter delimiter, boolean hasHeader) {
    if (!Files.isRegularFile(file)) {
      throw RapportException.input(
          "input file not found: %s; check the path given to --input", file);
    }
    String firstLine;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      firstLine = r.readLine();
      while (firstLine != null && firstLine.isBlank()) {
        firstLine = r.readLine();
      }
    } catch (IOException e) {
      throw new RapportException(
          rapport.errors.ExitCode.INPUT_CONTRACT,
          "cannot read input file " + file + ": " + e.getMessage() + "; check it is a text file",
          e);
    }
    if (firstLine == null) {
      throw RapportException.input("input file %s is empty; give a file with rows", file);
    }
    Delimiter d = delimiter == Delimiter.AUTO ? detect(firstLine) : delimiter;
    List<String[]> records = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      if (d == Delimiter.WHITESPACE) {
        BufferedReader br = (BufferedReader) reader;
        for (String line = br.readLine(); line != null; line = br.readLine()) {
          String trimmed = line.strip();
          if (!trimmed.isEmpty()) {
            records.add(trimmed.split("\\s+"));
          }
        }
      } else {
        char c = d == Delimiter.COMMA ? ',' : d == Delimiter.SEMICOLON ? ';' : '\t';
        CSVFormat format =
            CSVFormat.DEFAULT.builder().setDelimiter(c).setIgnoreEmptyLines(true).get();
        for (CSVRecord rec : format.parse(reader)) {
          records.add(rec.values());
        }
      }
    } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
      throw new RapportException(
          rapport.errors.ExitCode.INPUT_CONTRACT,
          "cannot parse input file "
              + file
              + " as "
              + d.name().toLowerCase(Locale.ROOT)
              + "-separated: "
              + e.getMessage()
              + "; check --delimiter",
          e);
    }
    List<String> header = new ArrayList<>();
    if (hasHeader) {
      for (String h : records.remove(0)) {
        header.add(h.strip());
      }
    } else {
      int width = records.stream().mapToInt(r -> r.length).max().orElse(0);
      for (int i = 1; i <= width; i++) {
        header.add(Integer.toString(i));
      }
    }
    if (records.isEmpty()) {
      throw RapportException.input(
          "input file %s has a header but no data rows; give a file with rows", file);
    }
    return new StatsInput(file, header, records, d);
  }

  private static Delimiter detect(String firstLine) {
    if (firstLine.indexOf('\t') >= 0) {
      return Delimiter.TAB;
    }
    if (firstLine.indexOf(',') >= 0) {
      return Delimiter.COMMA;
    }
    if (firstLine.indexOf(';') >= 0) {
      return Delimiter.SEMICOLON;
    }
    return Delimiter.WHITESPACE;
  }

  public Path file() {
    return file;
  }

  public List<String> header() {
    return header;
  }

  public Delimiter delimiter() {
    return delimiter;
  }

  /** The data rows (without the header). */
  public List<String[]> rows() {
    return rows;
  }

  /**
   * The 0-based index of a column.
   *
   * @param option the command-line option that named it, for the message
   * @throws RapportException (input, exit 3) when there is no such column
   */
  public int column(String name, String option) {
    int i = header.indexOf(name);
    if (i < 0) {
      throw RapportException.input(
          "column '%s' (given to %s) is not in %s; its columns are %s%s",
          name,
          option,
          file,
          header,
          header.stream().allMatch(h -> h.matches("\\d+"))
              ? " (no header: name columns by position)"
              : "; pass one of these, or --no-header to name columns by position");
    }
    return i;
  }

  /** The trimmed cell, or null when the row is short or the cell is empty or NA. */
  public static String cell(String[] row, int column) {
    if (column >= row.length) {
      return null;
    }
    String s = row[column].strip();
    return s.isEmpty() || s.equals("NA") || s.equalsIgnoreCase("NaN") || s.equalsIgnoreCase("null")
        ? null
        : s;
  }

  /** The cell as a finite number, or NaN when it is missing or not a number. */
  public static double number(String[] row, int column) {
    String s = cell(row, column);
    if (s == null) {
      return Double.NaN;
    }
    try {
      double v = Double.parseDouble(s);
      return Double.isFinite(v) ? v : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
