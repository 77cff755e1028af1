package rapport.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.cli.Stages;
import rapport.config.CommitMode;
import rapport.fs.Storage;
import rapport.ingest.IngestStage;
import rapport.testing.Cli;
import rapport.testing.TestSpark;

/**
 * A real HDFS (a NameNode and a DataNode of Hadoop's minicluster in this JVM) holds the inputs and
 * the configuration and receives the outputs through {@code hdfs://} paths: every output has the
 * digest of the local run's on the same small generated world (with its bad rows). The marker
 * commit, the exclusive lock and a run that fails half-way, on HDFS.
 */
@Tag("slow") // about 6 minutes on a shared 2-core machine: runs in .ci/run (profile slow-tests)
class HdfsRunTest {
  private static final LocalDate AS_OF = LocalDate.parse("2026-06-30");
  @TempDir static Path dir;
  private static MiniDFSCluster hdfs;
  private static String uri;
  private static Map<String, String> local;

  @BeforeAll
  static void startHdfsAndRunLocally() throws IOException {
    Path world = dir.resolve("world");
    Cli generated =
        Cli.run("generate", "--customers", "120", "--seed", "23", "--out", world.toString());
    assertEquals(0, generated.exitCode, generated::toString);
    Files.writeString(
        world.resolve("rapport-marker.yaml"),
        Files.readString(world.resolve("rapport.yaml")) + "output:\n  commit: marker\n");
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toString());
    hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    hdfs.waitActive();
    uri = hdfs.getURI().toString();
    hdfs.getFileSystem()
        .copyFromLocalFile(
            new org.apache.hadoop.fs.Path(world.toUri()),
            new org.apache.hadoop.fs.Path(uri + "/world"));
    Cli r =
        Cli.run(
            "run",
            "--config",
            world.resolve("rapport.yaml").toString(),
            "--out",
            dir.resolve("local").toString());
    assertEquals(0, r.exitCode, r::toString);
    local = RunFolders.digests(dir.resolve("local").resolve(AS_OF.toString()));
  }

  @AfterAll
  static void stopHdfs() {
    if (hdfs != null) {
      hdfs.shutdown(true);
    }
  }

  private static String lastLine(String text) {
    List<String> lines = text.lines().toList();
    return lines.get(lines.size() - 1);
  }

  @Test
  void inputsConfigAndOutputsOnHdfsGiveTheLocalDigests() throws IOException {
    Cli r = Cli.run("run", "--config", uri + "/world/rapport.yaml", "--out", uri + "/rename/out");
    assertEquals(0, r.exitCode, r::toString);
    assertEquals(uri + "/rename/out/2026-06-30", lastLine(r.out));
    Path run = Storage.path(uri + "/rename/out/2026-06-30");
    assertTrue(RunLayout.isComplete(run));
    assertEquals(local, RunFolders.digests(run));
    assertEquals(List.of("2026-06-30", "history"), RunFolders.names(run.getParent()));
    assertTrue(
        Files.isDirectory(run.getParent().resolve("history/relationship_scores/as_of=2026-06-30")));
  }

  @Test
  void theMarkerCommitOnHdfsLeavesThePreviousRunUntilItsMarker() throws IOException {
    String config = uri + "/world/rapport-marker.yaml";
    Path out = Storage.path(uri + "/marker/out");
    Cli first = Cli.run("ingest", "--config", config, "--out", out.toString());
    assertEquals(0, first.exitCode, first::toString);
    Path run1 = Storage.path(lastLine(first.out));
    assertEquals(out.resolve("runs"), run1.getParent());
    assertEquals(run1, RunLayout.committed(out, AS_OF).orElseThrow());
    Map<String, String> before = Manifest.outputs(run1);
    assertTrue(before.containsKey("tables/orders"), before.toString());

    // a second run of the date: the first is the committed one until the second's marker
    Path run2;
    try (RunFolder second = RunFolder.open(out, AS_OF, CommitMode.MARKER)) {
      // the lock: a third run of the date is refused while this one holds it
      Cli refused = Cli.run("ingest", "--config", config, "--out", out.toString());
      assertEquals(4, refused.exitCode, refused::toString);
      assertTrue(refused.err.contains("another run of as_of 2026-06-30"), refused.err);
      second.seedFromCommitted();
      RunFiles.writeString(second.staging().resolve("quality/note.txt"), "the second run\n");
      assertEquals(run1, RunLayout.committed(out, AS_OF).orElseThrow());
      run2 = second.commit();
    }
    assertFalse(Files.exists(out.resolve(".lock-2026-06-30")), "the lock is released");
    assertEquals(run2, RunLayout.committed(out, AS_OF).orElseThrow());
    assertEquals(before, Manifest.outputs(run1), "the first run is never touched");
    String pointer = Files.readString(RunLayout.pointer(out, AS_OF));

    // a crash half-way: the pointer still names the second run, which is as it was
    Map<String, String> second = Manifest.outputs(run2);
    Stage crash = new CrashingStage();
    assertThrows(
        IllegalStateException.class,
        () ->
            Pipeline.run(
                TestSpark.session(),
                Stages.loadConfig(Storage.path(config)),
                AS_OF,
                out,
                List.of(new IngestStage(), crash),
                false,
                Progress.silent()));
    assertEquals(pointer, Files.readString(RunLayout.pointer(out, AS_OF)));
    assertEquals(run2, RunLayout.committed(out, AS_OF).orElseThrow());
    assertEquals(second, Manifest.outputs(run2));
  }
}
