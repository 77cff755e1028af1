package rapport.generate.write;

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

/**
 * One output table as RFC 4180 CSV (UTF-8, LF, header row), streamed row by row. It starts as
 * {@code NAME.csv}; once it passes {@code partRows} records it becomes the folder {@code NAME/} of
 * {@code part-00000.csv}, {@code part-00001.csv}... each with its header, so that readers of large
 * worlds can split the work.
 */
public final class CsvTable implements Closeable {
  static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

  private final Path dir;
  private final String name;
  private final List<String> header;
  private final long partRows;
  private CSVPrinter printer;
  private int part = -1;
  private long inPart;
  private long rows;

  public CsvTable(Path dir, String name, List<String> header, long partRows) {
    this.dir = dir;
    this.name = name;
    this.header = List.copyOf(header);
    this.partRows = partRows;
    open(dir.resolve(name + ".csv"));
  }

  public List<String> header() {
    return header;
  }

  /** Writes one record; {@code values} may have a wrong length on purpose (a malformed row). */
  public void write(String... values) {
    try {
      if (inPart >= partRows) {
        nextPart();
      }
      printer.printRecord((Object[]) values);
      inPart++;
      rows++;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public long rows() {
    return rows;
  }

  /** The path to name in rapport.yaml: the file, or the folder of parts. */
  public String relativePath() {
    return part < 0 ? name + ".csv" : name;
  }

  private void nextPart() throws IOException {
    printer.close();
    Path folder = dir.resolve(name);
    if (part < 0) {
      Files.createDirectories(folder);
      Files.move(dir.resolve(name + ".csv"), folder.resolve(partName(0)));
      part = 0;
    }
    part++;
    open(folder.resolve(partName(part)));
  }

  private static String partName(int p) {
    return String.format("part-%05d.csv", p);
  }

  private void open(Path file) {
    try {
      BufferedWriter w =
          new BufferedWriter(
              new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16);
      printer = new CSVPrinter(w, FORMAT);
      printer.printRecord(header);
      inPart = 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
