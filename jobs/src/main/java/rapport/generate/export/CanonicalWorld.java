package rapport.generate.export;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A world as {@link rapport.generate.Generator} wrote it, in the canonical layout, read back table
 * by table (a table is {@code NAME.csv} or the folder {@code NAME/} of parts) for an export layout
 * to rewrite.
 */
final class CanonicalWorld {
  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();

  private final Path dir;

  CanonicalWorld(Path dir) {
    this.dir = dir;
  }

  /** Every record of {@code table}, as column → value, in file order. */
  void each(String table, Consumer<Map<String, String>> action) {
    for (Path file : files(table)) {
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
          CSVParser p = FORMAT.parse(r)) {
        for (CSVRecord rec : p) {
          action.accept(rec.toMap());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private List<Path> files(String table) {
    Path single = dir.resolve(table + ".csv");
    if (Files.isRegularFile(single)) {
      return List.of(single);
    }
    try (Stream<Path> s = Files.list(dir.resolve(table))) {
      return new ArrayList<>(s.filter(p -> p.toString().endsWith(".csv")).sorted().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
