package rapport.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
import rapport.testing.S3Proxy;
import rapport.testing.TestSpark;

/**
 * A real HDFS (a NameNode and a DataNode of Hadoop's minicluster in this JVM) holds the inputs and
 * the configuration and receives the outputs through {@code hdfs://} paths: every output has the
 * digest of the local run's on the same small generated world (with its bad rows). The marker
 * commit, the exclusive lock and a run that fails half-way, on HDFS. The same on an object store
 * through {@code s3a://}: a real S3-compatible server (S3Proxy, its own process) and a rapport
 * process started by the launcher with the S3A connector on its class path.
 */
@Tag("slow") // about 8 minutes on a shared 2-core machine: runs in .ci/run (profile slow-tests)
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

  /** {@code --conf spark.hadoop.KEY=VALUE} for every S3A setting, as a user passes them. */
  private static List<String> confArgs(Map<String, String> s3a) {
    List<String> args = new ArrayList<>();
    s3a.forEach((k, v) -> args.addAll(List.of("--conf", "spark.hadoop." + k + "=" + v)));
    return args;
  }

  private static String[] args(List<String> command, List<String> conf) {
    List<String> all = new ArrayList<>(command);
    all.addAll(conf);
    return all.toArray(String[]::new);
  }

  @Test
  @Tag("s3") // on demand, not in .ci/run: README, "Object stores"
  void inputsConfigAndOutputsOnS3aGiveTheLocalDigestsWithTheMarkerCommit() throws Exception {
    String config = "s3a://rapport/world/rapport.yaml";
    String outUri = "s3a://rapport/out";
    Configuration session = TestSpark.session().sparkContext().hadoopConfiguration();
    try (S3Proxy s3 = S3Proxy.start(Files.createDirectories(dir.resolve("s3")), "rapport")) {
      Map<String, String> s3a = new java.util.LinkedHashMap<>(s3.s3aSettings());
      // the inputs and the configuration go into the bucket through S3A
      Configuration upload = new Configuration(session);
      s3a.forEach(upload::set);
      upload.set("fs.s3a.access.key", S3Proxy.ACCESS_KEY);
      upload.set("fs.s3a.secret.key", S3Proxy.SECRET_KEY);
      // S3Proxy refuses the SDK transfer manager's file upload (its payload digest); rapport
      // writes through streams, which this upload uses too
      upload.set("fs.s3a.optimized.copy.from.local.enabled", "false");
      org.apache.hadoop.fs.FileSystem.newInstance(URI.create("s3a://rapport/"), upload)
          .copyFromLocalFile(
              new org.apache.hadoop.fs.Path(dir.resolve("world").toUri()),
              new org.apache.hadoop.fs.Path("s3a://rapport/world"));

      // a user's run: ./rapport with the connector added (RAPPORT_CLASSPATH), the endpoint by
      // --conf, the credentials in the environment; output.commit is auto, so marker on s3a
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  TestSpark.projectRoot().resolve("rapport").toString(),
                  "run",
                  "--config",
                  config,
                  "--out",
                  outUri));
      cmd.addAll(confArgs(s3a));
      Path stdout = dir.resolve("s3-run.out");
      Path stderr = dir.resolve("s3-run.err");
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .directory(TestSpark.projectRoot().toFile())
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile());
      pb.environment().put("RAPPORT_CLASSPATH", S3Proxy.connector() + "/*");
      pb.environment().put("RAPPORT_JAVA_OPTS", "-Xmx2g");
      pb.environment().put("AWS_ACCESS_KEY_ID", S3Proxy.ACCESS_KEY);
      pb.environment().put("AWS_SECRET_ACCESS_KEY", S3Proxy.SECRET_KEY);
      Process p = pb.start();
      try {
        if (!p.waitFor(20, TimeUnit.MINUTES)) {
          throw new AssertionError("the s3a run did not finish in 20 minutes; see " + stderr);
        }
      } finally {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
      String out = Files.readString(stdout);
      String err = Files.readString(stderr);
      assertEquals(
          0, p.exitValue(), () -> "stdout:\n" + out + "\nstderr:\n" + err + "\n" + s3.log());

      // this JVM reads the bucket with the same settings (and so does its second run below)
      s3a.forEach(session::set);
      s3a.put("fs.s3a.access.key", S3Proxy.ACCESS_KEY);
      s3a.put("fs.s3a.secret.key", S3Proxy.SECRET_KEY);
      s3a.forEach(session::set);
      Storage.configure(session);
      try {
        Path outDir = Storage.path(outUri);
        Path run1 = Storage.path(lastLine(out));
        assertEquals(outDir.resolve("runs"), run1.getParent(), out);
        assertTrue(Files.exists(run1.resolve(RunLayout.SUCCESS)), "the marker is written");
        assertEquals(run1, RunLayout.committed(outDir, AS_OF).orElseThrow());
        assertTrue(
            Files.readString(RunLayout.pointer(outDir, AS_OF))
                .contains(run1.getFileName().toString()),
            "LATEST names the run");
        Map<String, String> digests = RunFolders.digests(run1);
        assertEquals(local.keySet(), digests.keySet());
        assertEquals(RunFolders.withoutRunId(local), RunFolders.withoutRunId(digests));
        assertFalse(Files.exists(outDir.resolve(".lock-2026-06-30")), "the lock is released");
        Map<String, String> first = RunFolders.snapshot(run1);

        // the lock, on the bucket: a run of the date is refused while another holds it
        List<String> conf = confArgs(s3a);
        List<String> ingest = List.of("ingest", "--config", config, "--out", outUri);
        try (RunFolder held = RunFolder.open(outDir, AS_OF, CommitMode.MARKER)) {
          assertTrue(Files.exists(outDir.resolve(".lock-2026-06-30")), "the lock is an object");
          Cli refused = Cli.run(args(ingest, conf));
          assertEquals(4, refused.exitCode, refused::toString);
          assertTrue(refused.err.contains("another run of as_of 2026-06-30"), refused.err);
          held.discard();
        }
        assertFalse(Files.exists(outDir.resolve(".lock-2026-06-30")), "the lock is released");

        // a second run of the date: committed by its own marker, the first left as it was
        Cli second = Cli.run(args(ingest, conf));
        assertEquals(0, second.exitCode, second::toString);
        Path run2 = Storage.path(lastLine(second.out));
        assertFalse(run1.equals(run2), run2.toString());
        assertTrue(Files.exists(run2.resolve(RunLayout.SUCCESS)));
        assertEquals(run2, RunLayout.committed(outDir, AS_OF).orElseThrow());
        assertEquals(first, RunFolders.snapshot(run1), "the first run is never touched");
        assertEquals(digests, RunFolders.digests(run1));
      } finally {
        s3a.keySet().forEach(session::unset);
      }
    }
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
