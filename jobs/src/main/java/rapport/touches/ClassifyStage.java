package rapport.touches;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import rapport.run.RunContext;
import rapport.run.Stage;
import rapport.schema.Columns;
import rapport.schema.Schemas;
import rapport.schema.Touches;

/**
 * The classify stage: reads interactions, customers (and orders and reps when the run has them),
 * writes {@code tables/touches} with one row per interaction before the as-of date.
 */
public final class ClassifyStage implements Stage {
  @Override
  public String name() {
    return "classify";
  }

  @Override
  public List<String> needs() {
    // interactions are optional (SPEC §5.1): without them the touches table is empty
    return List.of(Schemas.CUSTOMERS.name());
  }

  public static String description() {
    return "Tell automated touches from personal ones: templates, bursts, conversations and"
        + " specificity to the customer; write tables/touches with a score and reasons.";
  }

  @Override
  public Stage.Result run(RunContext ctx) {
    TouchSettings settings = ctx.config().section(TouchSettings.class);
    if (!ctx.hasTable(Schemas.INTERACTIONS.name())) {
      ctx.writeTable(
          Touches.TABLE,
          ctx.spark().createDataFrame(List.<Row>of(), Touches.SCHEMA),
          0,
          Columns.INTERACTION_ID);
      ctx.progress()
          .line(
              "  no interactions input: no touches to classify; the touch-based parts will say"
                  + " there were none");
      return ctx.result();
    }
    Dataset<Row> interactions = ctx.table(Schemas.INTERACTIONS.name());
    Dataset<Row> customers = ctx.table(Schemas.CUSTOMERS.name());
    Dataset<Row> orders =
        ctx.hasTable(Schemas.ORDERS.name()) ? ctx.table(Schemas.ORDERS.name()) : null;
    Dataset<Row> reps = ctx.hasTable(Schemas.REPS.name()) ? ctx.table(Schemas.REPS.name()) : null;
    Instant cut = ctx.asOf().atStartOfDay(ctx.config().timeZone()).toInstant();
    ctx.spark().sparkContext().setJobDescription("classify: names and reps");
    ClassifyTouches.Inputs in =
        new ClassifyTouches.Inputs(
            ClassifyCounts.names(customers, reps),
            ClassifyCounts.repIds(reps),
            cut,
            ctx.config().timeZone(),
            settings);
    Dataset<Row> touches = ClassifyTouches.classify(interactions, customers, orders, in).cache();
    ctx.spark().sparkContext().setJobDescription("classify: touches");
    ctx.progress().follow(ctx.spark(), "classifying touches");
    Map<String, Long> kinds;
    try {
      kinds = ClassifyCounts.byKind(touches);
    } finally {
      ctx.progress().stopFollowing();
    }
    long rows = kinds.values().stream().mapToLong(Long::longValue).sum();
    long all = ctx.tableRows(Schemas.INTERACTIONS.name());
    ctx.writeTable(Touches.TABLE, touches, rows, Columns.INTERACTION_ID);
    touches.unpersist();
    StringBuilder summary = new StringBuilder();
    kinds.forEach((kind, n) -> summary.append(", ").append(kind).append(' ').append(n));
    ctx.progress()
        .line(
            "classify: %d touches%s%s",
            rows,
            summary,
            all > rows
                ? String.format("; %d interactions on or after %s left out", all - rows, ctx.asOf())
                : "");
    return ctx.result();
  }
}
