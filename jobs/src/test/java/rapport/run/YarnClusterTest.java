package rapport.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.testing.Cli;
import rapport.testing.StandaloneCluster;
import rapport.testing.TestSpark;
import rapport.testing.YarnCluster;

/**
 * The same jar on a real YARN cluster (Hadoop's MiniYARNCluster: a ResourceManager and a
 * NodeManager whose containers are processes of their own), without a Spark installation: {@code
 * rapport run --master yarn} with the driver in the client, and {@code SparkSubmit --master yarn
 * --deploy-mode cluster} of rapport-submit.jar with the driver in the application master's
 * container. Each commits a run whose every output has the digest of the local run's.
 */
@Tag("slow") // needs the packaged jars (profile slow-tests)
@Tag("yarn") // on demand, not in .ci/run: README, "YARN and Kubernetes"
class YarnClusterTest {
  private static final String AS_OF = "2026-06-30";

  @TempDir static Path dir;
  private static YarnCluster yarn;
  private static Path config;
  private static Map<String, String> local;

  @BeforeAll
  static void startYarnAndRunLocally() throws Exception {
    Path world = dir.resolve("world");
    Cli generated =
        Cli.run("generate", "--customers", "120", "--seed", "23", "--out", world.toString());
    assertEquals(0, generated.exitCode, generated.toString());
    config = world.resolve("rapport.yaml");
    yarn = YarnCluster.start(dir.resolve("yarn"), 4096, 4);
    StandaloneClusterTest.run(
        rapport("run", "--config", config.toString(), "--out", dir.resolve("local").toString()),
        dir.resolve("local.log"),
        Map.of());
    local = RunFolders.digests(dir.resolve("local").resolve(AS_OF));
  }

  @AfterAll
  static void stopYarn() {
    if (yarn != null) {
      yarn.close();
    }
  }

  @Test
  void runWithYarnMasterShipsTheJarsAndGivesTheLocalDigests() throws Exception {
    Path out = dir.resolve("client");
    // the launcher, as a user runs it: it puts HADOOP_CONF_DIR on the class path
    List<String> cmd =
        new ArrayList<>(
            List.of(
                TestSpark.projectRoot().resolve("rapport").toString(),
                "run",
                "--config",
                config.toString(),
                "--out",
                out.toString(),
                "--master",
                "yarn"));
    cmd.addAll(containerSettings("--conf"));
    StandaloneClusterTest.run(cmd, dir.resolve("client.log"), yarn.environment());
    Path committed = out.resolve(AS_OF);
    assertEquals(local, RunFolders.digests(committed), "container logs: " + yarn.logs());
    assertEquals(
        "yarn",
        new ObjectMapper()
            .readTree(committed.resolve("manifest.json").toFile())
            .path("spark")
            .path("master")
            .asText());
  }

  @Test
  void sparkSubmitInClusterDeployModeGivesTheLocalDigests() throws Exception {
    Path out = dir.resolve("submitted");
    Path jar = StandaloneCluster.target().resolve("rapport-submit.jar");
    assertTrue(Files.isRegularFile(jar), jar + " is missing: run mvn -B package first");
    // a Spark installation's jars: Spark's own and the libraries the build keeps in lib
    String sparkJars =
        StandaloneCluster.target().resolve("spark-lib")
            + "/*,"
            + StandaloneCluster.target().resolve("lib")
            + "/*";
    List<String> cmd =
        java(
            "-cp",
            yarn.environment().get("HADOOP_CONF_DIR") + ":" + sparkJars.replace(',', ':'),
            "org.apache.spark.deploy.SparkSubmit",
            "--master",
            "yarn",
            "--deploy-mode",
            "cluster",
            // no Spark installation: the containers get Spark's jars from the build
            "--conf",
            "spark.yarn.jars=" + sparkJars,
            "--conf",
            "spark.driver.memory=1g");
    cmd.addAll(containerSettings("--conf"));
    cmd.addAll(
        List.of(
            "--class",
            "rapport.cli.Main",
            jar.toString(),
            "run",
            "--config",
            config.toString(),
            "--out",
            out.toString()));
    StandaloneClusterTest.run(cmd, dir.resolve("submitted.log"), yarn.environment());
    Path committed = out.resolve(AS_OF);
    assertTrue(
        Files.isRegularFile(committed.resolve(RunFolder.SUCCESS)),
        "the driver in the application master committed no run; container logs: " + yarn.logs());
    assertEquals(local, RunFolders.digests(committed));
  }

  /** Containers of a size the test's NodeManager holds, on this machine's Java. */
  private static List<String> containerSettings(String flag) {
    String javaHome = System.getProperty("java.home");
    List<String> out = new ArrayList<>();
    for (String kv :
        List.of(
            "spark.executor.instances=1",
            "spark.executor.memory=1g",
            "spark.yarn.am.memory=512m",
            "spark.driver.host=127.0.0.1",
            "spark.yarn.appMasterEnv.JAVA_HOME=" + javaHome,
            "spark.executorEnv.JAVA_HOME=" + javaHome)) {
      out.add(flag);
      out.add(kv);
    }
    return out;
  }

  /** The command line of ./rapport: the jar with Spark's jars beside it. */
  private static List<String> rapport(String... args) {
    Path jar = StandaloneCluster.target().resolve("rapport.jar");
    assertTrue(Files.isRegularFile(jar), jar + " is missing: run mvn -B package first");
    List<String> cmd =
        java(
            "-cp",
            jar + ":" + StandaloneCluster.target().resolve("spark-lib") + "/*",
            "rapport.cli.Main");
    cmd.addAll(List.of(args));
    return cmd;
  }

  private static List<String> java(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("@" + TestSpark.projectRoot().resolve("jobs/spark-jvm.options"));
    cmd.add("-Xmx1g");
    cmd.addAll(List.of(args));
    return cmd;
  }
}
