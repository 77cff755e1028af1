package rapport.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Test helpers around run folders: byte-for-byte snapshots, copies, child JVMs. */
final class RunFolders {
  private RunFolders() {}

  /** The SHA-256 of every file under {@code dir}, by relative path. */
  static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(p).toString(), Manifest.sha256(p));
      }
    }
    return out;
  }

  /**
   * Every output of a committed run by path: its sha256 as its manifest records it (a table's is
   * its content digest), on any file system.
   */
  static Map<String, String> digests(Path run) {
    Map<String, String> out = new TreeMap<>();
    for (var o : Manifest.read(run).path("outputs")) {
      out.put(o.path("path").asText(), o.path("sha256").asText());
    }
    if (out.size() <= 10) {
      throw new AssertionError(run + " has too few outputs to compare: " + out);
    }
    return out;
  }

  /**
   * The outputs without those that name the run id (the CRM files, the outreach manifest, the
   * report): the id includes the code version, {@code dev} in a test JVM and the jar's in a {@code
   * ./rapport} process. Every table and chart stays.
   */
  static Map<String, String> withoutRunId(Map<String, String> digests) {
    Map<String, String> out = new TreeMap<>(digests);
    out.keySet().removeIf(p -> p.startsWith("outreach/") || p.startsWith("report/"));
    if (out.keySet().stream().filter(p -> p.startsWith("tables/")).count() < 10) {
      throw new AssertionError("too few tables to compare: " + out);
    }
    return out;
  }

  /** The files whose bytes differ between two snapshots: path, then "before -> after". */
  static Map<String, String> changes(Map<String, String> before, Map<String, String> after) {
    Map<String, String> out = new TreeMap<>();
    java.util.Set<String> paths = new java.util.TreeSet<>(before.keySet());
    paths.addAll(after.keySet());
    for (String p : paths) {
      if (!java.util.Objects.equals(before.get(p), after.get(p))) {
        out.put(p, before.get(p) + " -> " + after.get(p));
      }
    }
    return out;
  }

  /** A copy of {@code from} (new files, not links) as {@code to}. */
  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.sorted().toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  /** The names in {@code out}: committed folders, staging folders, lock files, _failed. */
  static List<String> names(Path out) throws IOException {
    try (Stream<Path> s = Files.list(out)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Starts the command line in a JVM of its own; what it prints goes to {@code log}. */
  static Process start(Path log, String... args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.add("@" + Path.of("spark-jvm.options").toAbsolutePath());
    cmd.add("-XX:TieredStopAtLevel=1"); // a short run, as the launcher's
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("rapport.cli.Main");
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }
}
