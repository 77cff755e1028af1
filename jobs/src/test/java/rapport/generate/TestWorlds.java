package rapport.generate;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import rapport.generate.purchase.Effects;

/** Small worlds for tests, and reading them back with commons-csv. */
final class TestWorlds {
  private TestWorlds() {}

  static GenerateOptions options(int customers, double badRows, Path out) {
    return new GenerateOptions(
        customers,
        7,
        LocalDate.of(2026, 6, 30),
        GenerateOptions.DEFAULT_ZONE,
        badRows,
        GenerateOptions.DEFAULT_PART_ROWS,
        false,
        Effects.DEFAULT,
        out);
  }

  /** Every record of a table (file or folder of parts), header excluded, in file order. */
  static List<CSVRecord> read(Path world, String table) {
    Path file = world.resolve(table + ".csv");
    List<Path> files = new ArrayList<>();
    if (Files.isRegularFile(file)) {
      files.add(file);
    } else {
      try (Stream<Path> s = Files.list(world.resolve(table))) {
        s.sorted().forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    List<CSVRecord> out = new ArrayList<>();
    for (Path f : files) {
      try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8);
          CSVParser p =
              CSVParser.builder()
                  .setReader(r)
                  .setFormat(
                      CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())
                  .get()) {
        out.addAll(p.getRecords());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }
}
