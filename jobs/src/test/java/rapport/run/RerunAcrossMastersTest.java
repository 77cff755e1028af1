package rapport.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.testing.Cli;
import rapport.testing.TestSpark;

/**
 * Reruns of identical inputs give identical outputs whatever the master and the JVM: the whole
 * pipeline runs in two child JVMs under {@code local[1]} and {@code local[*]} (one task at a time,
 * and one per core) on one small generated world (with bad rows), and every output of the two run
 * folders is compared. Executors in other JVMs are {@code StandaloneClusterTest}'s.
 *
 * <ul>
 *   <li>the same files, by relative path (Parquet parts included);
 *   <li>every file byte for byte, except the Parquet parts (parquet-mr lists a column chunk's
 *       encodings in hash-set order, so the same rows give other bytes in another JVM) and
 *       manifest.json, compared with its timings (started_at, finished_at, the stages' seconds) and
 *       the Spark master (what each run was asked to use) masked;
 *   <li>every table by its {@code _content.sha256} (a file, compared byte for byte above) and by
 *       its rows, sorted;
 *   <li>one run id in the folder: the manifest's, in every CRM file, IMPORT.md, the outreach
 *       manifest and the report.
 * </ul>
 *
 * <p>{@code -Drapport.rerun.config=FILE} runs the same comparison on another world, e.g. the sample
 * ({@code data-samples/rapport.yaml}), which takes minutes.
 */
@Tag("slow") // runs in .ci/run after mvn verify (jobs/pom.xml, profile slow-tests)
class RerunAcrossMastersTest {
  private static final List<String> MASTERS = List.of("local[1]", "local[*]");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Generous: on a heavily shared machine one run of the small world has taken over 15. */
  private static final int MINUTES = 30;

  @TempDir Path dir;

  @Test
  void everyOutputIsTheSameUnderEveryMasterAndJvm() throws Exception {
    Path config = config();
    List<Process> runs = new ArrayList<>();
    List<Path> outs = new ArrayList<>();
    for (int i = 0; i < MASTERS.size(); i++) {
      Path out = dir.resolve("out-" + i);
      outs.add(out);
      runs.add(startRun(config, out, MASTERS.get(i)));
    }
    List<Path> folders = new ArrayList<>();
    try {
      for (int i = 0; i < runs.size(); i++) {
        Process p = runs.get(i);
        assertTrue(
            p.waitFor(MINUTES, TimeUnit.MINUTES),
            "the run under " + MASTERS.get(i) + " did not finish within " + MINUTES + " minutes");
        Path log = outs.get(i).resolveSibling("run-" + i + ".log");
        assertEquals(0, p.exitValue(), MASTERS.get(i) + ":\n" + Files.readString(log));
        folders.add(onlyRun(outs.get(i)));
      }
    } finally {
      runs.forEach(Process::destroyForcibly);
    }

    Path first = folders.get(0);
    List<String> files = files(first);
    for (String required :
        List.of(
            "manifest.json",
            "quality/report.json",
            "scores/explain.txt",
            "retention/summary.txt",
            "outreach/salesforce_task_insert.csv",
            "outreach/IMPORT.md",
            "report/executive-report.pdf",
            "report/executive-report.html")) {
      assertTrue(files.contains(required), "the run wrote no " + required + ": " + files);
    }
    assertTrue(
        files.stream().anyMatch(f -> f.startsWith("quality/quarantine/")),
        "the world's bad rows were quarantined: " + files);
    assertTrue(files.stream().anyMatch(f -> f.startsWith("charts/")), files.toString());

    for (int i = 1; i < folders.size(); i++) {
      Path other = folders.get(i);
      String against = MASTERS.get(i) + " against " + MASTERS.get(0) + ": ";
      assertEquals(files, files(other), against + "the run folders hold other files");
      for (String f : files) {
        if (f.startsWith("tables/") && f.endsWith(".parquet")) {
          continue;
        }
        if (f.equals(Manifest.FILE)) {
          assertEquals(
              maskedManifest(first), maskedManifest(other), against + "manifest.json differs");
          continue;
        }
        assertTrue(
            Arrays.equals(
                Files.readAllBytes(first.resolve(f)), Files.readAllBytes(other.resolve(f))),
            against + f + " differs");
      }
      for (String table : tables(first)) {
        assertEquals(sortedRows(first, table), sortedRows(other, table), against + table);
      }
    }
    assertOneRunId(first);
  }

