package rapport.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.testing.Cli;

/**
 * A single-stage command starts from hard links to the committed run. Killed (SIGKILL) at any
 * moment of its writes, or failing, it must leave the committed run as it was, byte for byte, with
 * its {@code _SUCCESS}.
 */
@Tag("slow") // runs in .ci/run after mvn verify (jobs/pom.xml, profile slow-tests)
class SingleStageKillTest {
  static final String AS_OF = "2026-06-30";

  /** Each single-stage command and the folder of its last outputs, where the late kill lands. */
  static final Map<String, String> STAGES =
      Map.of(
          "classify", "tables/touches/",
          "score", "scores/",
          "retention", "retention/",
          "outreach", "outreach/",
          "report", "report/");

  @TempDir static Path dir;
  static Path config;
  static Path committed;

  @BeforeAll
  static void commitASmallWorld() {
    Path world = dir.resolve("world");
    Cli generated =
        Cli.run("generate", "--customers", "150", "--seed", "5", "--out", world.toString());
    assertEquals(0, generated.exitCode, generated::toString);
    config = world.resolve("rapport.yaml");
    Path out = dir.resolve("master");
    Cli run = Cli.run("run", "--config", config.toString(), "--out", out.toString());
    assertEquals(0, run.exitCode, run::toString);
    committed = out.resolve(AS_OF);
  }

  @Test
  void aKilledSingleStageLeavesTheCommittedRunByteForByte() throws Exception {
    int landed = 0;
    StringBuilder missed = new StringBuilder();
    for (String stage : List.of("classify", "score", "retention", "outreach", "report")) {
      // among the stage's last outputs (where a write through a link would change the committed
      // run), and once, for the first stage, at the first file written
      List<Object> killPoints =
          stage.equals("classify") ? List.of(1, STAGES.get(stage)) : List.of(STAGES.get(stage));
      for (Object killPoint : killPoints) {
        Path out = dir.resolve(stage + "-" + killPoint.toString().replace('/', '_'));
        Path run = out.resolve(AS_OF);
        RunFolders.copy(committed, run);
        earlierRun(run);
        Map<String, String> before = RunFolders.snapshot(run);
        Map<Object, String> committedFiles = attributes(run);
        Process p =
            RunFolders.start(
                out.resolve("log.txt"),
                stage,
                "--config",
                config.toString(),
                "--out",
                out.toString(),
                "--master",
                "local[1]");
        boolean killed = false;
        try {
          killed = killAt(p, out, committedFiles, killPoint);
        } finally {
          p.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
        }
        String what = stage + " killed at " + killPoint;
        if (!killed) {
          // it committed before the late kill arrived: a complete new run, nothing to compare
          assertFalse(killPoint instanceof Integer, () -> what + ": never killed: " + log(out));
          assertEquals(0, p.exitValue(), () -> what + ": " + log(out));
          missed.append(what).append("; ");
          continue;
        }
        landed++;
        assertEquals(
            Map.of(),
            RunFolders.changes(before, RunFolders.snapshot(run)),
            what + ": the committed run changed");
        assertTrue(Files.exists(run.resolve(RunFolder.SUCCESS)), what);
      }
    }
    assertTrue(
        landed >= 5, "kills that landed before the commit: " + landed + "; missed " + missed);
  }

  @Test
  void aSingleStageThatFailsOnAFullDiskLeavesTheCommittedRunByteForByte() throws Exception {
    for (String stage : List.of("classify", "score", "retention", "outreach", "report")) {
      try (FullDisk disk = FullDisk.mount(dir.resolve("disk-" + stage), 3 << 20)) {
        Path out = disk.dir().resolve("out");
        Path run = out.resolve(AS_OF);
        RunFolders.copy(committed, run);
        earlierRun(run);
        Map<String, String> before = RunFolders.snapshot(run);
        disk.fill(4096);
        Cli r = Cli.run(stage, "--config", config.toString(), "--out", out.toString());
        assertEquals(4, r.exitCode, () -> stage + ": " + r);
        assertEquals(1, r.err.lines().count(), () -> stage + ": one line: " + r.err);
        assertTrue(r.err.contains("No space left on device"), r.err);
        assertEquals(
            Map.of(),
            RunFolders.changes(before, RunFolders.snapshot(run)),
            stage + ": the committed run changed");
        assertTrue(Files.exists(run.resolve(RunFolder.SUCCESS)), stage);
        assertEquals(List.of(AS_OF, "_failed"), RunFolders.names(out), stage);
        assertTrue(
            Files.isRegularFile(
                out.resolve("_failed").resolve(AS_OF).resolve("quality/report.json")),
            stage);
      }
    }
  }

