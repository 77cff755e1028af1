package rapport.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.cli.Stages;
import rapport.config.RapportConfig;

class DeterminismTest {
  @TempDir Path dir;

  @Test
  void theSameOptionsGiveTheSameBytes() throws IOException {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    new Generator(TestWorlds.options(400, 0.01, a)).run();
    new Generator(TestWorlds.options(400, 0.01, b)).run();
    List<Path> files = files(a);
    assertEquals(9, files.size(), files.toString());
    for (Path f : files) {
      Path other = b.resolve(a.relativize(f));
      assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(other), f.toString());
    }
  }

  @Test
  void anotherSeedGivesAnotherWorld() throws IOException {
    Path a = dir.resolve("a");
    new Generator(TestWorlds.options(200, 0, a)).run();
    GenerateOptions o = TestWorlds.options(200, 0, dir.resolve("b"));
    new Generator(
            new GenerateOptions(
                o.customers(), 8, o.asOf(), o.zone(), 0, o.partRows(), false, o.effects(), o.out()))
        .run();
    assertTrue(
        !Files.readString(a.resolve("orders.csv"))
            .equals(Files.readString(o.out().resolve("orders.csv"))));
  }

  /** A large table becomes a folder of parts holding the same records, and the config says so. */
  @Test
  void partsHoldTheSameRecordsAsOneFile() {
    Path whole = dir.resolve("whole");
    Path parts = dir.resolve("parts");
    GenerateOptions o = TestWorlds.options(300, 0.01, whole);
    new Generator(o).run();
    new Generator(
            new GenerateOptions(
                o.customers(),
                o.seed(),
                o.asOf(),
                o.zone(),
                o.badRowShare(),
                1_000,
                false,
                o.effects(),
                parts))
        .run();
    assertTrue(Files.isRegularFile(parts.resolve("orders/part-00000.csv")));
    assertTrue(Files.isRegularFile(parts.resolve("interactions/part-00001.csv")));
    for (String table : List.of("customers", "orders", "interactions")) {
      List<List<String>> a = TestWorlds.read(whole, table).stream().map(CSVRecord::toList).toList();
      List<List<String>> b = TestWorlds.read(parts, table).stream().map(CSVRecord::toList).toList();
      assertEquals(a, b, table);
    }
    RapportConfig config = Stages.loadConfig(parts.resolve("rapport.yaml"));
    assertTrue(Files.isDirectory(config.input("orders").orElseThrow().sources().get(0).path()));
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }
}
