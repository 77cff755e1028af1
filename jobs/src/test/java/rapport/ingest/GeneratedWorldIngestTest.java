package rapport.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.testing.Cli;

/**
 * Two independent accounts of the same bad rows: the generator records what it planted, ingestion
 * reports what it quarantined. They must agree exactly, reason by reason, for every input.
 */
class GeneratedWorldIngestTest {
  @TempDir Path dir;

  @Test
  void quarantineMatchesThePlantedBadRowsExactly() throws IOException {
    Path world = dir.resolve("world");
    Cli g =
        Cli.run(
            "generate",
            "--customers",
            "400",
            "--seed",
            "3",
            "--bad-rows",
            "0.01",
            "--out",
            world.toString());
    assertEquals(0, g.exitCode, g::toString);
    Cli r =
        Cli.run(
            "ingest",
            "--config",
            world.resolve("rapport.yaml").toString(),
            "--out",
            dir.resolve("out").toString());
    assertEquals(0, r.exitCode, r::toString);

    ObjectMapper json = new ObjectMapper();
    JsonNode planted =
        json.readTree(world.resolve("truth/parameters.json").toFile()).get("bad_rows");
    JsonNode report =
        json.readTree(dir.resolve("out/2026-06-30/quality/report.json").toFile()).get("inputs");
    long totalPlanted = 0;
    for (String input : new String[] {"reps", "customers", "orders", "interactions"}) {
      Map<String, Long> expected = new TreeMap<>();
      planted
          .get(input)
          .fields()
          .forEachRemaining(
              e -> {
                if (e.getValue().asLong() > 0) {
                  expected.put(e.getKey(), e.getValue().asLong());
                }
              });
      Map<String, Long> actual = new TreeMap<>();
      report
          .get(input)
          .get("quarantined_by_reason")
          .fields()
          .forEachRemaining(e -> actual.put(e.getKey(), e.getValue().asLong()));
      assertEquals(expected, actual, input);
      totalPlanted += expected.values().stream().mapToLong(Long::longValue).sum();
    }
    assertTrue(totalPlanted >= 20, "the world holds bad rows of many kinds: " + totalPlanted);
  }
}