  /**
   * Makes the committed run's text outputs differ from what the stage writes, as after a change of
   * settings or data: a stage that writes into the committed files then changes their bytes.
   */
  private static void earlierRun(Path run) throws IOException {
    try (Stream<Path> walk = Files.walk(run)) {
      for (Path f : walk.toList()) {
        String n = f.getFileName().toString();
        if (n.equals(Manifest.FILE) || n.endsWith(".txt")) {
          Files.writeString(f, "\n", java.nio.file.StandardOpenOption.APPEND);
        }
      }
    }
  }

  /**
   * Waits until the staging folder holds {@code killPoint} changed files (a count), or a changed
   * file under a folder (a path prefix), then kills the process. False when it ended first.
   */
  private static boolean killAt(
      Process p, Path out, Map<Object, String> committedFiles, Object killPoint) throws Exception {
    Set<Object> changed = new HashSet<>();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (p.isAlive() && System.nanoTime() < deadline) {
      for (Path staging : stagingFolders(out)) {
        for (Map.Entry<Path, BasicFileAttributes> f : watched(staging, killPoint).entrySet()) {
          BasicFileAttributes a = f.getValue();
          boolean isNew = !committedFiles.containsKey(a.fileKey());
          boolean rewritten = !isNew && !committedFiles.get(a.fileKey()).equals(stamp(a));
          if (!isNew && !rewritten) {
            continue;
          }
          changed.add(a.fileKey());
          String rel = staging.relativize(f.getKey()).toString();
          boolean hit =
              killPoint instanceof Integer n
                  ? changed.size() >= n
                  : rel.startsWith((String) killPoint)
                      || rel.startsWith(((String) killPoint).replace("tables/", "tables/.new-"));
          if (hit) {
            p.destroyForcibly();
            return true;
          }
        }
      }
      Thread.sleep(2);
    }
    if (p.isAlive()) {
      fail("no kill point " + killPoint + " within 10 minutes: " + log(out));
    }
    return false;
  }

  /**
   * The files a kill point waits for: every file for a count, else only those under the folder (a
   * table's also under its {@code .new-} name). Walking only that folder keeps this 2 ms loop from
   * taking a core away from the process it watches.
   */
  private static Map<Path, BasicFileAttributes> watched(Path staging, Object killPoint) {
    if (killPoint instanceof Integer) {
      return files(staging);
    }
    String folder = (String) killPoint;
    Map<Path, BasicFileAttributes> out = new HashMap<>(files(staging.resolve(folder)));
    out.putAll(files(staging.resolve(folder.replace("tables/", "tables/.new-"))));
    return out;
  }

  private static List<Path> stagingFolders(Path out) throws IOException {
    try (Stream<Path> s = Files.list(out)) {
      return s.filter(f -> f.getFileName().toString().startsWith(".staging-")).toList();
    }
  }

  /** Regular files under {@code dir} with their attributes; files that vanish are skipped. */
  private static Map<Path, BasicFileAttributes> files(Path dir) {
    Map<Path, BasicFileAttributes> out = new HashMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.forEach(
          f -> {
            try {
              BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
              if (a.isRegularFile()) {
                out.put(f, a);
              }
            } catch (IOException e) {
              // renamed or removed while we looked
            }
          });
    } catch (IOException | java.io.UncheckedIOException e) {
      // the staging folder was renamed or removed while we walked it
    }
    return out;
  }

  private static Map<Object, String> attributes(Path run) {
    Map<Object, String> out = new HashMap<>();
    files(run).values().forEach(a -> out.put(a.fileKey(), stamp(a)));
    assertFalse(out.containsKey(null), "the file system gives file keys");
    return out;
  }

  private static String stamp(BasicFileAttributes a) {
    return a.size() + "/" + a.lastModifiedTime().toMillis();
  }

  private static String log(Path out) {
    try {
      return Files.readString(out.resolve("log.txt"));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
