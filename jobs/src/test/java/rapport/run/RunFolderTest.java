package rapport.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.testing.Cli;

/** Reruns give the same outputs; a killed run leaves the previous run as it was. */
class RunFolderTest {
  @TempDir static Path world;
  static Path config;

  @BeforeAll
  static void world() throws IOException {
    StringBuilder customers = new StringBuilder("customer_id,first_name,customer_since\n");
    StringBuilder orders = new StringBuilder("order_id,customer_id,ordered_at,amount\n");
    for (int i = 0; i < 2000; i++) {
      customers.append("C").append(i).append(",Name").append(i).append(",2020-01-01\n");
      for (int k = 0; k < 5; k++) {
        orders
            .append("O")
            .append(i)
            .append('-')
            .append(k)
            .append(",C")
            .append(i)
            .append(",2026-0")
            .append(1 + k)
            .append("-1")
            .append(i % 10)
            .append(" 10:00,")
            .append(i % 97)
            .append('.')
            .append(k)
            .append("0\n");
      }
    }
    orders.append("Obad,C1,not a date,1.00\n");
    Files.writeString(world.resolve("customers.csv"), customers);
    Files.writeString(world.resolve("orders.csv"), orders);
    config = world.resolve("rapport.yaml");
    Files.writeString(
        config,
        "as_of: 2026-06-30\ninputs:\n  customers: {path: customers.csv}\n  orders: {path: orders.csv}\n");
  }

  private static JsonNode manifest(Path run) throws IOException {
    return new ObjectMapper().readTree(run.resolve("manifest.json").toFile());
  }

  @Test
  void aRerunGivesIdenticalOutputs(@TempDir Path a, @TempDir Path b) throws Exception {
    assertEquals(
        0, Cli.run("ingest", "--config", config.toString(), "--out", a.toString()).exitCode);
    // The rerun in a JVM of its own: Parquet bytes differ between JVMs, the manifest must not.
    Process rerun = startRun(b);
    assertTrue(rerun.waitFor(300, TimeUnit.SECONDS), "the rerun finished");
    assertEquals(0, rerun.exitValue());
    JsonNode ma = manifest(a.resolve("2026-06-30"));
    JsonNode mb = manifest(b.resolve("2026-06-30"));
    assertEquals(ma.get("outputs"), mb.get("outputs"));
    assertEquals(ma.get("inputs"), mb.get("inputs"));
    assertEquals(ma.get("run_id"), mb.get("run_id"));
    assertTrue(ma.get("outputs").size() >= 5, ma.toString());
    for (JsonNode o : ma.get("outputs")) {
      assertTrue(o.get("sha256").asText().matches("[0-9a-f]{64}"), o.toString());
    }
    assertTrue(Files.exists(a.resolve("2026-06-30/_SUCCESS")));
  }

  @Test
  void aKilledRunLeavesThePreviousRunIntact(@TempDir Path out) throws Exception {
    assertEquals(
        0, Cli.run("ingest", "--config", config.toString(), "--out", out.toString()).exitCode);
    Path committed = out.resolve("2026-06-30");
    Map<String, String> before = Manifest.outputs(committed);
    String manifestBefore = Files.readString(committed.resolve("manifest.json"));

    Process p = startRun(out);
    try {
      Path staging = waitForStagingWith(out, "tables", 120);
      assertTrue(staging != null, "the run started writing into a staging folder");
    } finally {
      p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    assertEquals(before, Manifest.outputs(committed));
    assertEquals(manifestBefore, Files.readString(committed.resolve("manifest.json")));
    assertTrue(Files.exists(committed.resolve("_SUCCESS")));

    // The next run clears the killed run's staging folder and commits.
    assertEquals(
        0, Cli.run("ingest", "--config", config.toString(), "--out", out.toString()).exitCode);
    // no staging folder and no lock file left behind
    assertEquals(List.of("2026-06-30"), RunFolders.names(out));
    assertEquals(before, Manifest.outputs(committed));
  }

  @Test
  void aCommitKilledBetweenItsRenamesIsRecovered(@TempDir Path out) throws IOException {
    Path aside = Files.createDirectories(out.resolve(".replaced-2026-06-30"));
    Files.writeString(aside.resolve("_SUCCESS"), "");
    RunFolder folder = RunFolder.open(out, LocalDate.parse("2026-06-30"));
    assertTrue(folder.hasCommitted(), "the folder set aside is back in place");
    assertFalse(Files.exists(aside));
  }

  @Test
  void aSecondRunOfTheSameDateWaitsItsTurn(@TempDir Path out) {
    try (RunFolder first = RunFolder.open(out, LocalDate.parse("2026-06-30"))) {
      Cli r = Cli.run("ingest", "--config", config.toString(), "--out", out.toString());
      assertEquals(4, r.exitCode, r::toString);
      assertTrue(r.err.contains("another run of as_of 2026-06-30 is writing into"), r.err);
      assertTrue(Files.isDirectory(first.staging()), "the first run's staging folder is untouched");
    }
  }

  private static Process startRun(Path out) throws IOException {
    return RunFolders.start(
        Path.of("/dev/null"), "ingest", "--config", config.toString(), "--out", out.toString());
  }

  /** Waits until a staging folder holds {@code child}; returns it, or null on timeout. */
  private static Path waitForStagingWith(Path out, String child, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      try (Stream<Path> s = Files.list(out)) {
        for (Path p : s.toList()) {
          if (p.getFileName().toString().startsWith(".staging-")
              && Files.exists(p.resolve(child))) {
            return p;
          }
        }
      }
      Thread.sleep(20);
    }
    return null;
  }
}
