package rapport.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.testing.Cli;
import rapport.testing.StandaloneCluster;
import rapport.testing.TestSpark;

/**
 * The same jar on a real Spark standalone cluster (a Master and two Workers, separate JVMs on
 * 127.0.0.1, from the build's jars): {@code rapport run --master spark://...} with the driver in
 * the client, and {@code SparkSubmit --deploy-mode cluster} of rapport-submit.jar with the driver
 * on a worker, each commit a run whose tables and charts have the digests of the local run's, and
 * whose every output (the CRM files and the report too) has the digest of the other's.
 */
@Tag("slow") // needs the packaged jars: runs in .ci/run after mvn verify (profile slow-tests)
class StandaloneClusterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String AS_OF = "2026-06-30";

  @TempDir static Path dir;
  private static StandaloneCluster cluster;
  private static Path config;
  private static Map<String, String> local;
  private static Map<String, String> onCluster;

  @BeforeAll
  static void startClusterAndRunLocally() throws Exception {
    Path world = dir.resolve("world");
    Cli generated =
        Cli.run("generate", "--customers", "120", "--seed", "23", "--out", world.toString());
    assertEquals(0, generated.exitCode, generated.toString());
    config = world.resolve("rapport.yaml");
    cluster = StandaloneCluster.start(dir.resolve("cluster"), 2);
    // the local reference runs in this JVM (version dev): its tables and charts are compared with
    // the cluster's; the outputs that name the run id (which holds the jar's version) are compared
    // between the two runs of the jar on the cluster
    Cli r = Cli.run("run", "--config", config.toString(), "--out", dir.resolve("local").toString());
    assertEquals(0, r.exitCode, r::toString);
    local = RunFolders.digests(dir.resolve("local").resolve(AS_OF));
  }

  /**
   * A run of the jar on the cluster against the local run (every output, those that name the run id
   * aside) and against the other run of the jar on the cluster, when it ran first (every output).
   */
  private static synchronized void assertLocalDigests(Path committed) {
    Map<String, String> digests = RunFolders.digests(committed);
    assertEquals(local.keySet(), digests.keySet());
    assertEquals(RunFolders.withoutRunId(local), RunFolders.withoutRunId(digests));
    if (onCluster != null) {
      assertEquals(onCluster, digests, "the two runs of the jar on the cluster");
    }
    onCluster = digests;
  }

  /** The command line of ./rapport: the jar with Spark's jars beside it. */
  private static List<String> rapport(String... args) {
    Path jar = StandaloneCluster.target().resolve("rapport.jar");
    assertTrue(Files.isRegularFile(jar), jar + " is missing: run mvn -B package first");
    List<String> cmd =
        new ArrayList<>(
            cluster.java(
                "-cp",
                jar + ":" + StandaloneCluster.target().resolve("spark-lib") + "/*",
                "rapport.cli.Main"));
    cmd.addAll(List.of(args));
    return cmd;
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void runWithMasterUrlShipsTheJarAndGivesTheLocalDigests() throws Exception {
    Path out = dir.resolve("client");
    List<String> cmd =
        rapport(
            "run",
            "--config",
            config.toString(),
            "--out",
            out.toString(),
            "--master",
            cluster.url(),
            "--conf",
            "spark.driver.host=127.0.0.1",
            "--conf",
            "spark.executor.memory=1g");
    run(cmd, dir.resolve("client.log"));
    Path committed = out.resolve(AS_OF);
    assertLocalDigests(committed);
    JsonNode spark = JSON.readTree(committed.resolve("manifest.json").toFile()).path("spark");
    assertEquals(cluster.url(), spark.path("master").asText());
    assertEquals("1g", spark.path("settings").path("spark.executor.memory").asText());
  }

  @Test
  void sparkSubmitInClusterDeployModeGivesTheLocalDigests() throws Exception {
    Path out = dir.resolve("submitted");
    Path jar = StandaloneCluster.target().resolve("rapport-submit.jar");
    assertTrue(Files.isRegularFile(jar), jar + " is missing: run mvn -B package first");
    List<String> cmd =
        cluster.java(
            "-cp",
            dir.resolve("cluster/spark-home/jars") + "/*",
            "org.apache.spark.deploy.SparkSubmit",
            "--master",
            cluster.url(),
            "--deploy-mode",
            "cluster",
            "--conf",
            "spark.standalone.submit.waitAppCompletion=true",
            "--conf",
            "spark.driver.host=127.0.0.1",
            "--conf",
            "spark.driver.memory=1g",
            // a standalone master launches a cluster-mode driver without Spark's Java 17 flags
            "--conf",
            "spark.driver.extraJavaOptions=" + jvmOptions(),
            "--conf",
            "spark.executor.memory=1g",
            "--class",
            "rapport.cli.Main",
            jar.toString(),
            "run",
            "--config",
            config.toString(),
            "--out",
            out.toString());
    run(cmd, dir.resolve("submitted.log"));
    Path committed = out.resolve(AS_OF);
    assertTrue(
        Files.isRegularFile(committed.resolve(RunFolder.SUCCESS)),
        "the driver on the worker committed no run; see " + dir.resolve("cluster"));
    assertLocalDigests(committed);
    assertEquals(
        "cluster",
        JSON.readTree(committed.resolve("manifest.json").toFile())
            .path("spark")
            .path("settings")
            .path("spark.submit.deployMode")
            .asText());
  }

  private static void run(List<String> cmd, Path log) throws Exception {
    run(cmd, log, cluster.environment());
  }

  /** Runs a child process with {@code env} added, its output to {@code log}; fails unless 0. */
  static void run(List<String> cmd, Path log, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.redirectOutput(log.toFile()).start();
    if (!p.waitFor(15, TimeUnit.MINUTES)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError("no result within 15 minutes; see " + log);
    }
    assertEquals(0, p.exitValue(), () -> tail(log));
  }

  /** The flags of jobs/spark-jvm.options on one line. */
  static String jvmOptions() throws IOException {
    return String.join(
        " ",
        Files.readAllLines(TestSpark.projectRoot().resolve("jobs/spark-jvm.options")).stream()
            .map(String::trim)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .toList());
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join(
          "\n", new ArrayList<>(lines.subList(Math.max(0, lines.size() - 40), lines.size())));
    } catch (IOException e) {
      return log + ": " + e.getMessage();
    }
  }
}
