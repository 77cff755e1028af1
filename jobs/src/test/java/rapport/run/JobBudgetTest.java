package rapport.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.testing.Cli;
import rapport.testing.TestSpark;

/**
 * The job budget: a whole run on a small generated world (bad rows included) starts at most so many
 * Spark jobs per stage. Every job costs a scheduling round trip whatever the data's size, so on
 * small and mid-sized worlds the count of jobs, not the rows, sets the time. A count, not a time:
 * it does not depend on the machine or its load. A stage over its budget fails with its jobs per
 * step (job description), which says where the new jobs came from.
 */
class JobBudgetTest {
  /**
   * Jobs per stage: what each stage reached on this world (ingest 35, classify 69 with the
   * automated-kind split's template aggregate and the interactions' row count taken from ingest
   * instead of counted again, 57 with the template signals as windows instead of aggregates joined
   * back and 51 with the author's minute and the usual day as windows too, score 122 with the
   * backtest's training table built once for both fits and the empirical fallback, 119 with the
   * repeat buyers counted with the BG/NBD triples, 108 with the features' household reach a window
   * instead of a self-join and 106 with the main rep's years counted in the same aggregation, then
   * 56 with the fits' small results sorted on the driver, the features shuffled once per customer
   * and the counts taken from aggregations already made (56 on the sample too), retention 146, 161
   * with the dropout model's purchase histories, then 109 with the person-periods' RFM grid in one
   * aggregation, a segmentation's counts and curves in one and the touch mix in one (109 on the
   * sample too), 71 with the backtest's feature sets, the segmentations' counts and BG/NBD's
   * summaries each in one pass, small results sorted on the driver and the Cox rows loaded without
   * counting them first (71 on the sample too), outreach 46, report 39 with the score history
   * appended after the commit) plus one or two, since adaptive execution does not always plan the
   * same number of query stages.
   */
  static final Map<String, Integer> BUDGET = new LinkedHashMap<>();

  static {
    BUDGET.put("ingest", 36);
    BUDGET.put("classify", 52);
    BUDGET.put("score", 58);
    BUDGET.put("retention", 73);
    BUDGET.put("outreach", 47);
    BUDGET.put("report", 40);
  }

  @TempDir Path dir;

  @Test
  void everyStageStaysWithinItsJobBudget() {
    Path world = dir.resolve("world");
    Cli generated =
        Cli.run(
            "generate",
            "--customers",
            "120",
            "--seed",
            "7",
            "--bad-rows",
            "0.01",
            "--out",
            world.toString());
    assertEquals(0, generated.exitCode, generated.toString());
    Map<String, Integer> jobs;
    Map<String, Map<String, Integer>> steps = new LinkedHashMap<>();
    try (JobCounter counter = JobCounter.attach(TestSpark.session())) {
      Cli run =
          Cli.run(
              "run",
              "--config",
              world.resolve("rapport.yaml").toString(),
              "--out",
              dir.resolve("out").toString());
      assertEquals(0, run.exitCode, run.toString());
      counter.settle();
      jobs = counter.byStage();
      for (String stage : jobs.keySet()) {
        steps.put(stage, counter.bySteps(stage));
      }
    }
    assertEquals(List.copyOf(BUDGET.keySet()), stagesRun(jobs), "stages counted: " + jobs);
    List<String> over = new ArrayList<>();
    BUDGET.forEach(
        (stage, budget) -> {
          int n = jobs.getOrDefault(stage, 0);
          if (n > budget) {
            over.add(
                stage
                    + ": "
                    + n
                    + " Spark jobs, budget "
                    + budget
                    + "; per step "
                    + steps.get(stage));
          }
        });
    assertTrue(
        over.isEmpty(),
        "stages over their job budget (find the extra actions, or raise the budget in "
            + "JobBudgetTest with the reason):\n"
            + String.join("\n", over)
            + "\nall: "
            + jobs);
  }

  /** The stages that started jobs, without the jobs outside any stage (generate, session start). */
  private static List<String> stagesRun(Map<String, Integer> jobs) {
    return jobs.keySet().stream().filter(BUDGET::containsKey).toList();
  }
}
