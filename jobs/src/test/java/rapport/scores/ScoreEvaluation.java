package rapport.scores;

import java.nio.file.Path;
import java.time.LocalDate;
import rapport.cli.Main;
import rapport.config.ConfigLoader;
import rapport.config.RapportConfig;
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
 */
public final class ScoreEvaluation {
  private ScoreEvaluation() {}

  public static void main(String[] args) {
    Path world = Path.of(args[0]);
    Path out = Path.of(args[1]);
    Evaluation.Measures m = run(world, out, false);
    System.out.print(m.text());
  }

  static Evaluation.Measures run(Path world, Path out, boolean tests) {
    Path config = world.resolve("rapport.yaml");
    RapportConfig c = ConfigLoader.load(config);
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