  /** The configuration to run: a small generated world with bad rows, unless one is given. */
  private Path config() {
    String given = System.getProperty("rapport.rerun.config");
    if (given != null && !given.isBlank()) {
      return TestSpark.projectRoot().resolve(given).toAbsolutePath();
    }
    Path world = dir.resolve("world");
    Cli generated =
        Cli.run(
            "generate",
            "--customers",
            "160",
            "--seed",
            "11",
            "--bad-rows",
            "0.01",
            "--out",
            world.toString());
    assertEquals(0, generated.exitCode, generated.toString());
    return world.resolve("rapport.yaml");
  }

  private static Process startRun(Path config, Path out, String master) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.add("@" + TestSpark.projectRoot().resolve("jobs/spark-jvm.options"));
    cmd.add("-XX:TieredStopAtLevel=1"); // a short run, as the launcher's
    cmd.add("-Xmx1g");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.addAll(
        List.of(
            "rapport.cli.Main",
            "run",
            "--config",
            config.toString(),
            "--out",
            out.toString(),
            "--master",
            master));
    Path log = out.resolveSibling("run-" + out.getFileName().toString().substring(4) + ".log");
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** The one committed run folder under an output folder. */
  private static Path onlyRun(Path out) throws IOException {
    try (Stream<Path> s = Files.list(out)) {
      List<Path> runs =
          s.filter(p -> Files.isRegularFile(p.resolve(RunFolder.SUCCESS))).sorted().toList();
      assertEquals(1, runs.size(), "committed runs under " + out + ": " + runs);
      return runs.get(0);
    }
  }

  private static List<String> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }

  private static List<String> tables(Path run) throws IOException {
    try (Stream<Path> s = Files.list(run.resolve("tables"))) {
      return s.map(p -> "tables/" + p.getFileName()).sorted().toList();
    }
  }

  /** A table's rows as text (doubles printed in full), sorted. */
  private static List<String> sortedRows(Path run, String table) {
    List<Row> rows =
        TestSpark.session().read().parquet(run.resolve(table).toString()).collectAsList();
    return rows.stream().map(Row::toString).sorted().toList();
  }

  /** manifest.json without what differs by design: the timings and the master asked for. */
  private static String maskedManifest(Path run) throws IOException {
    ObjectNode m = (ObjectNode) JSON.readTree(run.resolve(Manifest.FILE).toFile());
    m.remove(List.of("started_at", "finished_at"));
    ((ObjectNode) m.path("spark")).remove("master");
    for (JsonNode stage : m.path("stages")) {
      ((ObjectNode) stage).remove("seconds");
    }
    return m.toPrettyString();
  }

  /** Every file that names the run names the manifest's run id, and no other. */
  private static void assertOneRunId(Path run) throws IOException {
    String id = JSON.readTree(run.resolve(Manifest.FILE).toFile()).path("run_id").asText();
    assertTrue(id.matches("\\d{4}-\\d{2}-\\d{2}-[0-9a-f]{12}"), id);
    assertEquals(
        id,
        JSON.readTree(run.resolve("outreach/outreach.manifest.json").toFile())
            .path("run_id")
            .asText());
    assertTrue(Files.readString(run.resolve("outreach/IMPORT.md")).contains(id), "IMPORT.md");
    assertTrue(
        Files.readString(run.resolve("report/executive-report.html")).contains(id), "report");
    Map<String, String> idColumn =
        Map.of(
            "salesforce_task_insert", "Outreach_Run_Id__c",
            "generic", "run_id",
            "hubspot_contact_update", "outreach_run_id");
    long checked = 0;
    try (Stream<Path> s = Files.list(run.resolve("outreach"))) {
      for (Path f : s.sorted().toList()) {
        String name = f.getFileName().toString();
        for (Map.Entry<String, String> e : idColumn.entrySet()) {
          if (!name.equals(e.getKey() + ".csv") && !name.startsWith(e.getKey() + "-part-")) {
            continue;
          }
          try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().get().parse(r)) {
              assertEquals(id, rec.get(e.getValue()), name + " record " + rec.getRecordNumber());
              checked++;
            }
          }
        }
      }
    }
    assertTrue(checked > 0, "no CRM rows carried a run id to check");
  }
}
