package rapport.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.testing.Cli;

/**
 * stdout carries results, stderr progress and diagnostics: a run ends its stdout with the committed
 * folder's path, {@code --json} prints one object instead, the default stderr is one line per stage
 * and a final line: the model tables stay in the run folder ({@code --verbose} shows them, see
 * ProgressTest).
 */
class StreamsTest {
  @TempDir static Path dir;
  static Path config;
  static Path out;
  static Cli run;

  @BeforeAll
  static void runOnASmallWorld() {
    Path world = dir.resolve("world");
    Cli gen =
        Cli.run(
            "generate",
            "--customers",
            "40",
            "--seed",
            "5",
            "--as-of",
            "2026-06-30",
            "--bad-rows",
            "0.01",
            "--out",
            world.toString());
    assertEquals(0, gen.exitCode, gen::toString);
    config = world.resolve("rapport.yaml");
    out = dir.resolve("out");
    run = Cli.runStreams("run", "--config", config.toString(), "--out", out.toString());
    assertEquals(0, run.exitCode, run::toString);
  }

  @Test
  void stdoutEndsWithTheCommittedFolder() {
    List<String> lines = run.out.lines().toList();
    assertEquals(1, lines.size(), run::toString);
    Path folder = Path.of(lines.get(0));
    assertTrue(folder.isAbsolute(), run::toString);
    assertEquals(out.resolve("2026-06-30").toAbsolutePath().normalize(), folder);
    assertTrue(Files.isRegularFile(folder.resolve("_SUCCESS")));
    // the run's scores also went into the history across runs, beside the run folders
    assertEquals(
        rapport.testing.TestSpark.session()
            .read()
            .parquet(folder.resolve("tables/relationship_scores").toString())
            .count(),
        rapport.testing.TestSpark.session()
            .read()
            .parquet(rapport.run.History.scores(out).toString())
            .filter("as_of = DATE'2026-06-30'")
            .count());
  }

  @Test
  void stderrIsOneLinePerStageAndAFinalLine() throws Exception {
    List<String> lines = run.err.lines().toList();
    // the header, six stage lines, the final line
    assertEquals(8, lines.size(), run::toString);
    assertTrue(lines.get(0).startsWith("rapport "), run::toString);
    String[] stages = {"ingest", "classify", "score", "retention", "outreach", "report"};
    for (int i = 0; i < stages.length; i++) {
      String l = lines.get(i + 1);
      assertTrue(l.startsWith("[" + (i + 1) + "/6] " + stages[i] + ": "), l);
      assertTrue(l.matches(".*\\(\\d+\\.\\d s\\)$"), l);
    }
    assertTrue(lines.get(1).contains("orders "), lines.get(1));
    assertTrue(lines.get(1).contains(" quarantined"), "a poison row is counted: " + lines.get(1));
    assertTrue(lines.get(3).contains("relationship_scores "), lines.get(3));
    assertTrue(lines.get(7).startsWith("done: "), run::toString);
    // the model tables stay in retention/summary.txt
    String firstTableLine = firstLine(out.resolve("2026-06-30/retention/summary.txt"));
    assertFalse(run.err.contains(firstTableLine), run::toString);
  }

  @Test
  void jsonIsOneObjectWithTheRunsFigures() throws Exception {
    Cli r =
        Cli.runStreams(
            "classify", "--config", config.toString(), "--out", out.toString(), "--json");
    assertEquals(0, r.exitCode, r::toString);
    assertEquals(1, r.out.strip().lines().count(), r::toString);
    JsonNode j = new ObjectMapper().readTree(r.out);
    JsonNode manifest =
        new ObjectMapper().readTree(out.resolve("2026-06-30/manifest.json").toFile());
    assertEquals(manifest.path("run_id").asText(), j.path("run_id").asText());
    assertEquals("2026-06-30", j.path("as_of").asText());
    assertEquals(
        out.resolve("2026-06-30").toAbsolutePath().normalize().toString(), j.path("path").asText());
    JsonNode orders = j.path("inputs").path("orders");
    assertTrue(orders.path("rows_read").asLong() > 0, j::toString);
    assertEquals(
        orders.path("rows_read").asLong(),
        orders.path("rows_valid").asLong() + orders.path("rows_quarantined").asLong());
    assertEquals(List.of("classify"), iterNames(j.path("stages")));
    assertTrue(j.path("stages").path("classify").asDouble() > 0, j::toString);
    assertEquals(List.of("classify"), iterNames(j.path("stage_tables")));
    assertEquals(
        manifestRows(manifest, "tables/touches"),
        j.path("stage_tables").path("classify").path("touches").asLong(),
        j::toString);
    JsonNode h = j.path("headline");
    assertEquals(
        manifestRows(manifest, "tables/relationship_scores"), h.path("customers_scored").asLong());
    double mean = h.path("mean_relationship_score").asDouble(-1);
    assertTrue(mean >= 0 && mean <= 100, h::toString);
    assertTrue(h.path("outreach_to_contact").asLong() > 0, h::toString);
    assertTrue(h.has("personal_touch_share"), h::toString);
    assertTrue(h.path("rows_quarantined").asLong() > 0, "the poison rows: " + h);
  }

  @Test
  void aFailureKeepsStdoutEmptyAndSaysWhyOnStderr() {
    Cli r =
        Cli.runStreams(
            "score", "--config", config.toString(), "--out", dir.resolve("nothing").toString());
    assertEquals(3, r.exitCode, r::toString);
    assertEquals("", r.out, r::toString);
    String last = r.err.lines().reduce((a, b) -> b).orElse("");
    assertTrue(last.startsWith("rapport: no complete run for as_of 2026-06-30"), r::toString);
    assertFalse(r.err.contains("\tat "), r::toString);
  }

  private static String firstLine(Path f) throws Exception {
    return Files.readAllLines(f, StandardCharsets.UTF_8).stream()
        .filter(l -> !l.isBlank())
        .findFirst()
        .orElseThrow();
  }

  private static List<String> iterNames(JsonNode o) {
    List<String> names = new java.util.ArrayList<>();
    o.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static long manifestRows(JsonNode manifest, String path) {
    for (JsonNode o : manifest.path("outputs")) {
      if (o.path("path").asText().equals(path)) {
        return o.path("rows").asLong();
      }
    }
    return -1;
  }
}
