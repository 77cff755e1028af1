package rapport.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.testing.Cli;

/**
 * An output that cannot be written is exit 4 with one line; a failed run leaves no staging folder
 * and no lock file, and its {@code _failed/<as_of>/} has a quality report.
 */
class OutputFailureTest {
  static final String AS_OF = "2026-06-30";
  @TempDir static Path world;
  static Path config;

  @BeforeAll
  static void world() throws IOException {
    StringBuilder customers = new StringBuilder("customer_id,first_name,customer_since\n");
    StringBuilder orders = new StringBuilder("order_id,customer_id,ordered_at,amount\n");
    for (int i = 0; i < 400; i++) {
      customers.append("C").append(i).append(",Name").append(i).append(",2020-01-01\n");
      orders.append("O").append(i).append(",C").append(i).append(",2026-03-0").append(1 + i % 9);
      orders.append(" 10:00,").append(i % 97).append(".50\n");
    }
    customers.append("Cbad,Poison,the first of May\n");
    Files.writeString(world.resolve("customers.csv"), customers);
    Files.writeString(world.resolve("orders.csv"), orders);
    // an export that lost a required column
    Files.writeString(
        world.resolve("orders-without-amount.csv"),
        "order_id,customer_id,ordered_at\nO1,C1,2026-03-01 10:00\n");
    config = config("rapport.yaml", "orders.csv");
  }

  private static Path config(String name, String orders) throws IOException {
    return Files.writeString(
        world.resolve(name),
        "as_of: "
            + AS_OF
            + "\ninputs:\n  customers: {path: customers.csv}\n  orders: {path: "
            + orders
            + "}\n");
  }

  @Test
  void aFullDiskIsExit4WithOneLineAndKeepsTheQualityReport() throws Exception {
    try (FullDisk disk = FullDisk.mount(world.resolve("disk"), 1 << 20)) {
      Path out = disk.dir().resolve("out");
      Files.createDirectories(out);
      disk.fill(16 << 10);
      Cli r = Cli.run("ingest", "--config", config.toString(), "--out", out.toString());
      assertEquals(4, r.exitCode, r::toString);
      assertEquals(1, r.err.lines().count(), r.err);
      assertTrue(r.err.startsWith("rapport: cannot write"), r.err);
      assertTrue(r.err.contains("No space left on device"), r.err);
      assertTrue(r.err.contains("free space on that disk or choose another --out"), r.err);
      assertFalse(r.err.contains("\tat "), r.err);
      assertEquals(List.of("_failed"), RunFolders.names(out), "no staging folder, no lock file");
      Path report = out.resolve("_failed").resolve(AS_OF).resolve("quality/report.json");
      JsonNode json = new ObjectMapper().readTree(report.toFile());
      // the error itself where there was room for it, else the stand-in written at the start
      assertFalse(json.path("error").asText().isEmpty(), json::toString);
      // what was kept is the quality folder only: the room goes back to the disk
      assertEquals(
          List.of("quality"), RunFolders.names(out.resolve("_failed").resolve(AS_OF)), r::toString);
    }
  }

  @Test
  void aMissingRequiredColumnKeepsTheQualityReportOfWhatWasRead(@TempDir Path out)
      throws Exception {
    Path broken = config("broken.yaml", "orders-without-amount.csv");
    Cli r = Cli.run("ingest", "--config", broken.toString(), "--out", out.toString());
    assertEquals(3, r.exitCode, r::toString);
    assertEquals(1, r.err.lines().count(), r.err);
    assertTrue(r.err.contains("amount"), r.err);
    assertEquals(List.of("_failed"), RunFolders.names(out), "no staging folder, no lock file");
    Path report = out.resolve("_failed").resolve(AS_OF).resolve("quality/report.json");
    JsonNode json = new ObjectMapper().readTree(report.toFile());
    assertEquals(
        401, json.path("inputs").path("customers").path("rows_read").asLong(), json::toString);
    assertTrue(json.path("error").asText().contains("amount"), json::toString);
  }

  @Test
  void aFailingValidateLeavesNoCopyOfTheInputs() throws Exception {
    Path broken = config("broken-validate.yaml", "orders-without-amount.csv");
    Set<String> before = validateFolders();
    Cli r = Cli.run("validate", "--config", broken.toString());
    assertEquals(3, r.exitCode, r::toString);
    assertFalse(r.err.contains("partial results kept"), r.err);
    Set<String> left = validateFolders();
    left.removeAll(before);
    assertEquals(Set.of(), left, "validate removed its temporary folder");
  }

  private static Set<String> validateFolders() throws IOException {
    try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("rapport-validate"))
          .collect(Collectors.toSet());
    }
  }
}
