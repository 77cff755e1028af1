package rapport.retention;

import java.nio.file.Path;
import java.time.LocalDate;
import rapport.cli.Main;
import rapport.spark.SparkSessions;
import rapport.testing.TruthTouches;

/**
 * The command-line check on a big generated world, while the classify stage has not landed:
 * ingest with the CLI, write tables/touches from the world's truth ({@link TruthTouches}), then run
 * {@code rapport retention} on that run. Not a test; run it as
 *
 * <pre>
 *   java -cp ... rapport.retention.RetentionCheck WORLD_DIR OUT_DIR
 * </pre>
 */
public final class RetentionCheck {
  private RetentionCheck() {}

  public static void main(String[] args) {
    Path world = Path.of(args[0]);
    Path out = Path.of(args[1]);
    String config = world.resolve("rapport.yaml").toString();
    int code = Main.execute("ingest", "--config", config, "--out", out.toString());
    if (code != 0) {
      System.exit(code);
    }
    LocalDate asOf = LocalDate.parse(args.length > 2 ? args[2] : "2026-06-30");
    long n =
        TruthTouches.write(SparkSessions.forCli(null, false), out.resolve(asOf.toString()), world);
    System.err.println("tables/touches written from the truth: " + n + " rows");
    code = Main.execute("score", "--config", config, "--out", out.toString());
    if (code != 0) {
      System.exit(code);
    }
    System.exit(Main.execute("retention", "--config", config, "--out", out.toString()));
  }
}
