package rapport.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server for a test: S3Proxy (its own JVM, from the jar the slow-tests profile
 * copies to {@code jobs/target/s3-test}) on 127.0.0.1 and a free port, path-style, with AWS v2/v4
 * signatures checked against one test key. It keeps the objects in its memory (jclouds' transient
 * backend, a flat key space as S3 has: its filesystem backend answers a folder's key as an object,
 * which S3A then takes for a file). {@link #close()} stops the process.
 */
public final class S3Proxy implements AutoCloseable {
  public static final String ACCESS_KEY = "rapport-test";
  public static final String SECRET_KEY = "rapport-test-secret";

  /** What the slow-tests profile copies: the server's jar and the S3A connector's jars. */
  public static Path files() {
    return TestSpark.projectRoot().resolve("jobs/target/s3-test");
  }

  /** The S3A connector (hadoop-aws, its AWS SDK bundle), for a rapport process's class path. */
  public static Path connector() {
    return files().resolve("connector");
  }

  private final Process process;
  private final Path log;
  public final int port;

  private S3Proxy(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** Starts a server with these (empty) buckets; its settings and log go in {@code dir}. */
  public static S3Proxy start(Path dir, String... buckets) throws IOException {
    Path jar = files().resolve("s3proxy.jar");
    if (!Files.isRegularFile(jar) || !Files.isDirectory(connector())) {
      throw new IllegalStateException(
          jar
              + " or "
              + connector()
              + " is missing: run `mvn -B -Pslow-tests dependency:copy@s3proxy"
              + " dependency:copy-dependencies@s3a-connector` in jobs/ (as .ci/run does)");
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path properties = dir.resolve("s3proxy.properties");
    Files.writeString(
        properties,
        String.join(
            "\n",
            "s3proxy.endpoint=http://127.0.0.1:" + port,
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + ACCESS_KEY,
            "s3proxy.credential=" + SECRET_KEY,
            "jclouds.provider=transient",
            ""),
        StandardCharsets.UTF_8);
    Path log = dir.resolve("s3proxy.log");
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m",
            "-XX:TieredStopAtLevel=1",
            "-jar",
            jar.toString(),
            "--properties",
            properties.toString());
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    S3Proxy server = new S3Proxy(p, log, port);
    try {
      server.awaitStarted(Duration.ofSeconds(120));
      try (S3Client s3 =
          S3Client.builder()
              .endpointOverride(URI.create(server.endpoint()))
              .region(Region.US_EAST_1)
              .forcePathStyle(true)
              .credentialsProvider(
                  StaticCredentialsProvider.create(
                      AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
              .build()) {
        for (String bucket : buckets) {
          s3.createBucket(b -> b.bucket(bucket));
        }
      }
    } catch (RuntimeException | IOException e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void awaitStarted(Duration timeout) throws IOException {
    Instant end = Instant.now().plus(timeout);
    while (Instant.now().isBefore(end)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "S3Proxy exited with " + process.exitValue() + ":\n" + Files.readString(log));
      }
      if (Files.exists(log) && Files.readString(log).contains("Started Server@")) {
        return;
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException(
        "S3Proxy did not start within " + timeout + ":\n" + Files.readString(log));
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /**
   * The S3A settings for this server, without the credentials: what a user passes as {@code --conf
   * spark.hadoop.KEY=VALUE}.
   */
  public Map<String, String> s3aSettings() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("fs.s3a.endpoint", endpoint());
    s.put("fs.s3a.endpoint.region", "us-east-1");
    s.put("fs.s3a.path.style.access", "true");
    s.put("fs.s3a.connection.ssl.enabled", "false");
    // the AWS SDK (2.30 and later, hadoop-aws 3.5) signs a bulk delete with a CRC32 checksum
    // header, which S3Proxy refuses (501 NotImplemented): one delete request per object instead,
    // as README's "Object stores" says for such stores
    s.put("fs.s3a.multiobjectdelete.enable", "false");
    return s;
  }

  /** The server's log so far, for a failure message. */
  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
