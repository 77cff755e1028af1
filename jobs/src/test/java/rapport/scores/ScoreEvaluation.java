package rapport.scores;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import rapport.cli.Main;
import rapport.cli.Stages;
import rapport.config.RapportConfig;
import rapport.schema.Scores;
import rapport.spark.SparkSessions;
import rapport.testing.TruthTouches;

/**
 * Not a test: scores a generated world end to end and measures the ranking against its truth.
 * Ingests the world with the CLI, writes tables/touches from the truth labels (standing in for
 * classify), runs {@code score}, then prints AUC and Spearman against the baseline. Run from the
 * project root after {@code mvn -o test-compile}:
 *
 * <pre>
 *   ./rapport generate --customers 10000 --seed 5 --out /tmp/w10k
 *   java -cp jobs/target/classes:jobs/target/test-classes:$(cat target/cp.txt) \
 *       rapport.scores.ScoreEvaluation /tmp/w10k /tmp/w10k-run
 * </pre>
 *
 * With {@code --examples RUN_DIR} it only prints five customers' reasons from a committed run; with
 * {@code --measure WORLD RUN_DIR} it only measures a committed run (e.g. one whose touches came
 * from classify) against the world's truth.
 */
public final class ScoreEvaluation {
  private ScoreEvaluation() {}

  public static void main(String[] args) {
    if (args[0].equals("--measure")) {
      RapportConfig c = Stages.loadConfig(Path.of(args[1]).resolve("rapport.yaml"));
      System.out.print(
          Evaluation.of(
                  SparkSessions.forCli(null, false),
                  Path.of(args[2]),
                  Path.of(args[1]),
                  c.asOf().orElseThrow(),
                  c.horizonDays(),
                  c.timeZone().getId())
              .text());
      return;
    }
    if (args[0].equals("--examples")) {
      printExamples(SparkSessions.forCli(null, false), Path.of(args[1]));
      return;
    }
    Path world = Path.of(args[0]);
    Path out = Path.of(args[1]);
    Evaluation.Measures m = run(world, out, false);
    System.out.print(m.text());
    RapportConfig c = Stages.loadConfig(world.resolve("rapport.yaml"));
    Path run = out.resolve(c.asOf().orElseThrow().toString());
    printExamples(SparkSessions.forCli(null, false), run);
  }

  /** Five customers' reasons: the first masked, the first rep-dependent, and three more by id. */
  static void printExamples(SparkSession spark, Path run) {
    Dataset<Row> s = spark.read().parquet(run.resolve("tables").resolve(Scores.TABLE).toString());
    List<Row> picked = new ArrayList<>();
    picked.addAll(s.filter("is_masked").orderBy("customer_id").limit(1).collectAsList());
    picked.addAll(s.filter("has_rep_dependency").orderBy("customer_id").limit(1).collectAsList());
    picked.addAll(
        s.filter("not is_masked and not has_rep_dependency")
            .orderBy("customer_id")
            .limit(3)
            .collectAsList());
    for (Row r : picked) {
      System.out.printf(
          Locale.ROOT,
          "%s score %.1f personal %.1f automated %.1f masked %s rep-dependent %s%n",
          r.getAs("customer_id"),
          (Double) r.getAs("relationship_score"),
          (Double) r.getAs("personal_index"),
          (Double) r.getAs("automated_index"),
          r.getAs("is_masked"),
          r.getAs("has_rep_dependency"));
      List<String> codes = r.getList(r.fieldIndex("reason_codes"));
      List<String> evidence = r.getList(r.fieldIndex("reason_evidence"));
      for (int i = 0; i < codes.size(); i++) {
        System.out.printf("    %s: %s%n", codes.get(i), evidence.get(i));
      }
    }
  }

  static Evaluation.Measures run(Path world, Path out, boolean tests) {
    Path config = world.resolve("rapport.yaml");
    RapportConfig c = Stages.loadConfig(config);
    LocalDate asOf = c.asOf().orElseThrow();
    check(Main.execute("ingest", "--config", config.toString(), "--out", out.toString()));
    var spark = tests ? rapport.testing.TestSpark.session() : SparkSessions.forCli(null, false);
    Path run = out.resolve(asOf.toString());
    TruthTouches.write(spark, run, world);
    check(Main.execute("score", "--config", config.toString(), "--out", out.toString()));
    return Evaluation.of(spark, run, world, asOf, c.horizonDays(), c.timeZone().getId());
  }

  private static void check(int code) {
    if (code != 0) {
      throw new IllegalStateException("rapport exited with " + code);
    }
  }
}
