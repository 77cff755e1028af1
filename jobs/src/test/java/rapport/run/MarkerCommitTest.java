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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.cli.Stages;
import rapport.config.CommitMode;
import rapport.config.RapportConfig;
import rapport.errors.ExitCode;
import rapport.errors.RapportException;
import rapport.ingest.IngestStage;
import rapport.testing.Cli;
import rapport.testing.TestSpark;

/**
 * The marker commit ({@code output.commit: marker}) on local disk: a run is published by its {@code
 * .LATEST} pointer written after its {@code _SUCCESS}, a second run of the same date leaves the
 * first one the committed run until its own marker, and a run that fails half-way leaves the
 * previous run committed and untouched.
 */
class MarkerCommitTest {
  private static final LocalDate AS_OF = LocalDate.parse("2026-06-30");
  @TempDir static Path world;
  static Path config;

  @BeforeAll
  static void world() throws IOException {
    StringBuilder customers = new StringBuilder("customer_id,first_name,customer_since\n");
    StringBuilder orders = new StringBuilder("order_id,customer_id,ordered_at,amount\n");
    for (int i = 0; i < 60; i++) {
      customers.append("C").append(i).append(",Name").append(i).append(",2020-01-01\n");
      orders.append("O").append(i).append(",C").append(i).append(",2026-03-0");
      orders.append(1 + i % 9).append(" 10:00,").append(10 + i).append(".50\n");
    }
    orders.append("Obad,C1,not a date,1.00\n"); // the poison row: quarantined, never committed
    Files.writeString(world.resolve("customers.csv"), customers);
    Files.writeString(world.resolve("orders.csv"), orders);
    config = world.resolve("rapport.yaml");
    Files.writeString(
        config,
        "as_of: 2026-06-30\noutput:\n  commit: marker\ninputs:\n  customers: {path: customers.csv}\n"
            + "  orders: {path: orders.csv}\n");
  }

  private static Path ingest(Path out) {
    Cli r = Cli.run("ingest", "--config", config.toString(), "--out", out.toString());
    assertEquals(0, r.exitCode, r::toString);
    List<String> lines = r.out.lines().toList();
    return Path.of(lines.get(lines.size() - 1));
  }

  @Test
  void aRunIsPublishedByItsPointer(@TempDir Path out) throws IOException {
    Path run = ingest(out);
    assertEquals(out.resolve("runs"), run.getParent(), "written in place under runs/");
    assertTrue(run.getFileName().toString().startsWith("2026-06-30-"), run.toString());
    assertTrue(Files.isRegularFile(run.resolve(RunLayout.SUCCESS)));
    assertEquals(
        "runs/" + run.getFileName() + "\n",
        Files.readString(out.resolve("2026-06-30.LATEST")),
        "the pointer names the run");
    assertEquals(run, RunLayout.committed(out, AS_OF).orElseThrow());
    assertEquals(run, RunLayout.resolve(out.resolve("2026-06-30")).orElseThrow());
    assertFalse(Files.exists(out.resolve("2026-06-30")), "no folder of the rename layout");
    Map<String, String> outputs = Manifest.outputs(run);
    assertTrue(outputs.containsKey("tables/orders"), outputs.toString());
    assertTrue(
        Files.readString(run.resolve("quality/quarantine/orders.csv")).contains("Obad"),
        "the poison row is quarantined");
    // a stage on its own starts from the run the pointer names
    Cli again = Cli.run("ingest", "--config", config.toString(), "--out", out.toString());
    assertEquals(0, again.exitCode, again::toString);
    assertEquals(outputs, Manifest.outputs(RunLayout.committed(out, AS_OF).orElseThrow()));
  }

