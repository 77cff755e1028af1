package rapport.scores;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import rapport.config.RapportConfig;
import rapport.run.Explained;
import rapport.run.RunContext;
import rapport.run.RunFiles;
import rapport.run.Stage;
import rapport.schema.Columns;
import rapport.schema.Schemas;
import rapport.schema.Scores;
import rapport.schema.Touches;

/**
 * The score stage: reads customers, orders, touches (and reps and interactions when there are),
 * computes {@link RelationshipScores}, and writes tables/relationship_scores,
 * tables/household_scores and scores/explain.txt.
 */
public final class ScoreStage implements Stage, Explained {

  @Override
  public String name() {
    return "score";
  }

  @Override
  public List<String> needs() {
    // touches are optional so that a world without interactions is scored on purchases alone
    return List.of(Schemas.CUSTOMERS.name(), Schemas.ORDERS.name());
  }

  public static String description() {
    return "Score every relationship: personal and automated indices, a retention-calibrated"
        + " score, P(alive), expected value, flags and reasons.";
  }

  @Override
  public String explainFile() {
    return Explanation.FILE;
  }

  @Override
  public Stage.Result run(RunContext ctx) {
    RapportConfig config = ctx.config();
    ScoreSettings settings = config.section(ScoreSettings.class);
    RelationshipScores.Inputs in =
        new RelationshipScores.Inputs(
            ctx.table(Schemas.CUSTOMERS.name()),
            ctx.table(Schemas.ORDERS.name()),
            touches(ctx),
            optional(ctx, Schemas.INTERACTIONS.name()),
            optional(ctx, Schemas.REPS.name()));
    ctx.spark().sparkContext().setJobDescription("score: features, fits and scores");
    RelationshipScores.Result result =
        RelationshipScores.compute(
            ctx.spark(), in, ctx.asOf(), config.horizonDays(), config.timeZone().getId(), settings);
    Dataset<Row> scores = result.scores().persist(StorageLevel.MEMORY_AND_DISK());
    // the customers per score_model, for explain.txt, add up to the table's rows
    Map<String, Long> byModel = Fallback.counts(scores);
    long rows = byModel.values().stream().mapToLong(Long::longValue).sum();
    ctx.progress().line("score: %s customers scored", rows);
    ctx.writeTable(Scores.TABLE, scores, rows, Columns.CUSTOMER_ID);
    Dataset<Row> households = result.households().persist(StorageLevel.MEMORY_AND_DISK());
    ctx.writeTable(Scores.HOUSEHOLDS_TABLE, households, households.count(), Columns.HOUSEHOLD_ID);
    households.unpersist();
    String text = result.explanation().text(settings, byModel);
    scores.unpersist();
    ctx.writeText(Explanation.FILE, text);
    writePurchaseModel(ctx, result.explanation().lifetime());
    return ctx.result();
  }

  /** The run's one BG/NBD fit, for the retention stage; none (no file) without a fit. */
  private static void writePurchaseModel(RunContext ctx, Lifetime.Fit life) {
    Path file = ctx.path(PurchaseModelFile.FILE);
    if (life == null || life.bgNbd() == null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw RunFiles.cannotWrite(file, e);
      }
      return;
    }
    PurchaseModelFile.write(file, life.bgNbd(), life.bgNbdStatus());
    ctx.recordOutput(PurchaseModelFile.FILE, 1);
  }

  /** tables/touches, or an empty one (said on the progress line) when classify wrote none. */
  private static Dataset<Row> touches(RunContext ctx) {
    if (ctx.hasTable(Touches.TABLE)) {
      return ctx.table(Touches.TABLE);
    }
    ctx.progress()
        .line(
            "score: no tables/touches (run classify first when there are interactions): the"
                + " scores rest on purchases alone");
    return ctx.spark().createDataFrame(List.<Row>of(), Touches.SCHEMA);
  }

  private static Dataset<Row> optional(RunContext ctx, String table) {
    return ctx.hasTable(table) ? ctx.table(table) : null;
  }
}
