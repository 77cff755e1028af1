package rapport.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on 127.0.0.1: one Master and N Worker JVMs, each its own process,
 * started from the jars of the build (jobs/target/spark-lib and jobs/target/lib, linked into a
 * SPARK_HOME/jars folder as a Spark installation has them). {@link #close} stops every process it
 * started, with the executors and drivers the workers launched.
 */
public final class StandaloneCluster implements AutoCloseable {
  private final Path home;
  private final List<Process> daemons = new ArrayList<>();
  private final int port;

  private StandaloneCluster(Path home, int port) {
    this.home = home;
    this.port = port;
  }

  /** The build's jars: rapport's own (lib) and Spark's (spark-lib). */
  public static Path target() {
    return TestSpark.projectRoot().resolve("jobs/target");
  }

  /**
   * Starts a Master and {@code workers} Workers of one core each and waits until every worker has
   * registered.
   */
  public static StandaloneCluster start(Path dir, int workers) throws IOException {
    Path home = dir.resolve("spark-home");
    Path jars = Files.createDirectories(home.resolve("jars"));
    for (String lib : List.of("lib", "spark-lib")) {
      Path from = target().resolve(lib);
      if (!Files.isDirectory(from)) {
        throw new IllegalStateException(from + " is missing: run mvn -B package first");
      }
      try (Stream<Path> s = Files.list(from)) {
        for (Path jar : s.toList()) {
          Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
        }
      }
    }
    StandaloneCluster c = new StandaloneCluster(home, freePort());
    try {
      Path masterLog = dir.resolve("master.log");
      c.daemons.add(
          c.launch(
              masterLog,
              "org.apache.spark.deploy.master.Master",
              "--host",
              "127.0.0.1",
              "--port",
              String.valueOf(c.port),
              "--webui-port",
              String.valueOf(freePort())));
      for (int i = 1; i <= workers; i++) {
        Path work = Files.createDirectories(dir.resolve("worker-" + i));
        c.daemons.add(
            c.launch(
                dir.resolve("worker-" + i + ".log"),
                "org.apache.spark.deploy.worker.Worker",
                "--host",
                "127.0.0.1",
                "--cores",
                "1",
                "--memory",
                "1536m",
                "--work-dir",
                work.toString(),
                "--webui-port",
                String.valueOf(freePort()),
                c.url()));
      }
      c.awaitLog(masterLog, "Registering worker", workers, Duration.ofMinutes(3));
      return c;
    } catch (IOException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  public String url() {
    return "spark://127.0.0.1:" + port;
  }

  /** The environment a Spark process of this cluster (or spark-submit) needs. */
  public Map<String, String> environment() {
    return Map.of(
        "SPARK_HOME",
        home.toString(),
        "SPARK_SCALA_VERSION",
        "2.13",
        "SPARK_LOCAL_IP",
        "127.0.0.1");
  }

  /** A java command line with Spark's module flags and this cluster's jars on the class path. */
  public List<String> java(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("@" + TestSpark.projectRoot().resolve("jobs/spark-jvm.options"));
    cmd.add("-XX:TieredStopAtLevel=1"); // short-lived daemons, as the launcher's JVM
    cmd.add("-Xmx512m");
    cmd.addAll(List.of(args));
    return cmd;
  }

  private Process launch(Path log, String mainClass, String... args) throws IOException {
    List<String> cmd = java("-cp", home.resolve("jars") + "/*", mainClass);
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(environment());
    return pb.redirectOutput(log.toFile()).start();
  }

  private void awaitLog(Path log, String line, int times, Duration timeout) throws IOException {
    Instant end = Instant.now().plus(timeout);
    while (Instant.now().isBefore(end)) {
      for (Process p : daemons) {
        if (!p.isAlive()) {
          throw new IllegalStateException(
              "a cluster daemon exited with " + p.exitValue() + "; see the logs beside " + log);
        }
      }
      if (Files.exists(log)) {
        long n = Files.readAllLines(log).stream().filter(l -> l.contains(line)).count();
        if (n >= times) {
          return;
        }
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException(
        "the cluster did not start within "
            + timeout
            + ": no "
            + times
            + " '"
            + line
            + "' in "
            + log);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the workers (with the executors and drivers they launched), then the master. */
  @Override
  public void close() {
    for (int i = daemons.size() - 1; i >= 0; i--) {
      Process p = daemons.get(i);
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      try {
        p.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    // the links into the build's jars go with the cluster (they are not the test's files)
    try (Stream<Path> links = Files.list(home.resolve("jars"))) {
      for (Path link : links.toList()) {
        Files.deleteIfExists(link);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