  @Test
  void aSecondRunLeavesTheFirstCommittedUntilItsMarker(@TempDir Path out) throws IOException {
    Path first = ingest(out);
    Map<String, String> before = Manifest.outputs(first);
    Path second;
    try (RunFolder folder = RunFolder.open(out, AS_OF, CommitMode.MARKER)) {
      assertTrue(folder.hasCommitted());
      folder.seedFromCommitted();
      second = folder.staging();
      RunFiles.writeString(second.resolve("quality/note.txt"), "the second run\n");
      assertEquals(first, RunLayout.committed(out, AS_OF).orElseThrow(), "before its marker");
      assertEquals(second, folder.commit());
    }
    assertEquals(second, RunLayout.committed(out, AS_OF).orElseThrow(), "after its marker");
    assertEquals(before, Manifest.outputs(first), "the first run is never touched");
    assertTrue(RunLayout.isComplete(first), "still readable by whoever followed the old pointer");

    // a third commit removes the first run (replaced twice), keeps the second
    Path third;
    try (RunFolder folder = RunFolder.open(out, AS_OF, CommitMode.MARKER)) {
      folder.seedFromCommitted();
      third = folder.commit();
    }
    assertFalse(Files.exists(first));
    assertTrue(RunLayout.isComplete(second));
    assertEquals(third, RunLayout.committed(out, AS_OF).orElseThrow());

    // the rename commit takes over: the pointer goes, the date's folder is the run
    Map<String, String> latest = Manifest.outputs(third);
    assertTrue(latest.containsKey("quality/note.txt"), latest.toString());
    try (RunFolder folder = RunFolder.open(out, AS_OF, CommitMode.RENAME)) {
      folder.seedFromCommitted();
      assertEquals(out.resolve("2026-06-30"), folder.commit());
    }
    assertFalse(Files.exists(out.resolve("2026-06-30.LATEST")));
    assertEquals(out.resolve("2026-06-30"), RunLayout.committed(out, AS_OF).orElseThrow());
    assertEquals(latest, Manifest.outputs(out.resolve("2026-06-30")));
  }

  @Test
  void aRunThatFailsBeforeItsMarkerLeavesThePreviousRunCommitted(@TempDir Path out)
      throws IOException {
    Path first = ingest(out);
    Map<String, String> before = Manifest.outputs(first);
    String pointer = Files.readString(out.resolve("2026-06-30.LATEST"));
    RapportConfig c = Stages.loadConfig(config);
    Stage crash = new CrashingStage();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                Pipeline.run(
                    TestSpark.session(),
                    c,
                    AS_OF,
                    out,
                    List.of(new IngestStage(), crash),
                    false,
                    Progress.silent()));
    assertEquals("a crash in the middle of the run", e.getMessage());
    assertEquals(pointer, Files.readString(out.resolve("2026-06-30.LATEST")));
    assertEquals(first, RunLayout.committed(out, AS_OF).orElseThrow());
    assertEquals(before, Manifest.outputs(first));
    List<Path> runs;
    try (var s = Files.list(out.resolve("runs"))) {
      runs = s.sorted().toList();
    }
    assertEquals(2, runs.size(), runs.toString());
    Path failed = runs.stream().filter(p -> !p.equals(first)).findFirst().orElseThrow();
    assertFalse(RunLayout.isComplete(failed), "the failed run has no _SUCCESS");
    assertTrue(Files.isRegularFile(failed.resolve("crash/half.txt")), "kept for a look");

    // the next run of the date removes the failed one
    Path next = ingest(out);
    assertFalse(Files.exists(failed));
    assertEquals(next, RunLayout.committed(out, AS_OF).orElseThrow());
  }

  @Test
  void anUnknownCommitModeIsAConfigurationError(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("rapport.yaml");
    Files.writeString(
        bad,
        Files.readString(config)
            .replace("commit: marker", "commit: atomic")
            .replace("customers.csv", world.resolve("customers.csv").toString())
            .replace("orders.csv", world.resolve("orders.csv").toString()));
    RapportException e = assertThrows(RapportException.class, () -> Stages.loadConfig(bad));
    assertEquals(ExitCode.USAGE, e.exitCode());
    assertTrue(e.getMessage().contains("output.commit"), e.getMessage());
    assertTrue(e.getMessage().contains("rename, marker, auto"), e.getMessage());
  }
}
