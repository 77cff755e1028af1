package rapport.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for a test: initdb and pg_ctl (Debian's {@code postgresql} package) on a
 * new folder, listening on 127.0.0.1 on a free port, with password authentication for the superuser
 * {@code postgres}. As root the binaries run as the {@code postgres} user (initdb refuses root).
 * {@link #close()} stops the server and removes the folder.
 */
public final class PostgresServer implements AutoCloseable {
  public static final String USER = "postgres";

  private final Path bin;
  private final Path dir;
  private final boolean asPostgres;
  public final int port;

  private PostgresServer(Path bin, Path dir, boolean asPostgres, int port) {
    this.bin = bin;
    this.dir = dir;
    this.asPostgres = asPostgres;
    this.port = port;
  }

  /** The folder of initdb and pg_ctl, the newest installed version; empty when none is. */
  public static Optional<Path> binaries() {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(
              b ->
                  Files.isExecutable(b.resolve("initdb"))
                      && Files.isExecutable(b.resolve("pg_ctl")))
          .max(Comparator.comparing(b -> b.getParent().getFileName().toString()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Starts a server whose superuser's password is {@code password}. */
  public static PostgresServer start(Path bin, String password) throws Exception {
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("rapport-pg");
    Path data = dir.resolve("data");
    Path pw = dir.resolve("pw");
    Files.writeString(pw, password + "\n", StandardCharsets.UTF_8);
    if (root) {
      run(List.of("chown", "-R", USER + ":" + USER, dir.toString()), false);
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    PostgresServer server = new PostgresServer(bin, dir, root, port);
    server.pg(
        "initdb",
        "-D",
        data.toString(),
        "-U",
        USER,
        "--auth=scram-sha-256",
        "--pwfile=" + pw,
        "-E",
        "UTF8",
        "--locale=C");
    server.pg(
        "pg_ctl",
        "-D",
        data.toString(),
        "-l",
        dir.resolve("log").toString(),
        "-w",
        "-t",
        "60",
        "-o",
        "-c listen_addresses=127.0.0.1 -p " + port + " -k " + dir + " -c fsync=off",
        "start");
    return server;
  }

  public String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  private void pg(String tool, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    if (asPostgres) {
      cmd.addAll(List.of("runuser", "-u", USER, "--"));
    }
    cmd.add(bin.resolve(tool).toString());
    cmd.addAll(List.of(args));
    run(cmd, true);
  }

  private static void run(List<String> cmd, boolean check) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", cmd) + " did not finish in 120 s");
    }
    if (check && p.exitValue() != 0) {
      throw new IllegalStateException(
          String.join(" ", cmd) + " failed (exit " + p.exitValue() + "):\n" + output);
    }
  }

  @Override
  public void close() throws Exception {
    try {
      pg("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
    } finally {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(f);
        }
      }
    }
  }
}
