package rapport.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import rapport.run.JobCounter;
import rapport.testing.Cli;
import rapport.testing.TestSpark;

/**
 * {@code run} and {@code ingest} check the inputs' files before Spark: a missing file stops them
 * with exit 3 and the failed run's quality report, and no Spark job ran (the first input, which is
 * fine, is not read either).
 */
class FilesBeforeSparkTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"run", "ingest"})
  void aMissingFileStopsTheRunBeforeAnySparkJobWithItsFailedReport(String command)
      throws IOException {
    Files.writeString(
        dir.resolve("customers.csv"), "customer_id,customer_since\nC1,2020-01-05\nC2,not-a-date\n");
    Files.writeString(
        dir.resolve("rapport.yaml"),
        "as_of: 2026-06-30\ninputs:\n"
            + "  customers: {path: customers.csv}\n"
            + "  orders: {path: orders.csv}\n");
    Path out = dir.resolve("out");
    Cli r;
    int jobs;
    try (JobCounter counter = JobCounter.attach(TestSpark.session())) {
      r =
          Cli.run(
              command, "--config", dir.resolve("rapport.yaml").toString(), "--out", out.toString());
      counter.settle();
      jobs = counter.total();
    }
    assertEquals(3, r.exitCode, r::toString);
    List<String> lines = r.err.lines().toList();
    assertEquals(1, lines.size(), r::toString);
    assertTrue(lines.get(0).contains("input orders: orders.csv does not exist"), r::toString);
    assertTrue(lines.get(0).contains("partial results kept in"), r::toString);
    assertEquals(0, jobs, "the customers input was read with Spark before the file check");

    Path failed = out.resolve("_failed/2026-06-30");
    assertEquals(List.of("quality"), names(failed));
    assertEquals(List.of("report.json"), names(failed.resolve("quality")));
    JsonNode report = new ObjectMapper().readTree(failed.resolve("quality/report.json").toFile());
    assertEquals(List.of("as_of", "inputs", "error"), fieldNames(report));
    assertEquals("2026-06-30", report.get(QualityReport.AS_OF).asText());
    assertEquals(0, report.get(QualityReport.INPUTS).size());
    assertTrue(
        report
            .get(QualityReport.ERROR)
            .asText()
            .startsWith("input orders: orders.csv does not exist"),
        report::toString);
    assertEquals(List.of("_failed"), names(out), "no staging folder, no lock, no run folder");
  }

  private static List<String> names(Path folder) throws IOException {
    try (var s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> out = new java.util.ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
