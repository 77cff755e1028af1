package rapport.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Progress on stderr: one closing line per stage, what a stage says on the way only with details
 * (--verbose), and on a terminal a status line with the step, the rows, the elapsed time and an
 * estimate of the rest.
 */
class ProgressTest {
  private static final String MODEL_TABLE = "Cox model: hazard ratio of a personal touch 0.71";

  private static String runTwoStages(boolean details) {
    StringWriter s = new StringWriter();
    Progress p = new Progress(new PrintWriter(s, true), false, details);
    p.line("rapport: as of 2026-06-30");
    p.plan(List.of("ingest", "retention"), Map.of());
    p.stageStarted(null, "ingest");
    p.stageDone("orders 12 read, 1 quarantined", 0.42);
    p.stageStarted(null, "retention");
    p.line("%s", MODEL_TABLE);
    p.stageDone("retention_model 9 rows", 1.25);
    p.line("done");
    return s.toString();
  }

  @Test
  void withoutDetailsAStageIsOneLine() {
    assertEquals(
        List.of(
            "rapport: as of 2026-06-30",
            "[1/2] ingest: orders 12 read, 1 quarantined (0.4 s)",
            "[2/2] retention: retention_model 9 rows (1.3 s)",
            "done"),
        runTwoStages(false).lines().toList());
  }

  @Test
  void detailsShowWhatAStageSaysOnTheWay() {
    String text = runTwoStages(true);
    assertTrue(text.contains(MODEL_TABLE + "\n[2/2] retention: "), text);
  }

  @Test
  void theStatusLineNamesTheStepTheTimeWhatIsLeftAndTheRows() {
    assertEquals(
        "[3/6] score · 1:05, about 2:00 left · 1,234 rows · 12/40 tasks · writing relati",
        Progress.status(3, 6, "score", "writing relationship_scores", 1234, 12, 40, 65.2, 120));
    assertEquals(
        "[1/6] ingest · 0:03, estimating",
        Progress.status(1, 6, "ingest", "", 0, 0, 0, 3, Double.NaN));
    assertEquals("1:02:03", Progress.clock(3723));
  }

  @Test
  void theEstimateUsesTheLastRunElseTheStagesDoneSoFar() {
    Progress p = Progress.silent();
    p.plan(List.of("ingest", "classify", "score"), Map.of("classify", 10.0, "score", 30.0));
    p.stageStarted(null, "ingest");
    p.stageDone("", 2);
    p.stageStarted(null, "classify");
    // 4 s into classify: 6 s of it and the 30 s of score are left
    assertEquals(36.0, p.estimateLeft(4, 6), 1e-9);
    p.stageDone("", 5);

    Progress first = Progress.silent();
    first.plan(List.of("ingest", "classify", "score"), Map.of());
    first.stageStarted(null, "ingest");
    assertTrue(Double.isNaN(first.estimateLeft(1, 1)), "nothing to go by yet");
    first.stageDone("", 4);
    first.stageStarted(null, "classify");
    // 4 s per stage so far: 3 s of classify and 4 s of score are left
    assertEquals(7.0, first.estimateLeft(1, 5), 1e-9);
    assertFalse(Double.isNaN(first.estimateLeft(9, 13)));
  }
}
